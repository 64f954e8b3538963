package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The user queries of {@link QueryFilterBenchmark}, chosen from the index itself so they hit a known share of it at
 * every size: {@code term} is the word of the {@code text} field whose document frequency is nearest 5% of the
 * posts; {@code phrase} is that word followed by its most frequent right neighbour among the next-frequency words
 * (a two-word phrase query); {@code multiterm} is a disjunction of four words near 5%, 2%, 1% and 0.5%;
 * {@code matchall_newest} is all posts sorted by date, newest first.
 *
 * <p>{@code terms} is a class of queries, not one: the {@value #TERMS} words of the {@code text} field whose
 * document frequencies are nearest 5% of the posts ({@code term} is the first of them), each a query of its own,
 * run one after another ({@link #all}). One word's filtered ÷ unfiltered ratio through {@code SearchService} depends
 * on which visible posts replace the hidden ones on its page: at 100k posts one replaced hit of {@code term} cost 20 µs
 * more to load than the hit it replaced (its stored fields sit elsewhere in their compressed block), 60% of that
 * word's filtered ÷ unfiltered gap; over the class, such swaps go either way (benchmarks/HISTORY.md).
 */
final class Queries {
  private Queries() {}

  /** Sort of {@code matchall_newest}. */
  static final Sort NEWEST = new Sort(LongField.newSortField(Fields.DATE, true, SortedNumericSelector.Type.MAX));

  record UserQuery(Query query, Sort sort) {}

  /** How many words the {@code terms} class holds. */
  static final int TERMS = 16;

  /** The queries of {@code name}: the {@value #TERMS} of {@code terms}, in order, or the one query of any other name. */
  static List<UserQuery> all(String name, IndexReader reader) throws IOException {
    if (!name.equals("terms")) return List.of(of(name, reader));
    List<UserQuery> out = new ArrayList<>();
    for (String w : nearestWords(reader, 0.05, TERMS)) {
      out.add(new UserQuery(new TermQuery(new Term(FilterFields.TEXT, w)), null));
    }
    return out;
  }

  static UserQuery of(String name, IndexReader reader) throws IOException {
    return switch (name) {
      case "term" -> new UserQuery(new TermQuery(new Term(FilterFields.TEXT, nearest(reader, 0.05))), null);
      case "phrase" -> new UserQuery(phrase(reader), null);
      case "multiterm" -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (double share : new double[] {0.05, 0.02, 0.01, 0.005}) {
          b.add(new TermQuery(new Term(FilterFields.TEXT, nearest(reader, share))), BooleanClause.Occur.SHOULD);
        }
        yield new UserQuery(b.build(), null);
      }
      case "matchall_newest" -> new UserQuery(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_POST)), NEWEST);
      default -> throw new IllegalArgumentException("unknown query '" + name + "'");
    };
  }

  private record Word(String text, int df) {}

  private static List<Word> words(IndexReader reader) throws IOException {
    Terms terms = MultiTerms.getTerms(reader, FilterFields.TEXT);
    List<Word> out = new ArrayList<>();
    TermsEnum te = terms.iterator();
    for (BytesRef t; (t = te.next()) != null; ) {
      String s = t.utf8ToString();
      if (s.length() >= 3 && s.codePoints().allMatch(Character::isLetter)) out.add(new Word(s, te.docFreq()));
    }
    return out;
  }

  private static String nearest(IndexReader reader, double share) throws IOException {
    return nearestWords(reader, share, 1).get(0);
  }

  /** The {@code n} words whose document frequencies are nearest {@code share} of the documents, nearest first. */
  private static List<String> nearestWords(IndexReader reader, double share, int n) throws IOException {
    double target = share * reader.maxDoc();
    List<String> out = words(reader).stream()
        .sorted(Comparator.comparingDouble((Word w) -> Math.abs(w.df - target)).thenComparing(Word::text))
        .limit(n).map(Word::text).toList();
    if (out.size() < n) throw new IllegalStateException("the index has " + out.size() + " words, " + n + " needed");
    return out;
  }

  /** The two-word phrase (first word near 5%) with the most hits among candidate second words. */
  private static Query phrase(IndexReader reader) throws IOException {
    String first = nearest(reader, 0.05);
    List<Word> ws = words(reader);
    ws.sort(Comparator.comparingInt((Word w) -> -w.df).thenComparing(Word::text));
    org.apache.lucene.search.IndexSearcher s = new org.apache.lucene.search.IndexSearcher(reader);
    Query best = null;
    int bestCount = -1;
    for (Word w : ws.subList(0, Math.min(200, ws.size()))) {
      PhraseQuery q = new PhraseQuery(FilterFields.TEXT, first, w.text);
      int c = s.count(q);
      if (c > bestCount) {
        bestCount = c;
        best = q;
      }
    }
    return best;
  }
}
