package dev.lucenefilter.search;

import dev.lucenefilter.filter.VisibleLeafReader;
import dev.lucenefilter.filter.VisibleStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * A searcher whose term and collection statistics (docFreq, totalTermFreq, docCount, sumTotalTermFreq,
 * sumDocFreq) count only the documents one jurisdiction may see, so a score shown to it never depends on what it
 * may not see: scores equal those of an index holding only its visible documents (deleted documents do not count
 * either). The visible documents of leaf {@code ord} are the live documents of {@code visibleLeaves.get(ord)},
 * a reader view over the same segment as the searched reader's leaf {@code ord} (the searched reader itself when
 * it is the view). Thread-safe like {@link IndexSearcher}.
 *
 * <p>Cost: that of {@link VisibleStatistics}, which computes the counts and caches them per segment, hidden set
 * and deletions.
 */
final class VisibleStatsSearcher extends IndexSearcher {
  private final List<LeafReader> visibleLeaves;

  VisibleStatsSearcher(IndexReader searched, List<LeafReader> visibleLeaves) {
    super(searched);
    if (visibleLeaves.size() != searched.leaves().size()) {
      throw new IllegalStateException("the visible view has " + visibleLeaves.size() + " segments, the searched reader "
          + searched.leaves().size() + ": refusing to score with statistics of another reader");
    }
    this.visibleLeaves = List.copyOf(visibleLeaves);
  }

  /** The leaves of {@code view}, the reader whose live documents are the visible ones. */
  static List<LeafReader> leavesOf(IndexReader view) {
    return view.leaves().stream().map(LeafReaderContext::reader).toList();
  }

  /**
   * The visible leaves for a {@link VisibilityFilter} that offers no reader view: each segment of {@code
   * unfiltered} with the live documents {@code visible} matches as its live documents. For statistics and prefix
   * expansion only (the search itself keeps the FILTER clause); one pass of the query per segment, per request.
   */
  static List<LeafReader> leavesOf(IndexSearcher unfiltered, Query visible) throws IOException {
    Weight w = unfiltered.createWeight(unfiltered.rewrite(visible), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<LeafReader> out = new ArrayList<>();
    for (LeafReaderContext ctx : unfiltered.getIndexReader().leaves()) {
      FixedBitSet hidden = new FixedBitSet(Math.max(1, ctx.reader().maxDoc()));
      Scorer s = w.scorer(ctx);
      if (s != null) hidden.or(s.iterator());
      hidden.flip(0, hidden.length());
      out.add(VisibleLeafReader.hiding(ctx.reader(), hidden));
    }
    return out;
  }

  /** The visible view of each segment: readers whose live documents the jurisdiction may see. */
  List<LeafReader> visibleLeaves() { return visibleLeaves; }

  @Override
  public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
    long df = 0;
    long ttf = 0;
    for (LeafReader leaf : visibleLeaves) {
      Terms terms = leaf.terms(term.field());
      if (terms == null) continue;
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term.bytes())) continue;
      long[] s = VisibleStatistics.term(leaf, term, te);
      df += s[0];
      ttf += s[1];
    }
    // Only hidden documents hold the term: no visible document is scored with it, but Lucene needs positive
    // statistics for a term that exists; these values cannot reach any score shown.
    if (df == 0) return new TermStatistics(term.bytes(), 1, 1);
    return new TermStatistics(term.bytes(), df, ttf);
  }

  @Override
  public CollectionStatistics collectionStatistics(String field) throws IOException {
    long docCount = 0;
    long sumTotalTermFreq = 0;
    long sumDocFreq = 0;
    boolean anyTerms = false;
    for (LeafReader leaf : visibleLeaves) {
      Terms terms = leaf.terms(field);
      if (terms == null) continue;
      anyTerms = true;
      long[] s = VisibleStatistics.field(leaf, field, terms);
      docCount += s[0];
      sumTotalTermFreq += s[1];
      sumDocFreq += s[2];
    }
    if (docCount == 0) {
      // As for terms: statistics Lucene needs, used by no visible document.
      return anyTerms ? new CollectionStatistics(field, Math.max(1, getIndexReader().maxDoc()), 1, 1, 1) : null;
    }
    return new CollectionStatistics(field, getIndexReader().maxDoc(), docCount, sumTotalTermFreq, sumDocFreq);
  }
}
