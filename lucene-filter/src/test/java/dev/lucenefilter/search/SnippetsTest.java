package dev.lucenefilter.search;

import static dev.lucenefilter.search.SearchServiceTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.document.Document;
import dev.lucenefilter.filter.FilterFields;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast offsets give the stock highlighter's snippets (Weight.matches, a fresh weight and postings per hit) on
 * random texts over several segments: forward-moving postings for random term queries, one weight per segment for
 * phrases and prefixes; and only term queries take the first path.
 */
class SnippetsTest {
  private static final String[] WORDS = {"алматы", "снег", "погода", "астана", "қар", "жауады", "news", "курс",
      "тенге", "завтра", "солнце", "дорога"};

  @TempDir Path dir;

  @Test
  void forwardOffsetsGiveTheStockSnippets() throws IOException {
    int compared = compareWithStock(new Random(11), r -> WORDS[r.nextInt(WORDS.length)] + switch (r.nextInt(3)) {
      case 0 -> "";
      case 1 -> " " + word(r);
      default -> " OR " + word(r) + " -" + word(r);
    }, true);
    assertThat(compared).isGreaterThan(1_000);
  }

  @Test
  void oneWeightPerSegmentGivesTheStockSnippets() throws IOException {
    int compared = compareWithStock(new Random(12), r -> switch (r.nextInt(4)) {
      case 0 -> "\"" + word(r) + " " + word(r) + "\"";
      case 1 -> word(r) + " \"" + word(r) + " " + word(r) + "\"";
      case 2 -> word(r).substring(0, 3) + "*";
      default -> "\"" + word(r) + " " + word(r) + "\" OR " + word(r).substring(0, 2) + "* -" + word(r);
    }, false);
    assertThat(compared).isGreaterThan(500);
  }

  /**
   * Clauses that skip hits: after a hit without {@code гамма}, its postings stand on the next document that has it,
   * which may be the next hit itself; moving them on from there would lose that hit's match. One segment, so that
   * the postings carry over from hit to hit.
   */
  @Test
  void postingsLeftOnTheNextHitAreNotMovedPastIt() throws IOException {
    String[] texts = {"альфа бета тут", "гамма здесь", "альфа бета и гамма", "ничего", "гамма снова", "альфа бета"};
    FieldType withOffsets = new FieldType(TextField.TYPE_STORED);
    withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    try (Directory directory = new ByteBuffersDirectory(); StandardAnalyzer analyzer = new StandardAnalyzer()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
        for (String text : texts) {
          Document d = new Document();
          d.add(new Field(FilterFields.TEXT, text, withOffsets));
          writer.addDocument(d);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(1);
        IndexSearcher searcher = new IndexSearcher(reader);
        Query user = new BooleanQuery.Builder()
            .add(new PhraseQuery(FilterFields.TEXT, "альфа", "бета"), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(FilterFields.TEXT, "гамма")), BooleanClause.Occur.SHOULD).build();
        ScoreDoc[] docs = searcher.search(user, 10).scoreDocs;
        Document[] loaded = new Document[docs.length];
        for (int i = 0; i < docs.length; i++) loaded[i] = searcher.storedFields().document(docs[i].doc);
        String[] fast = Snippets.of(searcher, analyzer, user, docs, loaded, false, true);
        assertThat(fast).containsExactly(Snippets.of(searcher, analyzer, user, docs, loaded, false, false));
        assertThat(fast).hasSize(5).doesNotContainNull();
        assertThat(String.join("|", fast)).contains("<b>гамма</b> здесь", "<b>гамма</b> снова");
      }
    }
  }

  private static String word(Random r) { return WORDS[r.nextInt(WORDS.length)]; }

  /**
   * Snippets of random queries over a 400-post index of several segments, fast path against stock; returns how many
   * hits were compared. {@code termsOnly}: whether every query is made of terms only (as the fast path decides).
   */
  private int compareWithStock(Random r, java.util.function.Function<Random, String> queries, boolean termsOnly)
      throws IOException {
    try (ContentIndex index = ContentIndex.open(dir.resolve("ix"))) {
      for (int i = 0; i < 400; i++) {
        index.add(post("p" + i, "c" + (i % 7), text(r), i % 50, i));
        if (i % 97 == 0) index.commit();
      }
      index.commit();
      SafeQueryParser parser = new SafeQueryParser(index.analyzer());
      int compared = 0;
      try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
        IndexSearcher searcher = lease.searcher();
        assertThat(searcher.getIndexReader().leaves().size()).isGreaterThan(1);
        for (int n = 0; n < 150; n++) {
          String q = queries.apply(r);
          Query user = parser.parse(q, false);
          assertThat(Snippets.termsOnly(user)).as(q).isEqualTo(termsOnly);
          ScoreDoc[] docs = searcher.search(user, 1 + r.nextInt(30)).scoreDocs;
          Document[] loaded = new Document[docs.length];
          for (int i = 0; i < docs.length; i++) loaded[i] = searcher.storedFields().document(docs[i].doc);
          String[] fast = Snippets.of(searcher, index.analyzer(), user, docs, loaded, false, true);
          String[] stock = Snippets.of(searcher, index.analyzer(), user, docs, loaded, false, false);
          assertThat(fast).as(q).containsExactly(stock);
          compared += (int) java.util.Arrays.stream(stock).filter(java.util.Objects::nonNull).count();
        }
      }
      return compared;
    }
  }

  @Test
  void phrasesAndPrefixesKeepTheStockPath() throws IOException {
    try (ContentIndex index = ContentIndex.open(dir.resolve("ix"))) {
      SafeQueryParser parser = new SafeQueryParser(index.analyzer());
      assertThat(Snippets.termsOnly(parser.parse("снег", false))).isTrue();
      assertThat(Snippets.termsOnly(parser.parse("снег -дорога", false))).isTrue();
      assertThat(Snippets.termsOnly(parser.parse("\"алматы снег\"", false))).isFalse();
      assertThat(Snippets.termsOnly(parser.parse("снег алм*", false))).isFalse();
    }
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    int sentences = 1 + r.nextInt(6);
    for (int s = 0; s < sentences; s++) {
      int words = 2 + r.nextInt(12);
      for (int w = 0; w < words; w++) {
        String word = WORDS[r.nextInt(WORDS.length)];
        if (w == 0) word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        b.append(word).append(w + 1 < words ? " " : "");
      }
      b.append(r.nextBoolean() ? ". " : r.nextBoolean() ? "! " : "?\n");
    }
    return b.toString().trim();
  }
}
