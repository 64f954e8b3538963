package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.Collection;
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
 * a {@link FixedBitSet}. Deleted documents are included on purpose: the sets are cached per segment core, and live
 * docs are applied when the segment is read.
 */
final class DocSets {
  private DocSets() {}

  /** Sets every document that has one of {@code terms} in {@code field}. */
  static void terms(LeafReader leaf, String field, Collection<String> terms, FixedBitSet out) throws IOException {
    Terms t = leaf.terms(field);
    if (t == null || terms.isEmpty()) return;
    TermsEnum te = t.iterator();
    PostingsEnum pe = null;
    for (String term : terms) {
      if (te.seekExact(new BytesRef(term))) {
        pe = te.postings(pe, PostingsEnum.NONE);
        out.or(pe);
      }
    }
  }

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

  /** Sets every document matching {@code query} in the segment, ignoring deletions. */
  static void query(LeafReaderContext ctx, Query query, FixedBitSet out) throws IOException {
    IndexSearcher searcher = new IndexSearcher(ctx.reader());
    searcher.setQueryCache(null);
    Weight w = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    Scorer s = w.scorer(searcher.getIndexReader().leaves().get(0));
    if (s != null) out.or(s.iterator());
  }
}
