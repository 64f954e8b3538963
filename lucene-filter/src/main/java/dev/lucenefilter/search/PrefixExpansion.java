package dev.lucenefilter.search;

import java.io.IOException;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Expands the {@code word*} prefixes of a parsed query into the words that occur in documents the jurisdiction may
 * see, and only those: the expansion, and so the hits, totals and errors, is the same whatever hidden documents
 * hold, so a prefix can neither lose visible words to hidden ones nor list hidden vocabulary (its time still grows with
 * the postings of words only hidden documents hold: README, "Not hidden: time"). A prefix with
 * more than {@value SafeQueryParser#MAX_EXPANSIONS} visible words is refused (never silently cut). Every search
 * path expands through here before searching.
 */
final class PrefixExpansion {
  private PrefixExpansion() {}

  /** {@code query} with each {@link PrefixQuery} replaced by a disjunction of its visible words. */
  static Query expand(Query query, VisibleStatsSearcher searcher) throws IOException {
    if (query instanceof PrefixQuery pq) return expandPrefix(pq, searcher);
    if (query instanceof BoostQuery bq) return new BoostQuery(expand(bq.getQuery(), searcher), bq.getBoost());
    if (query instanceof BooleanQuery b) {
      BooleanQuery.Builder out =
          new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
      for (BooleanClause c : b.clauses()) out.add(expand(c.query(), searcher), c.occur());
      return out.build();
    }
    return query;
  }

  private static Query expandPrefix(PrefixQuery query, VisibleStatsSearcher searcher) throws IOException {
    Term prefix = query.getPrefix();
    TreeSet<BytesRef> words = new TreeSet<>();
    for (LeafReader leaf : searcher.visibleLeaves()) {
      Terms terms = leaf.terms(prefix.field());
      if (terms == null) continue;
      Bits visible = leaf.getLiveDocs();
      TermsEnum te = query.getTermsEnum(terms);
      PostingsEnum pe = null;
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        if (words.contains(t)) continue;
        pe = te.postings(pe, PostingsEnum.NONE);
        if (!anyVisible(pe, visible)) continue;
        words.add(BytesRef.deepCopyOf(t));
        if (words.size() > SafeQueryParser.MAX_EXPANSIONS) {
          throw new InvalidQueryException("'" + prefix.text() + "*' matches more than "
              + SafeQueryParser.MAX_EXPANSIONS + " words: use a longer prefix");
        }
      }
    }
    if (words.isEmpty()) return new MatchNoDocsQuery("no visible word starts with " + prefix.text());
    if (words.size() == 1) return new TermQuery(new Term(prefix.field(), words.first()));
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (BytesRef w : words) any.add(new TermQuery(new Term(prefix.field(), w)), Occur.SHOULD);
    return any.build();
  }

  private static boolean anyVisible(PostingsEnum pe, Bits visible) throws IOException {
    for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
      if (visible == null || visible.get(d)) return true;
    }
    return false;
  }
}
