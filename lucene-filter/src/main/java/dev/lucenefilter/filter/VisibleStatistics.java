package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Term and field statistics over the documents a reader view leaves visible (its live documents): what scores and
 * explanations may depend on, so that they never depend on what a jurisdiction may not see. Deleted documents do
 * not count either. Thread-safe.
 *
 * <p>A term's statistics are one pass over its postings in a view leaf that hides or deletes anything, a field's
 * one pass over all of its postings; both are cached with the view leaf (weakly: gone with it), at most {@value
 * #MAX_TERMS_PER_LEAF} terms a leaf. A view is shared by every query of one index reader, jurisdiction and policy,
 * so the passes are made once per refresh, jurisdiction and policy.
 */
public final class VisibleStatistics {
  /** Field statistics per view leaf: {docCount, sumTotalTermFreq, sumDocFreq}. */
  private static final Map<LeafReader, Map<String, long[]>> FIELDS = Collections.synchronizedMap(new WeakHashMap<>());
  /** Term statistics per view leaf: {docFreq, totalTermFreq}; bounded per leaf. */
  private static final Map<LeafReader, Map<Term, long[]>> TERMS = Collections.synchronizedMap(new WeakHashMap<>());
  /** Terms kept per view leaf; past it the leaf's map starts over. */
  public static final int MAX_TERMS_PER_LEAF = 16_384;

  private VisibleStatistics() {}

  /**
   * {docFreq, totalTermFreq} of {@code term} over the visible documents of {@code view}; {@code positioned} is a
   * terms enum of the same segment's field, positioned on the term. Zeros when only hidden documents hold it.
   */
  public static long[] term(LeafReader view, Term term, TermsEnum positioned) throws IOException {
    Bits visible = view.getLiveDocs();
    if (visible == null) return new long[] {positioned.docFreq(), positioned.totalTermFreq()};
    Map<Term, long[]> perTerm = TERMS.computeIfAbsent(view, k -> new ConcurrentHashMap<>());
    long[] s = perTerm.get(term);
    if (s != null) return s;
    long df = 0;
    long ttf = 0;
    PostingsEnum pe = positioned.postings(null, PostingsEnum.FREQS);
    for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
      if (visible.get(d)) {
        df++;
        ttf += pe.freq();
      }
    }
    s = new long[] {df, ttf};
    if (perTerm.size() >= MAX_TERMS_PER_LEAF) perTerm.clear();
    perTerm.put(new Term(term.field(), BytesRef.deepCopyOf(term.bytes())), s);
    return s;
  }

  /**
   * {docCount, sumTotalTermFreq, sumDocFreq} of {@code field} over the visible documents of {@code view};
   * {@code terms} are the same segment's terms of the field.
   */
  public static long[] field(LeafReader view, String field, Terms terms) throws IOException {
    Bits visible = view.getLiveDocs();
    if (visible == null) return new long[] {terms.getDocCount(), terms.getSumTotalTermFreq(), terms.getSumDocFreq()};
    Map<String, long[]> perField = FIELDS.computeIfAbsent(view, k -> new ConcurrentHashMap<>());
    long[] cached = perField.get(field);
    if (cached != null) return cached;
    FixedBitSet withField = new FixedBitSet(Math.max(1, view.maxDoc()));
    long sumTotalTermFreq = 0;
    long sumDocFreq = 0;
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    while (te.next() != null) {
      pe = te.postings(pe, PostingsEnum.FREQS);
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        if (!visible.get(d)) continue;
        withField.set(d);
        sumDocFreq++;
        sumTotalTermFreq += pe.freq();
      }
    }
    long[] s = {withField.cardinality(), sumTotalTermFreq, sumDocFreq};
    perField.put(field, s);
    return s;
  }

  /**
   * {@code segment} (the terms of {@code field} in a segment) with every statistic counted over the visible
   * documents of the view {@code view} supplies, a view of the same segment: docFreq and totalTermFreq of each
   * term, the field's docCount, sumDocFreq and sumTotalTermFreq. Postings and the term dictionary are the
   * segment's (seeks and enumeration unchanged, so caches keyed on the segment stay valid for every view).
   * {@code view} is asked only when a statistic is read, so wrapping builds nothing. A searcher over leaves that
   * answer with these terms scores and explains as over an index that holds only the visible documents, with one
   * exception Lucene forces: it refuses zero statistics for a term it finds, so a term (or field) that only hidden
   * records hold in a segment counts there as one document. A score can thus tell that some segment holds a word
   * in hidden records only, never how many records hold it.
   */
  public static Terms terms(Terms segment, String field, Supplier<LeafReader> view) {
    return new VisibleTerms(segment, field, view);
  }

  /** The least statistics Lucene accepts for a term or field that exists: one document, one occurrence. */
  private static final long[] POSITIVE_FLOOR = {1, 1, 1};

  private static final class VisibleTerms extends FilterLeafReader.FilterTerms {
    private final String field;
    private final Supplier<LeafReader> view;

    VisibleTerms(Terms in, String field, Supplier<LeafReader> view) {
      super(in);
      this.field = field;
      this.view = view;
    }

    @Override
    public int getDocCount() throws IOException { return Math.toIntExact(stats()[0]); }

    @Override
    public long getSumTotalTermFreq() throws IOException { return stats()[1]; }

    @Override
    public long getSumDocFreq() throws IOException { return stats()[2]; }

    /** As for terms: a field only hidden records hold in this segment counts as one document with one term. */
    private long[] stats() throws IOException {
      long[] s = field(view.get(), field, in);
      return s[0] > 0 ? s : POSITIVE_FLOOR;
    }

    @Override
    public TermsEnum iterator() throws IOException { return new VisibleTermsEnum(in.iterator()); }

    @Override
    public TermsEnum intersect(CompiledAutomaton compiled, BytesRef startTerm) throws IOException {
      return new VisibleTermsEnum(in.intersect(compiled, startTerm));
    }

    /**
     * Seeks and enumeration stay the segment's: OpenSearch caches per segment core what a terms enum finds (the
     * query cache's document sets, the id lookup of a get) and shares it between jurisdictions.
     */
    private final class VisibleTermsEnum extends FilterLeafReader.FilterTermsEnum {
      VisibleTermsEnum(TermsEnum in) {
        super(in);
      }

      @Override
      public int docFreq() throws IOException { return Math.toIntExact(stats()[0]); }

      @Override
      public long totalTermFreq() throws IOException { return stats()[1]; }

      /**
       * Lucene scores a term it finds with statistics that must be positive, so a term only hidden records hold in
       * this segment counts as one document here (see {@link VisibleStatistics#terms}).
       */
      private long[] stats() throws IOException {
        long[] s = VisibleStatistics.term(view.get(), new Term(field, in.term()), in);
        return s[0] > 0 ? s : POSITIVE_FLOOR;
      }
    }
  }
}
