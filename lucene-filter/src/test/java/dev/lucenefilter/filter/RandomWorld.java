package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random corpora and random policies over one shared vocabulary, so that rules hit records often, including
 * through the evasions of docs/reference.md §2. Deterministic for a seed.
 */
final class RandomWorld {
  static final String[] WORDS = {
    "казино", "онлайн", "ставки", "спайс", "купить", "соль", "для", "ванн", "новости", "погода", "алматы",
    "қазақстан", "ақша", "білім", "кітап", "ойын", "free", "spins", "casino", "bonus", "buy", "cocaine", "news",
    "weather", "method", "meth", "heroin", "героин", "героиня", "lucky", "spin", "spinner", "bet", "win", "today"};
  static final String[] DOMAINS = {"lucky-win.example", "bet.example", "notbet.example", "scam.example",
      "wallet-drain.example", "news.example", "казино.example",
      // lookalikes and their originals (only the listed spelling may match), IDN, an underscore host, an address
      "etḥerdelta.com", "etherdelta.com", "bücher.example", "bucher.example", "пример.қаз", "promo_drop.kissr.example",
      "198.51.100.7"};
  static final String[] USERS = {"spice_shop", "spice_shop_news", "casino_bot", "city_news", "promo_chan"};
  static final String[] FLAGS = {"fraud", "spam", "fake_account"};
  static final String[] MEDIA = {"a".repeat(64), "b".repeat(64), "c".repeat(64), "d".repeat(64)};
  static final String[] JURISDICTIONS = {"GLOBAL", "AA", "BB", "CC"};
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** Words whose digits meet leetspeak: only the query-time test uses them (the naive reference has no leetspeak variants of prefixes). */
  static final String[] DIGIT_WORDS = {"2026", "365", "x2", "24", "b3t", "l33t", "7", "10"};

  /** Regex patterns of the rules. */
  static final String[] REGEXES = {"bet[0-9]*", "каз.*", "spin.+", "me.h", "[a-z]+win"};
  /**
   * With long words: patterns a word's beginning can match when the whole word does not, or the other way round
   * ({@code bet[0-9]*} and {@code [a-z]+win} do too).
   */
  static final String[] LONG_WORD_REGEXES = {"bet[0-9]*", "каз.*", "spin.+", "me.h", "[a-z]+win", "[а-я]*казино",
      "ж+", "[0-9]+"};
  /** Longest word the index keeps whole; long words are drawn around it. */
  static final int KEPT = 8_000;

  final Random random;
  private final String[] words;
  private final boolean longWords;
  final List<Channel> channels = new ArrayList<>();
  final List<Post> posts = new ArrayList<>();

  RandomWorld(long seed, int nPosts) {
    this(seed, nPosts, false);
  }

  RandomWorld(long seed, int nPosts, boolean digitWords) {
    this(seed, nPosts, digitWords, false);
  }

