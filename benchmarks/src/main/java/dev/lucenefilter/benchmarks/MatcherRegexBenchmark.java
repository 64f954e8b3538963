package dev.lucenefilter.benchmarks;

import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.TextNormalizer;
import dev.lucenefilter.text.Tokens;
import dev.lucenefilter.text.WordRegexMatcher;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Regex rule matching over pre-tokenized mixed ru/kk/en posts: {@code grouped} is {@link WordRegexMatcher}
 * (union prefilters per rule group); {@code perRule} runs every rule's own automaton on every word, as the
 * matcher did before the prefilter. Score = posts/s (all posts per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherRegexBenchmark {
  @Param({"10", "100", "1000"})
  public int rules;

  @Param({"grouped", "perRule"})
  public String mode;

  private static final String[] VOCAB = (
      "новости алматы сегодня погода бонус онлайн казино рулетка спайс купить дёшево доставка город "
      + "бүгін астанада жаңалықтар қазақ тілі өнер білім кітап мектеп ауа райы жақсы bet777 x100 "
      + "free spins lucky casino bonus today news weather the and for with best price crypto wallet").split(" ");
  private static final String[] SHAPES = {"%s[0-9]{2,}", "%s.*bonus", "(%s|%sx)[a-z]*", "[0-9]+%s"};

  private Tokens[] posts;
  private WordRegexMatcher matcher;
  private CharacterRunAutomaton[] perRule;

  @Setup
  public void setup() throws InvalidRegexException {
    SplittableRandom rnd = new SplittableRandom(7);
    posts = new Tokens[500];
    for (int p = 0; p < posts.length; p++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 20 + rnd.nextInt(60); w > 0; w--) {
        String word = VOCAB[rnd.nextInt(VOCAB.length)];
        sb.append(rnd.nextInt(10) == 0 ? word.toUpperCase(Locale.ROOT) : word).append(' ');
      }
      posts[p] = TextNormalizer.standard().tokenize(sb.toString());
    }
    WordRegexMatcher.Builder b = WordRegexMatcher.builder();
    perRule = new CharacterRunAutomaton[rules];
    for (int r = 0; r < rules; r++) {
      String stem = r < 10 ? TextNormalizer.standard().fold(VOCAB[r * 5 % VOCAB.length]) : "w" + Integer.toString(r, 36);
      String pattern = String.format(Locale.ROOT, SHAPES[r % SHAPES.length], stem, stem);
      b.add("rule-" + r, pattern);
      perRule[r] = new CharacterRunAutomaton(WordRegexMatcher.compile(pattern));
    }
    matcher = b.build();
  }

  @Benchmark
  public long match() {
    long[] hits = new long[1];
    if (mode.equals("grouped")) {
      for (Tokens t : posts) matcher.match(t, (r, s, e) -> hits[0]++);
    } else {
      for (Tokens t : posts) {
        for (int i = 0; i < t.size(); i++) {
          String word = t.regexForm(i);
          for (CharacterRunAutomaton a : perRule) if (a.run(word)) hits[0]++;
        }
      }
    }
    return hits[0];
  }
}
