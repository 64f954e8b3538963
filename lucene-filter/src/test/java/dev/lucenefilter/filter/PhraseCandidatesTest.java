package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.TextNormalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * {@link PhraseCandidates}: the documents where a pattern's words can be consecutive tokens. Exact sets on small
 * indexes (order, distance, spelled-out and joined words, repeated words, a field without positions), and on random
 * texts with evasions that no match of the matcher falls outside them.
 */
class PhraseCandidatesTest {
  private static final String FIELD = FilterFields.NWORDS;

  /** The whole words of a phrase's multi-word pattern, as the phrase filter passes them. */
  private static List<String> words(String phrase) {
    return PhraseMatcher.patterns(phrase).stream().filter(p -> p.words().size() > 1).findFirst().orElseThrow().words();
  }

  private static DirectoryReader index(FieldType type, String... texts) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new NormalizedWordsAnalyzer()))) {
      for (String text : texts) {
        Document d = new Document();
        d.add(new Field(FIELD, text, type));
        w.addDocument(d);
      }
      w.forceMerge(1);
    }
    return DirectoryReader.open(dir);
  }

  private static Set<Integer> candidates(DirectoryReader reader, List<String> words) throws IOException {
    LeafReader leaf = reader.leaves().get(0).reader();
    FixedBitSet out = new FixedBitSet(leaf.maxDoc());
    PhraseCandidates.collect(leaf, FIELD, words, out);
    Set<Integer> docs = new TreeSet<>();
    for (int d = 0; d < out.length(); d++) if (out.get(d)) docs.add(d);
    return docs;
  }

  @Test
  void keepsOnlyDocumentsWhereEachWordCanFollowTheLast() throws IOException {
    try (DirectoryReader r = index(TextField.TYPE_NOT_STORED,
        "free spins today",                  // 0: side by side
        "spins free",                        // 1: wrong order
        "free one two three four five spins", // 2: six positions apart, beyond what 'free' (4) can span
        "f r e e spins",                     // 3: spelled out: 'free' spans four nodes, the most it can
        "free-spins",                        // 4: joined: its parts are tokens too
        "free x spins",                      // 5: two apart: within reach, a candidate the verification rejects
        "nothing here",                      // 6
        "spins")) {                          // 7: one word only
      assertThat(candidates(r, words("free spins"))).containsExactly(0, 3, 4, 5);
    }
  }

  @Test
  void aRepeatedWordNeedsTwoOccurrencesInReach() throws IOException {
    try (DirectoryReader r = index(TextField.TYPE_NOT_STORED, "bla bla", "bla a b c d bla", "bla", "bla x bla")) {
      assertThat(candidates(r, words("bla bla"))).containsExactly(0, 3);
    }
  }

  @Test
  void aWordNoDocumentHoldsGivesNoCandidate() throws IOException {
    try (DirectoryReader r = index(TextField.TYPE_NOT_STORED, "free spins")) {
      assertThat(candidates(r, words("free chips"))).isEmpty();
    }
  }

  @Test
  void noWordIsRefusedRatherThanAnsweredWithNoCandidate() throws IOException {
    try (DirectoryReader r = index(TextField.TYPE_NOT_STORED, "free spins")) {
      assertThatThrownBy(() -> candidates(r, List.of())).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a phrase pattern without a whole word has no candidates");
    }
  }

  @Test
  void withoutPositionsEveryDocumentHoldingAllWordsIsACandidate() throws IOException {
    FieldType docsOnly = new FieldType(TextField.TYPE_NOT_STORED);
    docsOnly.setIndexOptions(IndexOptions.DOCS);
    docsOnly.freeze();
    try (DirectoryReader r = index(docsOnly, "spins free", "free spins", "free", "free a b c d e f spins")) {
      assertThat(candidates(r, words("free spins"))).containsExactly(0, 1, 3);
    }
  }

  private static final String[] VOCABULARY = {"free", "spins", "казино", "онлайн", "spice", "shop", "buy", "now",
      "қазақ", "a", "и", "в", "к", "o", "x"};
  private static final String[] SPELL_GAPS = {" ", ".", "-", "_", "*", "\u00b7"};

  /** A word as an evader writes it: plain, shouted, spelled out, leetspeak, or joined to the next one. */
  private static String render(Random r, String word) {
    return switch (r.nextInt(6)) {
      case 0 -> String.join(SPELL_GAPS[r.nextInt(SPELL_GAPS.length)], word.split(""));
      case 1 -> word.toUpperCase(java.util.Locale.ROOT);
      case 2 -> word.replace('e', '3').replace('o', '0').replace('a', '@');
      case 3 -> word + (r.nextBoolean() ? "-" : "_");
      default -> word;
    };
  }

  private static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(16);
    for (int i = 0; i < n; i++) {
      String w = render(r, VOCABULARY[r.nextInt(VOCABULARY.length)]);
      sb.append(w);
      if (!w.endsWith("-") && !w.endsWith("_")) sb.append(r.nextInt(5) == 0 ? ", " : " ");
    }
    return sb.toString();
  }

  @Test
  void noMatchOfTheMatcherFallsOutsideTheCandidatesOnRandomTexts() throws IOException {
    // -Dlucenefilter.long=true: twenty corpora instead of one.
    int corpora = Boolean.getBoolean("lucenefilter.long") ? 20 : 1;
    for (long seed = 7; seed < 7 + corpora; seed++) checkCorpus(seed);
  }

  private static void checkCorpus(long seed) throws IOException {
    Random random = new Random(seed);
    int docs = 3_000;
    String[] texts = new String[docs];
    for (int d = 0; d < docs; d++) texts[d] = text(random);
    long narrowed = 0;
    long conjunction = 0;
    long matched = 0;
    try (DirectoryReader r = index(TextField.TYPE_NOT_STORED, texts)) {
      LeafReader leaf = r.leaves().get(0).reader();
      for (int k = 0; k < 60; k++) {
        int n = 2 + random.nextInt(2);
        List<String> phraseWords = new ArrayList<>();
        for (int i = 0; i < n; i++) phraseWords.add(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        String phrase = String.join(" ", phraseWords);
        PhraseMatcher m = PhraseMatcher.builder().add("r", phrase).build();
        List<String> words = words(phrase);
        Set<Integer> kept = candidates(r, words);
        // The joined form is a one-word pattern, exact from the dictionary: a match through it needs no candidate.
        String joined = String.join("", words);
        for (int d = 0; d < docs; d++) {
          boolean[] hit = {false};
          m.match(TextNormalizer.standard().tokenize(texts[d]), (id, s, e) -> hit[0] = true);
          if (!hit[0]) continue;
          matched++;
          boolean viaJoined = leaf.postings(new Term(FIELD, joined)) != null
              && leaf.postings(new Term(FIELD, joined)).advance(d) == d;
          assertThat(kept.contains(d) || viaJoined)
              .as("seed %d: '%s' matches doc %d \"%s\" outside the candidates %s", seed, phrase, d, texts[d], words)
              .isTrue();
        }
        FixedBitSet all = new FixedBitSet(leaf.maxDoc());
        for (int d = 0; d < docs; d++) all.set(d);
        for (String w : new TreeSet<>(words)) {
          FixedBitSet holding = new FixedBitSet(leaf.maxDoc());
          SegmentDocs.terms(leaf, FIELD, List.of(w), holding);
          all.and(holding);
        }
        conjunction += all.cardinality();
        narrowed += kept.size();
      }
    }
    // The test means something only if phrases matched, and the positions must drop documents the words alone keep.
    assertThat(matched).isGreaterThan(200);
    assertThat(narrowed).isLessThan(conjunction / 2);
  }
}
