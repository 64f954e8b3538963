package dev.lucenefilter.index;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The index-time side of filtering: rejects every record an active {@code reject} rule matches (it is never
 * stored, in any jurisdiction), logs each rejection, and stores the tags filters ask for. A post is judged on
 * what it carries itself (its text, links, media, flags, channel id and username); the posts of a channel whose
 * record was rejected are rejected by the index itself, which remembers the channel ({@link ContentIndex}), and
 * logged here too ({@link #rejectedWithChannel}). Thread-safe.
 */
public final class PolicyIndexHook implements IndexTimeHook {
  private final Supplier<PolicySnapshot> snapshots;
  private final ContentFilters filters;
  private final Clock clock;
  private final RejectionLog log;
  private volatile DecisionEngine engine;

  /**
   * @param snapshots the current policy (read once per record)
   * @param filters   the filters in force
   * @param clock     the clock rule dates are evaluated against
   * @param log       where rejections are recorded, or null
   */
  public PolicyIndexHook(Supplier<PolicySnapshot> snapshots, ContentFilters filters, Clock clock, RejectionLog log) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.filters = Objects.requireNonNull(filters);
    this.clock = Objects.requireNonNull(clock);
    this.log = log;
  }

  @Override
  public Verdict inspect(Post post) { return judge(RecordView.post(post, null), FilterFields.KIND_POST, post.id()); }

  @Override
  public Verdict inspect(Channel channel) { return judge(RecordView.channel(channel), FilterFields.KIND_CHANNEL, channel.id()); }

  @Override
  public void rejectedWithChannel(Post post, List<String> channelRuleIds) {
    logRejection(FilterFields.KIND_POST, post.id(), channelRuleIds, snapshots.get().version());
  }

  @Override
  public void runStarted() {
    if (log == null) return;
    try {
      // Readers of the log (explain) see the run's rejections only if it commits, as readers of the index.
      log.beginRun();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the run's part of the rejection log", e);
    }
  }

  @Override
  public void runEnded(boolean committed) {
    if (log == null) return;
    try {
      log.endRun(committed);
    } catch (IOException e) {
      throw new UncheckedIOException(committed ? "cannot append the run's rejections to the rejection log"
          : "cannot drop the rolled-back run's rejections", e);
    }
  }

  private Verdict judge(RecordView record, String kind, String id) {
    DecisionEngine.IndexTimeDecision d = engine().indexTime(record, clock.instant());
    if (d.rejected()) {
      logRejection(kind, id, d.rejectedBy(), d.policyVersion());
      return Verdict.reject(d.rejectedBy());
    }
    return d.tags().isEmpty() ? Verdict.admit() : Verdict.admit(d.tags());
  }

  private void logRejection(String kind, String id, List<String> rules, String policyVersion) {
    if (log == null) return;
    try {
      log.log(clock.instant(), kind, id, rules, policyVersion);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejection log", e);
    }
  }

  private DecisionEngine engine() {
    PolicySnapshot s = snapshots.get();
    DecisionEngine e = engine;
    if (e == null || e.snapshot() != s) {
      e = DecisionEngine.create(s, filters, UnknownJurisdictions.GLOBAL_ONLY);
      engine = e;
    }
    return e;
  }
}
