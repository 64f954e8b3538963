package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.util.List;

/**
 * Inspects every record before it is indexed. A rejected record is not indexed (and is counted); an admitted one
 * may carry tags, indexed in {@link FilterFields#TAG}. Implementations must be thread-safe and should be fast: they run
 * once per record. An exception from a hook fails the write (for bulk runs: the whole run is rolled back).
 */
public interface IndexTimeHook {

  /** The verdict on a post. */
  Verdict inspect(Post post);

  /** The verdict on a channel. */
  Verdict inspect(Channel channel);

  /**
   * Told of each post the index rejects without asking {@link #inspect(Post)}: its channel was rejected at index
   * time (the index remembers it, see {@link ContentIndex}), so the post is rejected whatever a hook would say.
   * Lets the hook log and count it. Default: nothing.
   *
   * @param channelRuleIds the rules that rejected the channel
   */
  default void rejectedWithChannel(Post post, List<String> channelRuleIds) {}

  /**
   * A bulk run ({@link ContentIndex#index}) starts: the verdicts given from now until {@link #runEnded} belong to
   * a run that may still be rolled back, so what the hook records of them must be undoable. Default: nothing.
   */
  default void runStarted() {}

  /**
   * The bulk run ended: {@code committed} (its records are in the index), or rolled back (none of them is, and
   * what the hook recorded of its verdicts should be taken back). Default: nothing.
   */
  default void runEnded(boolean committed) {}

  /** A hook that admits everything without tags. */
  static IndexTimeHook admitAll() {
    return AdmitAll.INSTANCE;
  }

  /** The outcome of an inspection: {@link Admit} or {@link Reject}. */
  sealed interface Verdict permits Admit, Reject {
    /** Admit without tags. */
    static Verdict admit() { return Admit.PLAIN; }

    /** Admit and index the given tags. */
    static Verdict admit(List<String> tags) { return new Admit(tags); }

    /** Reject, naming the rules that demand it (non-empty). */
    static Verdict reject(List<String> ruleIds) { return new Reject(ruleIds); }
  }

  /** Index the record, with {@code tags} in {@link FilterFields#TAG}. */
  record Admit(List<String> tags) implements Verdict {
    static final Admit PLAIN = new Admit(List.of());

    public Admit {
      tags = List.copyOf(tags);
    }
  }

  /** Do not index the record; {@code ruleIds} says why. */
  record Reject(List<String> ruleIds) implements Verdict {
    public Reject {
      ruleIds = List.copyOf(ruleIds);
      if (ruleIds.isEmpty()) throw new IllegalArgumentException("a rejection names at least one rule");
    }
  }
}

/** The default hook. */
enum AdmitAll implements IndexTimeHook {
  INSTANCE;

  @Override
  public Verdict inspect(Post post) { return Verdict.admit(); }

  @Override
  public Verdict inspect(Channel channel) { return Verdict.admit(); }
}
