package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of a segment where the words of a multi-word phrase pattern can stand as consecutive tokens of the
 * normalized-words field: a superset of the pattern's matches, which the phrase filter then verifies on the stored
 * record. Only documents holding every word are looked at (Lucene's conjunction of their postings); of those, a
 * document is kept when each next word has a position its predecessor's token can reach.
 *
 * <p>Why no match is lost: a token's position is its first graph node ({@code NormalizedWordsAnalyzer}), two
 * consecutive tokens {@code a, b} of a match have {@code endNode(a) == startNode(b)}, and a token spans at most as
 * many graph nodes as its form has code points (it joins plain words of at least one code point each, and
 * normalization maps code points one to one). So the word after {@code w} starts between 1 and
 * {@code codePoints(w)} positions after {@code w}. The index keeps no position lengths, and Lucene's phrase and span
 * queries bound the slop of the whole phrase rather than each gap by its word, hence this check of our own.
 *
 * <p>The verification reads and decompresses a stored record per candidate, so candidates are what a policy edit
 * pays for: phrases of common words are held by many documents that do not hold them side by side. A field indexed
 * without positions gets the conjunction alone. Deleted documents are included, as {@link SegmentDocs} does.
 */
final class PhraseCandidates {
  private PhraseCandidates() {}

  /**
   * Sets in {@code out} every document of {@code leaf} where {@code words} can be consecutive tokens of {@code field}
   * (one word: every document holding it).
   *
   * @throws IllegalArgumentException when {@code words} is empty
   */
  static void collect(LeafReader leaf, String field, List<String> words, FixedBitSet out) throws IOException {
    // No word bounds nothing: returning no candidate would let every match through unverified.
    if (words.isEmpty()) throw new IllegalArgumentException("a phrase pattern without a whole word has no candidates");
    FieldInfo info = leaf.getFieldInfos().fieldInfo(field);
    Terms terms = leaf.terms(field);
    if (info == null || terms == null) return;
    boolean positions = info.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
    TermsEnum te = terms.iterator();
    // One postings enum per distinct word: a repeated word reads its positions once.
    Map<String, Integer> slotOf = new HashMap<>();
    List<PostingsEnum> postings = new ArrayList<>();
    int[] slots = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      Integer slot = slotOf.get(words.get(i));
      if (slot == null) {
        if (!te.seekExact(new BytesRef(words.get(i)))) return; // a word no document holds: no candidate
        slot = postings.size();
        slotOf.put(words.get(i), slot);
        postings.add(te.postings(null, positions ? PostingsEnum.POSITIONS : PostingsEnum.NONE));
      }
      slots[i] = slot;
    }
    DocIdSetIterator all = postings.size() == 1 ? postings.get(0) : ConjunctionUtils.intersectIterators(postings);
    if (!positions || words.size() == 1) {
      out.or(all);
      return;
    }
    int[] maxGap = new int[words.size()];
    for (int i = 0; i < words.size(); i++) maxGap[i] = words.get(i).codePointCount(0, words.get(i).length());
    Chain chain = new Chain(postings.size());
    int seen = 0;
    for (int doc = all.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = all.nextDoc()) {
      // Common words meet in many documents: a query waiting for this core gets it every thousand or so.
      if ((++seen & 1023) == 0) WarmupPacing.step();
      // The conjunction leaves every enum on this document.
      for (int s = 0; s < postings.size(); s++) chain.read(s, postings.get(s));
      if (chain.holds(slots, maxGap)) out.set(doc);
    }
  }

  /** Positions of each distinct word in the current document, and the scratch of the reachability walk. */
  private static final class Chain {
    private final int[][] positions;
    private final int[] counts;
    private int[] reach = new int[16];
    private int[] next = new int[16];

    Chain(int words) {
      positions = new int[words][16];
      counts = new int[words];
    }

    void read(int slot, PostingsEnum pe) throws IOException {
      int n = pe.freq();
      if (positions[slot].length < n) positions[slot] = new int[Math.max(n, positions[slot].length * 2)];
      for (int k = 0; k < n; k++) positions[slot][k] = pe.nextPosition();
      counts[slot] = n;
    }

    /**
     * Whether positions p1 < p2 < … exist with word i at p_i and {@code 1 <= p_{i+1} - p_i <= maxGap[i]}. Walks
     * the words keeping the positions where the chain so far can stand (positions ascend, so two pointers do).
     */
    boolean holds(int[] slots, int[] maxGap) {
      int reachCount = counts[slots[0]];
      reach = ensure(reach, reachCount);
      System.arraycopy(positions[slots[0]], 0, reach, 0, reachCount);
      for (int i = 1; i < slots.length; i++) {
        int[] candidates = positions[slots[i]];
        int n = counts[slots[i]];
        next = ensure(next, n);
        int kept = 0;
        int j = 0;
        for (int k = 0; k < n; k++) {
          int q = candidates[k];
          while (j < reachCount && reach[j] < q - maxGap[i - 1]) j++;
          if (j < reachCount && reach[j] <= q - 1) next[kept++] = q;
        }
        if (kept == 0) return false;
        int[] t = reach;
        reach = next;
        next = t;
        reachCount = kept;
      }
      return true;
    }

    private static int[] ensure(int[] a, int n) { return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2)); }
  }
}
