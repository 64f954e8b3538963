package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lucenefilter.filter.FilterFields;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** The {@code terms} class of queries: which words, in which order, and that other names stay single queries. */
class QueriesTest {
  /** 1,000 documents; word {@code w<k>} (k = 0..39) is in k × 5 of them, so {@code w10} is in 5% (50). */
  private static Directory index() throws Exception {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
      for (int i = 0; i < 1000; i++) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 40; k++) if (i < k * 5) text.append("www").append((char) ('a' + k % 26)).append(k >= 26 ? "z " : " ");
        // Digits and short words are never chosen: only words of three letters or more.
        text.append("12345 ab");
        Document d = new Document();
        d.add(new TextField(FilterFields.TEXT, text.toString(), Field.Store.NO));
        w.addDocument(d);
      }
    }
    return dir;
  }

  /** The word of frequency k × 5 ({@code k} 0..39). */
  private static String word(int k) { return "www" + (char) ('a' + k % 26) + (k >= 26 ? "z" : ""); }

  @Test
  void termsAreTheSixteenWordsNearestFivePercentNearestFirstTiesInTextOrder() throws Exception {
    try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
      List<String> words = Queries.all("terms", reader).stream()
          .map(q -> ((TermQuery) q.query()).getTerm().text()).toList();
      // 50 exactly, then 45 and 55, 40 and 60, ...: equally near, the word first in text order (here the rarer).
      assertEquals(List.of(word(10), word(9), word(11), word(8), word(12), word(7), word(13), word(6), word(14),
          word(5), word(15), word(4), word(16), word(3), word(17), word(2)), words);
      assertEquals(Queries.TERMS, words.size());
      // The single term query is the class's first word; every query of the class is unsorted (relevance).
      assertEquals(words.get(0), ((TermQuery) Queries.of("term", reader).query()).getTerm().text());
      Queries.all("terms", reader).forEach(q -> assertNull(q.sort()));
    }
  }

  @Test
  void otherNamesAreOneQueryAndUnknownNamesAreRefused() throws Exception {
    try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(1, Queries.all("term", reader).size());
      assertEquals(Queries.NEWEST, Queries.all("matchall_newest", reader).get(0).sort());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Queries.all("nope", reader));
      assertEquals("unknown query 'nope'", e.getMessage());
    }
  }
}