  /**
   * @param longWords some words of posts and channel descriptions are longer than the index keeps of a word, or
   *     about as long, and regex rules that tell a long word from its beginning
   */
  RandomWorld(long seed, int nPosts, boolean digitWords, boolean longWords) {
    this.random = new Random(seed);
    this.words = digitWords ? concat(WORDS, DIGIT_WORDS) : WORDS;
    this.longWords = longWords;
    int nChannels = 6;
    for (int i = 0; i < nChannels; i++) {
      String user = i < USERS.length ? USERS[i] : "";
      String title = sentence(3);
      String description = sentence(6) + (random.nextInt(4) == 0 ? " " + pick(DOMAINS) : "");
      if (longWords && random.nextInt(4) == 0) description += " " + longWord(pick(words));
      channels.add(new Channel("c" + i, user, title, description, "ru", random.nextInt(1000), Instant.EPOCH, flags()));
    }
    for (int i = 0; i < nPosts; i++) {
      // c9 has no channel record: its posts are judged on what they carry.
      String ch = random.nextInt(10) == 0 ? "c9" : "c" + random.nextInt(nChannels);
      String user = ch.equals("c9") ? "ghost_chan" : channels.get(Integer.parseInt(ch.substring(1))).username();
      List<String> links = new ArrayList<>();
      if (random.nextInt(4) == 0) links.add("https://" + (random.nextBoolean() ? "app." : "") + pick(DOMAINS) + "/x");
      List<String> media = new ArrayList<>();
      if (random.nextInt(6) == 0) media.add(pick(MEDIA));
      posts.add(new Post("p" + i, ch, user, text(), NOW.minusSeconds(3600L * i), random.nextInt(500), links, media, flags()));
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private Map<String, Double> flags() {
    Map<String, Double> f = new HashMap<>();
    for (String name : FLAGS) {
      if (random.nextInt(3) == 0) f.put(name, random.nextInt(11) / 10.0);
    }
    return f;
  }

  String pick(String[] a) { return a[random.nextInt(a.length)]; }

  String sentence(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(pick(words));
    return sb.toString();
  }

  private String text() {
    StringBuilder sb = new StringBuilder();
    int n = 2 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(' ');
      String w = pick(words);
      if (longWords && random.nextInt(40) == 0) {
        sb.append(longWord(w));
        continue;
      }
      switch (random.nextInt(14)) {
        case 0 -> sb.append(String.join(" ", w.split("")));           // spelled out
        case 1 -> sb.append('#').append(w).append(pick(words));        // joined hashtag
        case 2 -> sb.append(w).append('-').append(pick(words));        // hyphen-joined
        case 3 -> sb.append(w.replace('o', '0').replace('e', '3'));    // leetspeak
        case 4 -> sb.append(w.replace('а', 'a').replace('о', 'o'));    // Latin homoglyphs in Cyrillic
        case 5 -> sb.append(w.toUpperCase(java.util.Locale.ROOT));
        case 6 -> sb.append('@').append(pick(USERS));
        case 7 -> sb.append(pick(DOMAINS).replace(".", random.nextBoolean() ? "[.]" : "(dot)"));
        case 8 -> sb.append("t.me/").append(pick(USERS));
        case 9 -> sb.append(w.charAt(0)).append('\u200b').append(w.substring(1));
        default -> sb.append(w);
      }
    }
    return sb.toString();
  }

  /**
   * A word of about {@link #KEPT} chars or more: a filler run before {@code w}, after it, or between it and another
   * word, so that the index's beginning of the word and the whole word can meet a pattern differently.
   */
  private String longWord(String w) {
    String fill = pick(new String[] {"x", "ж", "7"}).repeat(KEPT - 10 + random.nextInt(20));
    return switch (random.nextInt(3)) {
      case 0 -> fill + w;
      case 1 -> w + fill;
      default -> w + fill + pick(words);
    };
  }

  /** Writes a random policy directory: GLOBAL, AA and CC inherit GLOBAL, BB inherits AA. */
  void writePolicy(Path dir, int generation) throws IOException {
    Files.createDirectories(dir);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Map<String, String> parents = new LinkedHashMap<>();
    parents.put("GLOBAL", "");
    parents.put("AA", "\"GLOBAL\"");
    parents.put("BB", "\"AA\"");
    parents.put("CC", "");
    int ruleNo = 0;
    for (var e : parents.entrySet()) {
      String code = e.getKey();
      StringBuilder rules = new StringBuilder();
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (rules.length() > 0) rules.append(",\n");
        rules.append(rule(code, code.toLowerCase() + "-" + generation + "-" + (ruleNo++)));
      }
      String json = "{\"jurisdiction\": \"" + code + "\", \"inherits\": [" + e.getValue() + "], \"rules\": [\n" + rules + "\n]}\n";
      Files.writeString(dir.resolve(code + ".json"), json, StandardCharsets.UTF_8);
    }
  }

  private String rule(String code, String id) {
    String target = switch (random.nextInt(4)) { case 0 -> "\"post\""; case 1 -> "\"channel\""; default -> "\"both\""; };
    String action = code.equals("GLOBAL") && random.nextInt(5) == 0 ? ", \"action\": \"reject\"" : "";
    String dates = switch (random.nextInt(6)) {
      case 0 -> ", \"effective_from\": \"2027-01-01\"";
      case 1 -> ", \"expires\": \"2026-01-01\"";
      default -> "";
    };
    String head = "{\"id\": \"" + id + "\", \"category\": \"test\", \"legal_basis\": \"test\", \"target\": " + target + action + dates;
    return switch (random.nextInt(7)) {
      case 0 -> head + ", \"type\": \"channel\", \"values\": [\"c" + random.nextInt(10) + "\"]}";
      case 1 -> head + ", \"type\": \"username\", \"mentions\": " + random.nextBoolean() + ", \"values\": [\"" + pick(USERS) + "\"]}";
      case 2 -> head + ", \"type\": \"domain\", \"values\": [\"" + pick(DOMAINS) + "\"]}";
      case 3 -> head + ", \"type\": \"phrase\", \"values\": [" + phrase() + (random.nextBoolean() ? ", " + phrase() : "") + "]}";
      case 4 -> head + ", \"type\": \"regex\", \"values\": [\"" + pick(longWords ? LONG_WORD_REGEXES : REGEXES) + "\"]}";
      // A media_hash rule on channels is refused (a channel record has no media): the post side instead.
      case 5 -> head.replace("\"target\": \"channel\"", "\"target\": \"post\"") + ", \"type\": \"media_hash\", \"values\": [\""
          + pick(MEDIA) + "\"]}";
      default -> head + ", \"type\": \"classifier\", \"flag\": \"" + pick(FLAGS) + "\", \"threshold\": " + (random.nextInt(11) / 10.0) + "}";
    };
  }

  private String phrase() {
    int n = 1 + random.nextInt(2);
    String p = sentence(n);
    if (random.nextInt(4) == 0) {
      // A prefix: cut the last word by up to two characters, never to nothing.
      int lastStart = p.lastIndexOf(' ') + 1;
      int keep = Math.max(lastStart + 1, p.length() - random.nextInt(3));
      p = p.substring(0, keep) + "*";
    }
    return "\"" + p + "\"";
  }
}
