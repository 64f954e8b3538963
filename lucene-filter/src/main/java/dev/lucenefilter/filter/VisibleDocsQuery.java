package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Matches the documents a jurisdiction may see: everything but the cached hidden set of each segment. A value
 * (one jurisdiction's rules in one epoch under one snapshot, from one cache): it runs on any reader, whose
 * exclusions it resolves when Lucene creates its weight. Meant as a FILTER clause: where many documents are hidden
 * it iterates the stored visible bitset (intersected a word at a time); where few are, it is two-phase, one bit
 * lookup per candidate of the other clauses, about what live docs cost. Never cached by Lucene's query cache (the
 * exclusions are already cached, and a cached copy could outlive a policy swap).
 */
final class VisibleDocsQuery extends Query {
  private final ExclusionCache cache;
  private final FilterContext context;
  private final ExclusionCache.ContextKey key;
  /**
   * The reader (by cache key) the query was made for, or null when it has no key, and its exclusions: saves the
   * store a lookup.
   */
  private final IndexReader.CacheKey preparedFor;
  private final ReaderExclusions prepared;

  VisibleDocsQuery(ExclusionCache cache, FilterContext context, ExclusionCache.ContextKey key,
      IndexReader.CacheKey preparedFor, ReaderExclusions prepared) {
    this.cache = cache;
    this.context = context;
    this.key = key;
    this.preparedFor = preparedFor;
    this.prepared = prepared;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    // The store keys a reader's exclusions by context and reader cache key, so for the same key it holds these.
    ReaderExclusions exclusions = preparedFor != null && ExclusionCache.readerKey(reader) == preparedFor ? prepared
        : cache.exclusions(reader, context);
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        HiddenDocs hidden = exclusions.forSegment(context.reader());
        DocIdSetIterator all = DocIdSetIterator.all(context.reader().maxDoc());
        // Dense: the visible documents as a bitset, which conjunctions intersect a word at a time.
        DocIdSetIterator visible = hidden.isEmpty() ? all : hidden.visibleIterator();
        if (visible != null) return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, visible));
        TwoPhaseIterator notHidden = new TwoPhaseIterator(all) {
          @Override public boolean matches() { return !hidden.isHidden(approximation.docID()); }
          @Override public float matchCost() { return 1f; }
        };
        return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, notHidden));
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) { return false; }
    };
  }

  @Override
  public String toString(String field) {
    String version = context.snapshot().version();
    return "VisibleDocs(" + key.jurisdiction() + "@" + version.substring(0, Math.min(8, version.length())) + ")";
  }

  @Override
  public void visit(QueryVisitor visitor) { visitor.visitLeaf(this); }

  @Override
  public boolean equals(Object other) {
    // Same cache and context key: the same jurisdiction, active rules and filter configuration, so the same
    // documents are visible, whichever snapshot or epoch the rules came from.
    return sameClassAs(other) && cache == ((VisibleDocsQuery) other).cache && key.equals(((VisibleDocsQuery) other).key);
  }

  @Override
  public int hashCode() { return 31 * classHash() + key.hashCode(); }
}
