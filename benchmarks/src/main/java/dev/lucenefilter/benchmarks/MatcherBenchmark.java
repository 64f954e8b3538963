package dev.lucenefilter.benchmarks;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.TextNormalizer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Normalize + match throughput of {@link PhraseMatcher} (steps 1–5, then all phrase rules) against a
 * double-array Aho–Corasick baseline over the lower-cased raw text with the same phrases (no normalization, no
 * word boundaries). Posts are mixed ru/kk/en, generated deterministically. The {@code chars} counter gives
 * chars/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {
  @Param({"1000", "10000", "100000"})
  public int rules;

  private static final String[] VOCAB = (
      "новости алматы сегодня погода бонус онлайн казино рулетка спайс купить дёшево доставка город "
      + "бүгін астанада жаңалықтар қазақ тілі өнер білім кітап мектеп ауа райы жақсы "
      + "free spins lucky casino bonus today news weather the and for with best price crypto wallet").split(" ");

  private String[] posts;
  private long totalChars;
  private PhraseMatcher matcher;
  private AhoCorasickDoubleArrayTrie<String> baseline;

  /** Characters processed, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Chars {
    public long chars;

    @Setup(Level.Iteration)
    public void reset() { chars = 0; }
  }

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(42);
    posts = new String[2000];
    for (int p = 0; p < posts.length; p++) {
      StringBuilder sb = new StringBuilder();
      int words = 20 + rnd.nextInt(60);
      for (int w = 0; w < words; w++) {
        String word = VOCAB[rnd.nextInt(VOCAB.length)];
        if (rnd.nextInt(10) == 0) word = word.toUpperCase(Locale.ROOT);
        if (rnd.nextInt(20) == 0) sb.append('#');
        sb.append(word).append(rnd.nextInt(12) == 0 ? ", " : " ");
      }
      if (rnd.nextInt(4) == 0) sb.append("https://example.org/a ");
      posts[p] = sb.toString();
      totalChars += posts[p].length();
    }
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    TreeMap<String, String> map = new TreeMap<>();
    for (int r = 0; r < rules; r++) {
      String phrase = r % 3 == 0
          ? VOCAB[rnd.nextInt(VOCAB.length)] + " " + VOCAB[rnd.nextInt(VOCAB.length)] + r
          : "term" + Integer.toString(r, 36) + (r % 2 == 0 ? " " + VOCAB[rnd.nextInt(VOCAB.length)] : "");
      if (r < 20) phrase = VOCAB[r * 3 % VOCAB.length] + " " + VOCAB[(r * 7 + 1) % VOCAB.length];
      b.add("rule-" + r, phrase);
      map.put(phrase.toLowerCase(Locale.ROOT), "rule-" + r);
    }
    matcher = b.build();
    baseline = new AhoCorasickDoubleArrayTrie<>();
    baseline.build(map);
  }

  @Benchmark
  public long normalizeAndMatch(Chars counter) {
    long hits = 0;
    long[] box = new long[1];
    for (String post : posts) {
      matcher.match(TextNormalizer.standard().tokenize(post), (r, s, e) -> box[0]++);
    }
    hits += box[0];
    counter.chars += totalChars;
    return hits;
  }

  @Benchmark
  public long baselineAhoCorasickLowercase(Chars counter) {
    long[] box = new long[1];
    for (String post : posts) {
      baseline.parseText(post.toLowerCase(Locale.ROOT), (AhoCorasickDoubleArrayTrie.IHit<String>) (begin, end, value) -> box[0]++);
    }
    counter.chars += totalChars;
    return box[0];
  }
}
