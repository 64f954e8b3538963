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

  /** Where the running bulk run's rejections start in the log; -1 outside a run. */
  private long runMark = -1;

  @Override
  public synchronized void runStarted() {
    if (log == null) return;
    try {
      runMark = log.mark();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rejection log", e);
    }
  }

  @Override
  public synchronized void runEnded(boolean committed) {
    long mark = runMark;
    runMark = -1;
    if (log == null || committed || mark < 0) return;
    try {
      // Nothing of the run is in the index: neither may its rejections be in the log, or explain would name them.
      log.truncate(mark);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take back the rolled-back run's lines of the rejection log", e);
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
