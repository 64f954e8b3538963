package dev.lucenefilter.search;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.model.RecordLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.FilterLeafReader.FilterTerms;
import org.apache.lucene.index.FilterLeafReader.FilterTermsEnum;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter.HighlightFlag;
import org.apache.lucene.util.BytesRef;

/**
 * Highlighted snippets of a page of hits: Lucene's {@link UnifiedHighlighter} (sentence passages, BM25 passage
 * scores, offsets from the postings), fed the stored values the page already loaded. Stateless.
 *
 * <p>Three costs of the stock highlighter are cut, with the same snippets: it would read every hit's stored fields a
 * second time; it finds sentence boundaries with the JDK's iterator ({@link IcuSentenceBreaks} is ICU's); and for
 * each hit it seeks every query term in the terms dictionary and opens fresh postings (with {@code
 * Weight.matches}, a whole weight per hit). For a query made only of terms, {@link ForwardTermOffsets} opens
 * one postings enum per term and segment and moves it forward through the page's hits, which the highlighter
 * visits in document order. Phrases and other queries keep {@code Weight.matches}, with one weight per segment
 * instead of one per hit and postings enums that move forward across the page's hits ({@link LeafWeightOffsets}).
 */
final class Snippets {
  private Snippets() {}

  /** Snippets of the hits' display text ({@code null} where a hit has no match), in the order of {@code docs}. */
  static String[] of(IndexSearcher searcher, Analyzer analyzer, Query user, ScoreDoc[] docs, Document[] loaded,
      boolean channels) throws IOException {
    return of(searcher, analyzer, user, docs, loaded, channels, true);
  }

