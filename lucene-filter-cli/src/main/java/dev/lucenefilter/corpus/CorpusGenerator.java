package dev.lucenefilter.corpus;

import dev.lucenefilter.corpus.SampleTargets.Theme;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A deterministic sample corpus of Telegram-like channels and posts: the same seed, sizes and code always give
 * byte-identical {@code channels.jsonl} and {@code posts.jsonl}.
 *
 * <p>Shape: the {@link SampleTargets#CHANNELS target channels} come first in {@code channels.jsonl} with their
 * sample ids and usernames, then the ordinary channels {@code c-1 … c-M}. Channel sizes and post views follow a
 * Zipf law; dates are spread over {@link #FROM} to {@link #TO} (fixed, never "now"); texts mix Russian, Kazakh
 * and English as Kazakh channels do, with hashtags, links, {@code @mentions} and emoji. Upstream classifier flags
 * ({@code fraud}, {@code spam}, {@code extremism} on posts, {@code fake_account}, {@code spam} on channels) are
 * mostly near 0 with a few high scores. About {@value #TARGET_SHARE_PERCENT}% of posts carry target content:
 * posts of the target channels, and ordinary posts with a target phrase (plain or in an evasive spelling), a
 * target domain (in links, in text, obfuscated), a target mention or a target media hash; about one post in
 * 20,000 carries {@link SampleTargets#REJECTED_MEDIA}. Streams to disk: memory does not grow with the post count.
 */
public final class CorpusGenerator {
  public static final int MIN_POSTS = 1_000;
  public static final int MAX_POSTS = 5_000_000;
  /** First instant of the corpus (inclusive). */
  public static final Instant FROM = Instant.parse("2024-12-01T00:00:00Z");
  /** End of the corpus (exclusive). */
  public static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
  static final int TARGET_SHARE_PERCENT = 2;
  /** One post in this many carries {@link SampleTargets#REJECTED_MEDIA}. */
  static final int REJECTED_MEDIA_EVERY = 20_000;

  private final int posts;
  private final int channels;
  private final long seed;

  private CorpusGenerator(int posts, int channels, long seed) {
    this.posts = posts;
    this.channels = channels;
    this.seed = seed;
  }

  /**
   * A generator of {@code posts} posts in {@code channels} ordinary channels (plus the target channels).
   *
   * @throws IllegalArgumentException when posts is outside [{@value #MIN_POSTS}, {@value #MAX_POSTS}] or
   *     channels is below 1
   */
  public static CorpusGenerator of(int posts, int channels, long seed) {
    if (posts < MIN_POSTS || posts > MAX_POSTS) {
      throw new IllegalArgumentException("--posts must be between " + MIN_POSTS + " and " + MAX_POSTS + ", not " + posts);
    }
    if (channels < 1 || channels > posts) {
      throw new IllegalArgumentException("--channels must be between 1 and the number of posts, not " + channels);
    }
    return new CorpusGenerator(posts, channels, seed);
  }

  /** The default number of ordinary channels: posts / 200, at least 20. */
  public static int defaultChannels(int posts) {
    return Math.max(20, posts / 200);
  }

  /** What a run wrote: posts, channels (target channels included), posts with target content, wall time. */
  public record Summary(long posts, long channels, long targetPosts, long nanos) {
    public double postsPerSecond() { return nanos <= 0 ? 0 : posts * 1e9 / nanos; }
  }

  /** Writes {@code dir/channels.jsonl} and {@code dir/posts.jsonl}, creating {@code dir}. */
  public Summary generate(Path dir) throws IOException {
    return generate(dir, n -> {});
  }

  /** As {@link #generate(Path)}, reporting the posts written so far every 10,000 posts. */
  public Summary generate(Path dir, LongConsumer progress) throws IOException {
    Objects.requireNonNull(progress);
    long start = System.nanoTime();
    Files.createDirectories(dir);
    ChannelInfo[] info = writeChannels(dir.resolve("channels.jsonl"));
    long targets = writePosts(dir.resolve("posts.jsonl"), info, progress);
    return new Summary(posts, info.length, targets, System.nanoTime() - start);
  }

  /** What posts need to know of their channel. */
  private record ChannelInfo(String id, String username, int language, long subscribers, Theme theme) {}

  private ChannelInfo[] writeChannels(Path file) throws IOException {
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    List<ChannelInfo> out = new ArrayList<>();
    try (RecordJson.LineWriter w = RecordJson.lineWriter(Files.newBufferedWriter(file))) {
      for (SampleTargets.TargetChannel t : SampleTargets.CHANNELS) {
        String description = t.title() + ". " + capitalize(phraseOf(t.theme(), r)) + " — " + domainOf(t.theme(), r)
            + " " + pick(r, Vocabulary.EMOJI);
        long subs = 500 + r.nextInt(50_000);
        Channel c = new Channel(t.id(), t.username(), t.title(), description, "ru", subs, created(r),
            flags(r, "fake_account", 0.6, "spam", 0.7));
        w.write(c);
        out.add(new ChannelInfo(c.id(), c.username(), 0, subs, t.theme()));
      }
      for (int i = 1; i <= channels; i++) {
        int language = language(r);
        Vocabulary.Language l = Vocabulary.ALL.get(language == 3 ? r.nextInt(2) : language);
        String username = r.nextInt(10) == 0 ? ""
            : pick(r, Vocabulary.USERNAME_PARTS) + "_" + pick(r, Vocabulary.USERNAME_PARTS) + "_" + i;
        String title = capitalize(pick(r, l.adjectives()) + " " + pick(r, l.nouns())) + " " + pick(r, l.cities());
        String description = sentence(r, l) + " " + sentence(r, l);
        long subs = Math.max(50, (long) (2_000_000 / Math.pow(i, 0.9) * (0.3 + r.nextDouble())));
        Channel c = new Channel("c-" + i, username, title, description, LANGUAGE_CODES.get(language), subs, created(r),
            flags(r, "fake_account", 0, "spam", 0));
        w.write(c);
        out.add(new ChannelInfo(c.id(), c.username(), language, subs, null));
      }
    }
    return out.toArray(new ChannelInfo[0]);
  }

  private long writePosts(Path file, ChannelInfo[] info, LongConsumer progress) throws IOException {
    SplittableRandom r = new SplittableRandom(seed * 31 + 11);
    int targetCount = SampleTargets.CHANNELS.size();
    double[] zipf = zipfCdf(info.length - targetCount, 1.07);
    long span = TO.getEpochSecond() - FROM.getEpochSecond();
    long targets = 0;
    StringBuilder text = new StringBuilder(512);
    try (RecordJson.LineWriter w = RecordJson.lineWriter(Files.newBufferedWriter(file))) {
      for (int i = 0; i < posts; i++) {
        text.setLength(0);
        double u = r.nextDouble();
        ChannelInfo ch;
        List<String> links = new ArrayList<>(2);
        List<String> media = new ArrayList<>(1);
        Map<String, Double> flags;
        // Half the target posts come from the target channels, the other half are ordinary posts with a target.
        boolean target = u < TARGET_SHARE_PERCENT / 100.0;
        if (u < TARGET_SHARE_PERCENT / 200.0) {
          ch = info[r.nextInt(targetCount)];
          targetText(r, ch.theme(), text, links, media);
          flags = flags(r, flagOf(ch.theme()), 0.8, "spam", 0.5);
        } else {
          ch = info[targetCount + sample(zipf, r.nextDouble())];
          ordinaryText(r, ch, info, targetCount, text, links);
          if (target) {
            Theme theme = Theme.values()[r.nextInt(Theme.values().length)];
            injectTarget(r, theme, text, links, media);
            flags = flags(r, flagOf(theme), 0.5, "spam", 0);
          } else {
            flags = flags(r, "fraud", 0, "spam", 0);
          }
        }
        if (i % REJECTED_MEDIA_EVERY == 500) {
          media.add(SampleTargets.REJECTED_MEDIA);
          target = true;
        } else if (r.nextInt(20) == 0) {
          media.add(SampleTargets.sha256("media:" + seed + ":" + i));
        }
        if (target) targets++;
        Instant date = Instant.ofEpochSecond(FROM.getEpochSecond() + r.nextLong(span));
        long views = Math.max(1, (long) (ch.subscribers() * (0.02 + 0.4 * Math.pow(r.nextDouble(), 3))));
        w.write(new Post("p-" + (i + 1), ch.id(), ch.username(), text.toString(), date, views, links, media, flags));
        if ((i + 1) % 10_000 == 0) progress.accept(i + 1);
      }
    }
    progress.accept(posts);
    return targets;
  }

  private static void ordinaryText(SplittableRandom r, ChannelInfo ch, ChannelInfo[] info, int targetCount,
      StringBuilder text, List<String> links) {
    if (r.nextInt(5) == 0) text.append(pick(r, Vocabulary.EMOJI)).append(' ');
    int sentences = 1 + r.nextInt(4);
    for (int s = 0; s < sentences; s++) {
      int lang = ch.language() == 3 ? r.nextInt(2) : ch.language();
      if (s > 0) text.append(' ');
      text.append(sentence(r, Vocabulary.ALL.get(lang)));
    }
    Vocabulary.Language l = Vocabulary.ALL.get(ch.language() == 3 ? 1 : ch.language());
    if (r.nextInt(10) < 3) {
      text.append("\n\n#").append(pick(r, l.hashtags()));
      if (r.nextBoolean()) text.append(" #").append(pick(r, l.hashtags()));
    }
    if (r.nextInt(100) < 15) {
      String d = pick(r, Vocabulary.DOMAINS);
      String url = "https://" + d + "/" + pick(r, Vocabulary.EN.nouns()) + "/" + r.nextInt(100_000);
      if (r.nextBoolean()) links.add(url);
      else text.append("\n").append(url);
    }
    if (r.nextInt(10) == 0) {
      ChannelInfo other = info[targetCount + r.nextInt(info.length - targetCount)];
      if (!other.username().isEmpty()) text.append(" @").append(other.username());
    }
    if (r.nextInt(5) == 0) text.append(' ').append(pick(r, Vocabulary.EMOJI));
  }

  private static void targetText(SplittableRandom r, Theme theme, StringBuilder text,
      List<String> links, List<String> media) {
    text.append(pick(r, Vocabulary.EMOJI)).append(' ');
    text.append(capitalize(Evasions.phrase(phraseOf(theme, r), r.nextInt(Evasions.PHRASE_STYLES))));
    text.append("! ").append(sentence(r, Vocabulary.RU)).append(' ');
    String domain = domainOf(theme, r);
    switch (r.nextInt(3)) {
      case 0 -> links.add("https://" + domain + "/" + r.nextInt(1000));
      case 1 -> text.append(Evasions.domain(domain, r));
      default -> text.append(domain);
    }
    if (r.nextInt(3) == 0) text.append(" @").append(pick(r, SampleTargets.MENTIONED_USERNAMES));
    for (SampleTargets.TargetMedia m : SampleTargets.MEDIA) {
      if (m.theme() == theme && r.nextInt(4) == 0) media.add(m.sha256());
    }
  }

  /** Adds one kind of target content to an ordinary post. */
  private static void injectTarget(SplittableRandom r, Theme theme, StringBuilder text,
      List<String> links, List<String> media) {
    switch (r.nextInt(6)) {
      case 0, 1 -> text.append(' ').append(Evasions.phrase(phraseOf(theme, r), r.nextInt(Evasions.PHRASE_STYLES)));
      case 2 -> links.add("https://" + domainOf(theme, r) + "/go");
      case 3 -> text.append(' ').append(Evasions.domain(domainOf(theme, r), r));
      case 4 -> {
        String name = r.nextBoolean()
            ? pick(r, SampleTargets.CHANNELS.stream().filter(c -> c.theme() == theme).toList()).username()
            : pick(r, SampleTargets.MENTIONED_USERNAMES);
        text.append(r.nextBoolean() ? " @" + name : " https://t.me/" + name);
      }
      default -> media.add(pick(r, SampleTargets.MEDIA).sha256());
    }
  }

  private static String sentence(SplittableRandom r, Vocabulary.Language l) {
    String template = pick(r, l.templates());
    StringBuilder sb = new StringBuilder(template.length() + 64);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 2 < template.length() && template.charAt(i + 2) == '}') {
        sb.append(switch (template.charAt(i + 1)) {
          case 'n' -> pick(r, l.nouns());
          case 'a' -> pick(r, l.adjectives());
          case 'v' -> pick(r, l.verbs());
          case 'c' -> pick(r, l.cities());
          case 'd' -> Integer.toString(1 + r.nextInt(r.nextBoolean() ? 100 : 100_000));
          default -> pick(r, r.nextBoolean() ? l.other() : l.nouns());
        });
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return capitalize(sb.toString());
  }

  private static String phraseOf(Theme theme, SplittableRandom r) {
    return pick(r, SampleTargets.PHRASES.stream().filter(p -> p.theme() == theme).toList()).phrase();
  }

  private static String domainOf(Theme theme, SplittableRandom r) {
    return pick(r, SampleTargets.DOMAINS.stream().filter(d -> d.theme() == theme).toList()).domain();
  }

  private static String flagOf(Theme theme) {
    return switch (theme) {
      case FRAUD, COUNTERFEIT, GAMBLING -> "fraud";
      case EXTREMISM, HATE -> "extremism";
      default -> "spam";
    };
  }

  /**
   * Scores like an upstream classifier: mostly near 0, a few high. {@code floorA}/{@code floorB} raise the
   * first/second flag to at least that level (0: no floor). Rounded to three decimals, as such feeds are.
   */
  private static Map<String, Double> flags(SplittableRandom r, String a, double floorA, String b, double floorB) {
    Map<String, Double> m = new TreeMap<>();
    m.put(a, score(r, floorA));
    m.put(b, score(r, floorB));
    if (r.nextInt(4) == 0 && !a.equals("extremism") && !b.equals("extremism")) m.put("extremism", score(r, 0));
    return m;
  }

  private static double score(SplittableRandom r, double floor) {
    double s = r.nextInt(200) == 0 ? 0.85 + 0.15 * r.nextDouble() : 0.2 * Math.pow(r.nextDouble(), 6);
    if (floor > 0) s = floor + (1 - floor) * r.nextDouble();
    return Math.round(s * 1000) / 1000.0;
  }

  /** Index 0 ru, 1 kk, 2 en, 3 Kazakh channels that post in Russian too. */
  private static final List<String> LANGUAGE_CODES = List.of("ru", "kk", "en", "kk");

  private static int language(SplittableRandom r) {
    int p = r.nextInt(100);
    return p < 45 ? 0 : p < 75 ? 1 : p < 85 ? 2 : 3;
  }

  private static Instant created(SplittableRandom r) {
    long from = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
    return Instant.ofEpochSecond(from + r.nextLong(FROM.getEpochSecond() - from));
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) cdf[k] /= sum;
    return cdf;
  }

  private static int sample(double[] cdf, double u) {
    int i = Arrays.binarySearch(cdf, u);
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }

  private static <T> T pick(SplittableRandom r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  private static String capitalize(String s) {
    if (s.isEmpty()) return s;
    int cp = s.codePointAt(0);
    return new StringBuilder(s.length()).appendCodePoint(Character.toUpperCase(cp))
        .append(s, Character.charCount(cp), s.length()).toString();
  }
}
