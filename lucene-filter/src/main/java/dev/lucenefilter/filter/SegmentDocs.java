package dev.lucenefilter.filter;

import dev.lucenefilter.text.WordsTokenizer;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Collects the documents of one segment that hold given terms, prefixes, automaton matches or query matches into
 * a {@link FixedBitSet}, and keeps only posts or only channels. Deleted documents are included on purpose (as
 * {@link ContentFilter#hidden} allows): the sets are cached per segment core, and live docs are applied when the
 * segment is read. The public methods are what a third-party filter needs in any package; they are the same code
 * the built-in filters use, so its segment sets agree with theirs.
 */
public final class SegmentDocs {
  private SegmentDocs() {}

  /** Sets in {@code out} every document of {@code segment} that {@code query} matches. */
  public static void matching(LeafReaderContext segment, Query query, FixedBitSet out) throws IOException {
    IndexSearcher searcher = new IndexSearcher(segment.reader());
    searcher.setQueryCache(null);
    Weight w = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    Scorer s = w.scorer(searcher.getIndexReader().leaves().get(0));
    if (s != null) out.or(s.iterator());
  }

  /**
   * Clears in {@code bits} every document of {@code segment} that is not of {@code kind}
   * ({@link FilterFields#KIND_POST} or {@link FilterFields#KIND_CHANNEL}).
   */
  public static void keepKind(String kind, LeafReaderContext segment, FixedBitSet bits) throws IOException {
    FixedBitSet keep = new FixedBitSet(bits.length());
    terms(segment.reader(), FilterFields.KIND, List.of(kind), keep);
    bits.and(keep);
  }

  /** Sets every document that has one of {@code terms} in {@code field}. */
  static void terms(LeafReader leaf, String field, Collection<String> terms, FixedBitSet out) throws IOException {
    Terms t = leaf.terms(field);
    if (t == null || terms.isEmpty()) return;
    TermsEnum te = t.iterator();
    PostingsEnum pe = null;
    int seen = 0;
    for (String term : terms) {
      // A hidden channel's posts are one term: thousands of them make a step of a warm-up's final set.
      if ((++seen & 255) == 0) WarmupPacing.step();
      if (te.seekExact(new BytesRef(term))) {
        pe = te.postings(pe, PostingsEnum.NONE);
        out.or(pe);
      }
    }
  }

  /**
   * The documents with a word longer than the index keeps in the words field {@code field} ({@link
   * FilterFields#NWORDS} or {@link FilterFields#RWORDS}: its term is the word's beginning, and {@link
   * WordsTokenizer#LONG_WORD} marks the value), or null when there is none. What the field holds of them is not
   * their words, so word rules decide them on their stored text.
   */
  static FixedBitSet longWords(LeafReader leaf, String field) throws IOException {
    Terms t = leaf.terms(field);
    if (t == null) return null;
    TermsEnum te = t.iterator();
    if (!te.seekExact(LONG_WORD)) return null;
    FixedBitSet out = new FixedBitSet(leaf.maxDoc());
    out.or(te.postings(null, PostingsEnum.NONE));
    return out;
  }

  private static final BytesRef LONG_WORD = new BytesRef(WordsTokenizer.LONG_WORD);

  /** Sets every document that has a term in {@code field} starting with {@code prefix}. */
  static void prefix(LeafReader leaf, String field, String prefix, FixedBitSet out) throws IOException {
    automaton(leaf, field, new CompiledAutomaton(PrefixQuery.toAutomaton(new BytesRef(prefix)), false, true, true),
        out);
  }

  /** Sets every document that has a term in {@code field} accepted by {@code automaton}. */
  static void automaton(LeafReader leaf, String field, CompiledAutomaton automaton, FixedBitSet out)
      throws IOException {
    Terms t = leaf.terms(field);
    if (t == null) return;
    TermsEnum te = automaton.getTermsEnum(t);
    PostingsEnum pe = null;
    while (te.next() != null) {
      pe = te.postings(pe, PostingsEnum.NONE);
      out.or(pe);
    }
  }
}