  /**
   * As above; {@code fast} picks {@link ForwardTermOffsets} for a terms-only query and {@link LeafWeightOffsets}
   * for any other, where false keeps the stock strategies (tests compare both paths).
   */
  static String[] of(IndexSearcher searcher, Analyzer analyzer, Query user, ScoreDoc[] docs, Document[] loaded,
      boolean channels, boolean fast) throws IOException {
    boolean forward = fast && termsOnly(user);
    Map<Integer, Document> byDoc = new HashMap<>();
    int[] ids = new int[docs.length];
    for (int i = 0; i < docs.length; i++) byDoc.put(ids[i] = docs[i].doc, loaded[i]);
    UnifiedHighlighter uh = new UnifiedHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter("<b>", "</b>", " … ", false))
        .withMaxLength(RecordLimits.MAX_TEXT_CHARS + 1).withScorer(PASSAGE_SCORES)
        .withBreakIterator(IcuSentenceBreaks::new)) {
      @Override
      protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator it, int charsThreshold)
          throws IOException {
        List<CharSequence[]> out = new ArrayList<>();
        for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
          CharSequence[] values = new CharSequence[fields.length];
          for (int f = 0; f < fields.length; f++) values[f] = byDoc.get(d).get(fields[f]);
          out.add(values);
        }
        return out;
      }

      @Override
      protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
        if (!fast || source != OffsetSource.POSTINGS) return super.getOffsetStrategy(source, components);
        if (forward && components.terms() != null) return new ForwardTermOffsets(components);
        return components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)
            ? new LeafWeightOffsets(components) : super.getOffsetStrategy(source, components);
      }
    };
    if (!channels) {
      return uh.highlightFields(new String[] {FilterFields.TEXT}, user, ids, new int[] {2}).get(FilterFields.TEXT);
    }
    Map<String, String[]> both = uh.highlightFields(new String[] {FilterFields.TITLE, FilterFields.DESCRIPTION}, user,
        ids, new int[] {1, 2});
    String[] title = both.get(FilterFields.TITLE);
    String[] description = both.get(FilterFields.DESCRIPTION);
    String[] out = new String[title.length];
    for (int i = 0; i < out.length; i++) out[i] = description[i] != null ? description[i] : title[i];
    return out;
  }

  /** True when every leaf of {@code q} is a term: what a term's postings highlight exactly as Weight.matches does. */
  static boolean termsOnly(Query q) {
    if (q instanceof TermQuery) return true;
    if (q instanceof BoostQuery b) return termsOnly(b.getQuery());
    if (q instanceof BooleanQuery b) {
      for (BooleanClause c : b.clauses()) {
        // A prohibited clause is never highlighted, whatever it holds.
        if (c.occur() != BooleanClause.Occur.MUST_NOT && !termsOnly(c.query())) return false;
      }
      return true;
    }
    return false;
  }

  /**
   * The offsets of the query's terms in one document, from one postings enum per term and segment that only moves
   * forward: documents asked for in increasing order (as the highlighter does) cost an {@code advance} each, not a
   * terms-dictionary seek and fresh postings per term. Asked out of order, it reopens the enums. Not thread-safe
   * (one per highlighting call, as the highlighter makes them).
   */
  static final class ForwardTermOffsets extends FieldOffsetStrategy {
    private LeafReader leaf;
    private PostingsEnum[] postings;
    private int lastDoc = -1;

    ForwardTermOffsets(UHComponents components) { super(components); }

    @Override
    public UnifiedHighlighter.OffsetSource getOffsetSource() { return UnifiedHighlighter.OffsetSource.POSTINGS; }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
      BytesRef[] terms = components.terms();
      if (reader != leaf || doc <= lastDoc) open(reader, terms);
      lastDoc = doc;
      List<OffsetsEnum> found = new ArrayList<>(terms.length);
      for (int i = 0; i < terms.length; i++) {
        PostingsEnum pe = postings[i];
        if (pe == null) continue;
        int at = pe.docID() < doc ? pe.advance(doc) : pe.docID();
        // Frequency 1, as Weight.matches reports it to the passage scorer: the same passages win as on the stock path.
        if (at == doc) found.add(new OffsetsEnum.OfPostings(terms[i], 1, pe));
      }
      return combined(found);
    }

    private void open(LeafReader reader, BytesRef[] terms) throws IOException {
      leaf = reader;
      postings = new PostingsEnum[terms.length];
      Terms index = reader.terms(getField());
      if (index == null) return;
      TermsEnum te = index.iterator();
      for (int i = 0; i < terms.length; i++) {
        if (!te.seekExact(terms[i])) continue;
        postings[i] = te.postings(null, PostingsEnum.OFFSETS);
        if (postings[i] == null) {
          throw new IllegalStateException("field '" + getField() + "' was indexed without offsets");
        }
      }
    }
  }

  /** The offsets of {@code found} as one enum, as the stock strategies combine them. */
  private static OffsetsEnum combined(List<OffsetsEnum> found) throws IOException {
    return switch (found.size()) {
      case 0 -> OffsetsEnum.EMPTY;
      case 1 -> found.get(0);
      default -> new OffsetsEnum.MultiOffsetsEnum(found);
    };
  }

  /**
   * The stock {@code Weight.matches} offsets (what the highlighter does with postings offsets and {@code
   * WEIGHT_MATCHES}), with the query rewritten and its weight created once per segment rather than once per hit:
   * for a phrase that per-hit weight seeks every term in the terms dictionary again. The same matches, since a
   * weight made without scores answers {@code matches} for any document of its segment, and an enum handed back
   * for its term stands before the hit, as a fresh one would. Not thread-safe (one per highlighting call, as the
   * highlighter makes them).
   */
  static final class LeafWeightOffsets extends FieldOffsetStrategy {
    private LeafReader leaf;
    private LeafReader remapped;
    private Weight weight;
    /**
     * Postings enums handed to {@code Weight.matches}, in the order it asked for them, reused by the next hit's: the
     * highlighter reads and closes a hit's offsets before it asks for the next hit's, so none of them is in use by
     * then. The highlighter visits a segment's hits in document order, so an enum asked again for the same term
     * moves forward from the previous hit instead of starting over.
     */
    private final List<Handed> reusable = new ArrayList<>();
    private int handedOut;
    private int doc;

    private record Handed(BytesRef term, int flags, PostingsEnum postings) {}

    LeafWeightOffsets(UHComponents components) { super(components); }

    @Override
    public UnifiedHighlighter.OffsetSource getOffsetSource() { return UnifiedHighlighter.OffsetSource.POSTINGS; }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
      if (reader.terms(getField()) == null) return OffsetsEnum.EMPTY;
      handedOut = 0;
      this.doc = doc;
      if (reader != leaf) {
        leaf = reader;
        reusable.clear();
        remapped = onHighlightedField(reader);
        IndexSearcher searcher = new IndexSearcher(remapped);
        searcher.setQueryCache(null);
        weight = searcher.rewrite(components.query()).createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1f);
      }
      Matches matches = weight.matches(remapped.getContext(), doc);
      if (matches == null) return OffsetsEnum.EMPTY;
      List<OffsetsEnum> found = new ArrayList<>();
      for (String field : matches) {
        if (!components.fieldMatcher().test(field)) continue;
        MatchesIterator it = matches.getMatches(field);
        if (it != null) found.add(new OffsetsEnum.OfMatchesIteratorWithSubs(it));
      }
      return combined(found);
    }

    /** The postings of {@code te}'s current term, in an enum the previous hit used when there is one. */
    private PostingsEnum reusedPostings(TermsEnum te, int flags) throws IOException {
      Handed last = handedOut < reusable.size() ? reusable.get(handedOut) : null;
      handedOut++;
      BytesRef term = te.term();
      boolean sameTerm = last != null && last.flags() == flags && last.term().bytesEquals(term);
      // Before this hit: Weight.matches advances it there, as it would a fresh enum.
      if (sameTerm && last.postings().docID() < doc) return last.postings();
      PostingsEnum pe = te.postings(last == null ? null : last.postings(), flags);
      Handed now = new Handed(sameTerm ? last.term() : BytesRef.deepCopyOf(term), flags, pe);
      if (last != null) reusable.set(handedOut - 1, now);
      else reusable.add(now);
      return pe;
    }

    /**
     * The segment with every field the matcher accepts read as the highlighted one, as the stock strategy does,
     * handing out reused postings enums.
     */
    private LeafReader onHighlightedField(LeafReader reader) {
      return new FilterLeafReader(reader) {
        @Override
        public Terms terms(String field) throws IOException {
          Terms terms = super.terms(components.fieldMatcher().test(field) ? components.field() : field);
          return terms == null ? null : new FilterTerms(terms) {
            @Override
            public TermsEnum iterator() throws IOException {
              return new FilterTermsEnum(in.iterator()) {
                @Override
                public PostingsEnum postings(PostingsEnum reuse, int flags) throws IOException {
                  return reuse != null ? in.postings(reuse, flags) : reusedPostings(in, flags);
                }
              };
            }
          };
        }

        @Override
        public CacheHelper getCoreCacheHelper() { return null; }

        @Override
        public CacheHelper getReaderCacheHelper() { return null; }
      };
    }
  }

  /**
   * Lucene's BM25 passage score, summed over the passage's distinct terms in the same order, without the hash
   * table (and its 32 KB block) Lucene allocates per passage, which dominated highlighting. Stateless.
   */
  static final PassageScorer PASSAGE_SCORES = new PassageScorer() {
    @Override
    public float score(Passage p, int contentLength) {
      double score = 0;
      BytesRef[] terms = p.getMatchTerms();
      for (int i = 0; i < p.getNumMatches(); i++) {
        int inPassage = 0;
        for (int j = 0; j < p.getNumMatches() && inPassage >= 0; j++) {
          if (terms[j].bytesEquals(terms[i])) inPassage = j < i ? -1 : inPassage + 1;
        }
        if (inPassage > 0) score += tf(inPassage, p.getLength()) * weight(contentLength, p.getMatchTermFreqsInDoc()[i]);
      }
      return (float) (score * norm(p.getStartOffset()));
    }
  };
}
