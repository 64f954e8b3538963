package dev.lucenefilter.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
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
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Term and field statistics over the documents a reader view leaves visible (its live documents): what scores and
 * explanations may depend on, so that they never depend on what a jurisdiction may not see. Deleted documents do
 * not count either. Thread-safe.
 *
 * <p>A term's statistics are one pass over its postings in a view leaf that hides or deletes anything. A field's
 * come from its {@link FieldLengths}, each document's number of tokens and of distinct terms, made by one pass over
 * all of the field's postings once per segment and field (whatever the jurisdiction), then summed over the visible
 * documents: a word of arithmetic per document. Counted over the postings per jurisdiction instead, the first
 * scored query of each jurisdiction paid that whole pass (about 90 ms per 1M posts). Counts are cached per segment
 * core, hidden set and deletions, so every view that shows the same of a segment shares them, across index
 * refreshes too; everything goes with the segment or the hidden set; at most {@value #MAX_TERMS_PER_LEAF} terms
 * each.
 */
public final class VisibleStatistics {
  /**
   * Per segment core, per hidden set (both weakly: gone with the segment, or with the hidden set once no cache or
   * view holds it), per the segment's live docs: the counts computed so far. Views of one segment that hide the
   * same set (every query of a jurisdiction, across index refreshes that keep the segment) share them.
   */
  private static final Map<Object, Segment> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
  /** Terms kept per segment, hidden set and live docs; past it the map starts over. */
  public static final int MAX_TERMS_PER_LEAF = 16_384;
  /** Live-docs generations kept per segment and hidden set; past it the map starts over. */
  private static final int MAX_DELETION_GENERATIONS = 16;
  /** Stands for "no deletions" among the live-docs keys. */
  private static final Object NOTHING_DELETED = new Object();

  /**
   * What is kept of one segment: per field its document lengths (whoever looks), and per hidden set (weakly) and
   * live docs the counts of what a view shows.
   */
  private record Segment(Map<String, FieldLengths> lengths, Map<Object, Map<Object, Counts>> byHidden) {
    Segment() {
      this(new ConcurrentHashMap<>(), Collections.synchronizedMap(new WeakHashMap<>()));
    }
  }

  /**
   * Per document of one segment's field: how many tokens it holds (the sum of its terms' frequencies) and how many
   * distinct terms; zero for a document without the field. Packed to the bits the largest value needs. Immutable.
   */
  record FieldLengths(PackedInts.Reader tokens, PackedInts.Reader distinct) {
    /** One pass over every posting of the field in {@code terms}, for a segment of {@code maxDoc} documents. */
    static FieldLengths of(Terms terms, int maxDoc) throws IOException {
      int[] tokens = new int[maxDoc];
      int[] distinct = new int[maxDoc];
      TermsEnum te = terms.iterator();
      PostingsEnum pe = null;
      while (te.next() != null) {
        pe = te.postings(pe, PostingsEnum.FREQS);
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          distinct[d]++;
          tokens[d] += pe.freq();
        }
      }
      return new FieldLengths(pack(tokens), pack(distinct));
    }

    private static PackedInts.Reader pack(int[] values) {
      int max = 0;
      for (int v : values) max = Math.max(max, v);
      PackedInts.Mutable out = PackedInts.getMutable(Math.max(1, values.length), PackedInts.bitsRequired(max),
          PackedInts.COMPACT);
      for (int d = 0; d < values.length; d++) out.set(d, values[d]);
      return out;
    }

    /** {docCount, sumTotalTermFreq, sumDocFreq} over the documents {@code visible} keeps. */
    long[] over(Bits visible) {
      long docCount = 0;
      long sumTotalTermFreq = 0;
      long sumDocFreq = 0;
      for (int d = 0, n = distinct.size(); d < n; d++) {
        long k = distinct.get(d);
        if (k == 0 || !visible.get(d)) continue;
        docCount++;
        sumDocFreq += k;
        sumTotalTermFreq += tokens.get(d);
      }
      return new long[] {docCount, sumTotalTermFreq, sumDocFreq};
    }
  }

  /**
   * Field statistics {docCount, sumTotalTermFreq, sumDocFreq}, term statistics {docFreq, totalTermFreq} and point
   * summaries ({@link VisiblePoints}) of what one view shows.
   */
  record Counts(Map<String, long[]> fields, Map<Term, long[]> terms, Map<String, VisiblePoints.Summary> points) {
    Counts() {
      this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }
  }

  /** The identity of a live-docs object, as a key (Bits may define equality by content, which costs a pass). */
  private record Identity(Object of) {
    @Override
    public boolean equals(Object o) { return o instanceof Identity i && i.of == of; }

    @Override
    public int hashCode() { return System.identityHashCode(of); }
  }

  /** What is kept of the segment {@code view} shows. */
  private static Segment segment(LeafReader view) {
    LeafReader.CacheHelper core = view.getCoreCacheHelper();
    return CACHE.computeIfAbsent(core == null ? view : core.getKey(), k -> new Segment());
  }

  /** The counts of what {@code view} shows of its segment, shared by every view that shows the same. */
  static Counts counts(LeafReader view) {
    Object hidden = view instanceof VisibleLeafReader v ? v.hidden() : view;
    Bits segmentLive = view instanceof VisibleLeafReader v ? v.getDelegate().getLiveDocs() : null;
    Object live = segmentLive == null ? NOTHING_DELETED : new Identity(segmentLive);
    Map<Object, Counts> byLive = segment(view).byHidden().computeIfAbsent(hidden, k -> new ConcurrentHashMap<>());
    Counts c = byLive.get(live);
    if (c == null) {
      if (byLive.size() >= MAX_DELETION_GENERATIONS) byLive.clear();
      c = byLive.computeIfAbsent(live, k -> new Counts());
    }
    return c;
  }

  private VisibleStatistics() {}

  /**
   * {docFreq, totalTermFreq} of {@code term} over the visible documents of {@code view}; {@code positioned} is a
   * terms enum of the same segment's field, positioned on the term. Zeros when only hidden documents hold it.
   */
  public static long[] term(LeafReader view, Term term, TermsEnum positioned) throws IOException {
    Bits visible = view.getLiveDocs();
    if (visible == null) return new long[] {positioned.docFreq(), positioned.totalTermFreq()};
    Map<Term, long[]> perTerm = counts(view).terms();
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
    Map<String, long[]> perField = counts(view).fields();
    long[] cached = perField.get(field);
    if (cached != null) return cached;
    long[] s = lengths(view, field, terms).over(visible);
    perField.put(field, s);
    return s;
  }

  /** The document lengths of {@code field} in the segment {@code view} shows, made on first use. */
  static FieldLengths lengths(LeafReader view, String field, Terms terms) throws IOException {
    Map<String, FieldLengths> perField = segment(view).lengths();
    FieldLengths l = perField.get(field);
    if (l != null) return l;
    try {
      // Other threads asking for the same field wait for this pass rather than repeat it.
      return perField.computeIfAbsent(field, f -> {
        try {
          return FieldLengths.of(terms, view.maxDoc());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * {@code segment} (the terms of {@code field} in a segment) with every statistic counted over the visible
   * documents of the view {@code view} supplies, a view of the same segment: docFreq and totalTermFreq of each
   * term, the field's docCount, sumDocFreq and sumTotalTermFreq. Postings and exact seeks are the segment's (so
   * caches keyed on the segment stay valid for every view); walking the dictionary steps over the terms no visible
   * document of the segment holds.
   * {@code view} is asked only when a statistic is read, so wrapping builds nothing. A searcher over leaves that
   * answer with these terms scores and explains exactly as over an index that holds only the visible documents,
   * and matches the same documents. {@code readerViews} are the views of every segment of the reader, in order;
   * {@code view} supplies one of them (the same object).
   *
   * <p>One exception Lucene forces: it needs a positive docFreq summed over the reader for a term it finds in some
   * segment (with zero it has no similarity to score the term with). Where no visible document of the reader holds
   * a term, exactly one segment that holds it counts it: once, or twice where that segment has exactly one visible
   * document with the field (see {@link #hiddenOnly}); no visible document is scored with these values. Where no
   * visible document of the reader has the field, every segment that has it counts one document with it.
   */
  public static Terms terms(Terms segment, String field, Supplier<LeafReader> view,
      Supplier<List<LeafReader>> readerViews) {
    return new VisibleTerms(segment, field, view, readerViews);
  }

  private static final long[] ZERO = {0, 0};

  /**
   * {docFreq, totalTermFreq} of {@code term} in the segment {@code self}, one of {@code views}, when {@code self}'s
   * visible documents do not hold it: zeros where a visible document elsewhere in the reader does; otherwise the
   * values that keep Lucene's sum positive (see {@link #terms}). Multi-term rewrites keep a term alone when its
   * docFreq equals the segment's docCount for the field ("it holds every document with the field"), so the counted
   * value must never equal the docCount of a segment that has a visible document with the field: the segment that
   * counts the term is the first that holds it with no visible document with the field or with two or more (and
   * counts 1), else the first that holds it (then every holder has exactly one visible document with the field, and
   * it counts 2; the reader's idf of the term is negative only when the whole reader has just that one). Where no
   * visible document of the reader has the field at all, there is nothing to match or score: every holder counts
   * one, as the field's statistics do there. One pass over the views.
   */
  static long[] hiddenOnly(LeafReader self, List<LeafReader> views, Term term) throws IOException {
    LeafReader countsOnce = null;
    LeafReader firstHolder = null;
    boolean selfSeen = false;
    boolean fieldVisible = false;
    for (LeafReader v : views) {
      Terms t = v.terms(term.field());
      if (t == null) continue;
      long visibleWithField = field(v, term.field(), t)[0];
      fieldVisible |= visibleWithField > 0;
      TermsEnum te = t.iterator();
      if (!te.seekExact(term.bytes())) continue;
      if (term(v, term, te)[0] > 0) return ZERO;
      selfSeen |= v == self;
      if (firstHolder == null) firstHolder = v;
      if (countsOnce == null && visibleWithField != 1) countsOnce = v;
    }
    // Identity: a view that is not one of the reader's own would count the term nowhere, and Lucene could not score it.
    if (!selfSeen) throw new IllegalStateException("the segment's view is not one of the reader's views: " + self);
    if (!fieldVisible) return POSITIVE_FLOOR;
    if (countsOnce != null) return self == countsOnce ? new long[] {1, 1} : ZERO;
    return self == firstHolder ? new long[] {2, 2} : ZERO;
  }

  /** Whether a visible document of some view has {@code field}. */
  private static boolean anyVisible(List<LeafReader> views, String field) throws IOException {
    for (LeafReader v : views) {
      Terms t = v.terms(field);
      if (t != null && field(v, field, t)[0] > 0) return true;
    }
    return false;
  }

  /** The least statistics Lucene accepts for a term or field that exists: one document, one occurrence. */
  private static final long[] POSITIVE_FLOOR = {1, 1, 1};

  private static final class VisibleTerms extends FilterLeafReader.FilterTerms {
    private final String field;
    private final Supplier<LeafReader> view;
    private final Supplier<List<LeafReader>> readerViews;

    VisibleTerms(Terms in, String field, Supplier<LeafReader> view, Supplier<List<LeafReader>> readerViews) {
      super(in);
      this.field = field;
      this.view = view;
      this.readerViews = readerViews;
    }

    @Override
    public int getDocCount() throws IOException { return Math.toIntExact(stats()[0]); }

    @Override
    public long getSumTotalTermFreq() throws IOException { return stats()[1]; }

    @Override
    public long getSumDocFreq() throws IOException { return stats()[2]; }

    /** As for terms: zeros, unless no visible document of the whole reader has the field. */
    private long[] stats() throws IOException {
      long[] s = field(view.get(), field, in);
      return s[0] > 0 || anyVisible(readerViews.get(), field) ? s : POSITIVE_FLOOR;
    }

    @Override
    public TermsEnum iterator() throws IOException { return new VisibleTermsEnum(in.iterator()); }

    @Override
    public TermsEnum intersect(CompiledAutomaton compiled, BytesRef startTerm) throws IOException {
      return new VisibleTermsEnum(in.intersect(compiled, startTerm));
    }

    /**
     * Exact seeks stay the segment's: OpenSearch caches per segment core a terms enum that finds ids (a get's id
     * lookup) and shares it between jurisdictions, so a term only hidden records hold must still be found. Walking
     * the dictionary ({@link #next}, {@link #seekCeil}, and every enum {@link #intersect} returns) steps over terms no
     * visible document of the segment holds, as the dictionary of an index holding only the visible documents would:
     * an expansion capped at a number of terms (OpenSearch's {@code max_expansions} of {@code fuzzy} and
     * {@code match_phrase_prefix}) would otherwise spend its slots on words only hidden records hold, and which
     * visible records match would tell those words. What a walk finds is never cached across views (the plugin
     * turns the query cache off for filtered indices).
     */
    private final class VisibleTermsEnum extends FilterLeafReader.FilterTermsEnum {
      private PostingsEnum probe;

      VisibleTermsEnum(TermsEnum in) {
        super(in);
      }

      @Override
      public BytesRef next() throws IOException {
        for (BytesRef t = in.next(); t != null; t = in.next()) {
          if (heldByAVisibleDocument()) return t;
        }
        return null;
      }

      @Override
      public SeekStatus seekCeil(BytesRef text) throws IOException {
        SeekStatus status = in.seekCeil(text);
        if (status == SeekStatus.END || heldByAVisibleDocument()) return status;
        return next() == null ? SeekStatus.END : SeekStatus.NOT_FOUND;
      }

      /** Whether a visible document of the segment holds the current term: usually its first posting does. */
      private boolean heldByAVisibleDocument() throws IOException {
        Bits visible = view.get().getLiveDocs();
        if (visible == null) return true;
        probe = in.postings(probe, PostingsEnum.NONE);
        for (int d = probe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = probe.nextDoc()) {
          if (visible.get(d)) return true;
        }
        return false;
      }

      @Override
      public int docFreq() throws IOException { return Math.toIntExact(stats()[0]); }

      @Override
      public long totalTermFreq() throws IOException { return stats()[1]; }

      /** Over the visible documents; for a term no visible document of this segment holds, {@link #hiddenOnly}. */
      private long[] stats() throws IOException {
        Term term = new Term(field, in.term());
        LeafReader self = view.get();
        long[] s = VisibleStatistics.term(self, term, in);
        return s[0] > 0 ? s : hiddenOnly(self, readerViews.get(), term);
      }
    }
  }
}
