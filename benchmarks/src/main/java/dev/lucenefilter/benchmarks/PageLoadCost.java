package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.Fields;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * A diagnostic main: how much of {@code SearchService}'s filtered ÷ unfiltered gap for a query is only that the
 * filtered page shows other posts. For each word of a query ({@code term}, or the 16 of {@code terms}), it takes the
 * 20 hits of the filtered page (KZ of {@link PolicySpec#QUERY}) and of the unfiltered one, prints the documents
 * they differ in, and times loading each page's stored fields (the fields a hit shows, in document order, as {@code
 * SearchService} loads them) on the raw reader, the two pages interleaved in rounds of alternating order: the
 * median per-round ratio filtered ÷ unfiltered is then the page's share of the gap, no filtering involved.
 *
 * <p>Usage: {@code PageLoadCost POSTS QUERY [ROUNDS]}, e.g. {@code PageLoadCost 100000 terms 400}.
 */
public final class PageLoadCost {
  private PageLoadCost() {}

  /** What {@code SearchService} loads of a hit (its SHOWN_FIELDS). */
  private static final Set<String> SHOWN = Set.of(FilterFields.ID, FilterFields.KIND, FilterFields.CHANNEL_ID,
      FilterFields.TEXT, FilterFields.TITLE, FilterFields.DESCRIPTION, Fields.DATE, Fields.VIEWS, Fields.SUBSCRIBERS);

  public static void main(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    String query = args[1];
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    ServicePaths s = ServicePaths.shared(posts);
    IndexSearcher raw = s.floorSearcher;
    List<Double> all = new ArrayList<>();
    for (String word : s.userStrings(query)) {
      int[] filtered = docs(raw, s.filtered.search(ServicePaths.request(Fixture.JURISDICTION, word, false)));
      int[] unfiltered = docs(raw, s.unfiltered.search(ServicePaths.request(Fixture.JURISDICTION, word, false)));
      double[] ratio = new double[rounds];
      long[] total = new long[2];
      for (int r = 0; r < rounds; r++) {
        long[] t = new long[2];
        for (int k = 0; k < 2; k++) {
          int which = (r + k) % 2;
          long t0 = System.nanoTime();
          load(raw, which == 0 ? filtered : unfiltered);
          t[which] = System.nanoTime() - t0;
        }
        ratio[r] = (double) t[0] / t[1];
        total[0] += t[0];
        total[1] += t[1];
      }
      Arrays.sort(ratio);
      all.add(ratio[rounds / 2]);
      System.out.printf(Locale.ROOT, "%s: only filtered %s, only unfiltered %s; load %.1f µs ÷ %.1f µs, median %.3f×%n",
          word, only(filtered, unfiltered), only(unfiltered, filtered), total[0] / (rounds * 1e3),
          total[1] / (rounds * 1e3), ratio[rounds / 2]);
    }
    all.sort(null);
    System.out.printf(Locale.ROOT, "%s: per-word medians %.3f× to %.3f×%n", query, all.get(0), all.get(all.size() - 1));
    System.exit(0);
  }

  /** The page's documents on the raw reader (found by unique key), in document order. */
  private static int[] docs(IndexSearcher raw, SearchResult page) throws IOException {
    int[] docs = new int[page.hits().size()];
    for (int i = 0; i < docs.length; i++) {
      Hit h = page.hits().get(i);
      ScoreDoc[] d = raw.search(new TermQuery(new Term(Fields.UID, Fields.uid(h.kind(), h.id()))), 1).scoreDocs;
      docs[i] = d[0].doc;
    }
    Arrays.sort(docs);
    return docs;
  }

  private static int sink;

  private static void load(IndexSearcher raw, int[] docs) throws IOException {
    StoredFields stored = raw.storedFields();
    for (int d : docs) sink += stored.document(d, SHOWN).getFields().size();
  }

  private static Set<Integer> only(int[] a, int[] b) {
    Set<Integer> out = new TreeSet<>();
    for (int x : a) out.add(x);
    for (int x : b) out.remove(x);
    return out;
  }
}
