package dev.lucenefilter.search;

import static dev.lucenefilter.search.SearchServiceTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward-moving term offsets give the stock highlighter's snippets (Weight.matches, fresh postings per hit),
 * on random texts and random term queries over several segments; and only term queries take that path.
 */
class SnippetsTest {
  private static final String[] WORDS = {"алматы", "снег", "погода", "астана", "қар", "жауады", "news", "курс",
      "тенге", "завтра", "солнце", "дорога"};

  @TempDir Path dir;

  @Test
  void forwardOffsetsGiveTheStockSnippets() throws IOException {
    Random r = new Random(11);
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
          String q = WORDS[r.nextInt(WORDS.length)] + switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> " " + WORDS[r.nextInt(WORDS.length)];
            default -> " OR " + WORDS[r.nextInt(WORDS.length)] + " -" + WORDS[r.nextInt(WORDS.length)];
          };
          Query user = parser.parse(q, false);
          assertThat(Snippets.termsOnly(user)).as(q).isTrue();
          ScoreDoc[] docs = searcher.search(user, 1 + r.nextInt(30)).scoreDocs;
          Document[] loaded = new Document[docs.length];
          for (int i = 0; i < docs.length; i++) loaded[i] = searcher.storedFields().document(docs[i].doc);
          String[] fast = Snippets.of(searcher, index.analyzer(), user, docs, loaded, false, true);
          String[] stock = Snippets.of(searcher, index.analyzer(), user, docs, loaded, false, false);
          assertThat(fast).as(q).containsExactly(stock);
          compared += docs.length;
        }
      }
      assertThat(compared).isGreaterThan(1_000);
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
