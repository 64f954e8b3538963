package dev.lucenefilter.filter;

import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOConsumer;
import org.apache.lucene.util.RoaringDocIdSet;

/**
 * Base of the built-in filters: one per policy rule type. The query side unions, for every active rule of the
 * type, the rule's documents in the segment, computed once per (rule content, segment core) and kept in the
 * {@link ExclusionCache} store, so a rule that survives a policy edit (or moves in its file) is not evaluated again.
 *
 * @param <R> the rule class
 */
abstract class RuleFilter<R extends Rule> implements ContentFilter {
  private final Class<R> type;
  private final String name;

  RuleFilter(Class<R> type, String name) {
    this.type = type;
    this.name = name;
  }

  @Override
  public final String name() { return name; }

  /** The one rule type this filter enforces: its name. */
  @Override
  public final java.util.Set<String> ruleTypes() { return java.util.Set.of(name); }

  @Override
  public final void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException {
    // One scratch set for every rule built here: the sets kept are compact copies, and a swap builds many rules.
    FixedBitSet[] scratch = new FixedBitSet[1];
    int seen = 0;
    for (R rule : ctx.active(type)) {
      // A thousand cached sets take milliseconds to combine: a step of their own.
      if ((++seen & 63) == 0) WarmupPacing.step();
      or(out, ctx.ruleSets().slot(rule, segment.reader()).value(() -> {
        if (scratch[0] == null) scratch[0] = new FixedBitSet(out.length());
        else scratch[0].clear();
        ruleDocs(ctx, rule, segment, scratch[0]);
        WarmupPacing.step();
        return compact(scratch[0]);
      }));
    }
  }

  /** Builds the documents of several rules of one segment in one go. */
  @FunctionalInterface
  interface Batch<R extends Rule> {
    /**
     * Computes the documents of each of {@code rules} (before channel-to-post propagation) and hands them to
     * {@code done}, compact, one rule after the other in their order.
     */
    void build(List<R> rules, IOConsumer<DocIdSet> done) throws IOException;
  }

  /**
   * Adds to {@code out} the documents of {@code rules} in the segment, building together those missing from the
   * store, so that work they share (reading stored records, running a matcher over them) is done once for all of
   * them, not once per rule: claims each rule's slot, has {@code batch} build the slots this thread claimed, filling
   * each as soon as it is built, then waits for those other threads are building.
   */
  static <R extends Rule> void together(FilterContext ctx, List<R> rules, LeafReaderContext segment, FixedBitSet out,
      Batch<R> batch) throws IOException {
    LeafReader leaf = segment.reader();
    List<R> mine = new ArrayList<>();
    List<ExclusionCache.Slot<DocIdSet>> mySlots = new ArrayList<>();
    List<ExclusionCache.Slot<DocIdSet>> others = new ArrayList<>();
    ExclusionCache.Slot<DocIdSet> claiming = null;
    try {
      // Claimed inside the try: a slot this thread claimed and then could not build (an error allocating the next
      // rule's sets) must fail, or every later build needing it would wait for it forever.
      for (R r : rules) {
        claiming = ctx.ruleSets().slot(r, leaf);
        (claiming.mine() ? mySlots : others).add(claiming);
        if (claiming.mine()) mine.add(r);
        claiming = null;
      }
      if (!mine.isEmpty()) {
        int[] filled = {0};
        batch.build(mine, set -> or(out, mySlots.get(filled[0]++).fill(set)));
        if (filled[0] != mine.size()) {
          throw new IllegalStateException("built " + filled[0] + " of " + mine.size() + " rules' documents");
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      if (claiming != null && claiming.mine()) claiming.fail(e);
      for (ExclusionCache.Slot<DocIdSet> slot : mySlots) slot.fail(e); // nothing for those already filled
      throw e;
    }
    // Only after our own slots are filled: a thread waiting on one of ours may be building one of these.
    int seen = 0;
    for (ExclusionCache.Slot<DocIdSet> slot : others) {
      if ((++seen & 63) == 0) WarmupPacing.step();
      or(out, slot.join());
    }
  }

  /** A rule's documents in the compact form the store keeps. */
  static DocIdSet compact(FixedBitSet bits) throws IOException {
    RoaringDocIdSet.Builder b = new RoaringDocIdSet.Builder(bits.length());
    b.add(new BitSetIterator(bits, 0));
    return b.build();
  }

  static void or(FixedBitSet out, DocIdSet docs) throws IOException {
    DocIdSetIterator it = docs.iterator();
    if (it != null) out.or(it);
  }

  /** Sets every document of the segment that {@code rule} hides (before channel-to-post propagation). */
  abstract void ruleDocs(FilterContext ctx, R rule, LeafReaderContext segment, FixedBitSet out) throws IOException;

  /** True when the rule looks at the post side of a post. */
  static boolean readsPost(Rule r) { return r.target() != Target.CHANNEL; }

  /** True when the rule looks at the channel side (of a post, or a channel record). */
  static boolean readsChannel(Rule r) { return r.target() != Target.POST; }

  /** True when the rule looks at the given side. */
  static boolean reads(Rule r, MatchSink.Side side) { return side == MatchSink.Side.POST ? readsPost(r) : readsChannel(r); }

  /**
   * Keeps in {@code bits} only the kinds of documents the rule may hide by what the field holds: posts when it
   * reads the post side, channel records when it reads the channel side.
   */
  static void restrictToSides(Rule r, LeafReaderContext segment, FixedBitSet bits) throws IOException {
    if (readsPost(r) == readsChannel(r)) return;
    SegmentDocs.keepKind(readsPost(r) ? FilterFields.KIND_POST : FilterFields.KIND_CHANNEL, segment, bits);
  }
}
