package dev.lucenefilter.reliability;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test fixture: small deterministic worlds of channels and posts over a shared vocabulary, and policy directories
 * whose rules hit them often, so that a leak (a hidden record served) has many chances to show.
 */
final class Worlds {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final String[] WORDS = {
    "казино", "онлайн", "ставки", "купить", "соль", "новости", "погода", "алматы", "қазақстан", "ақша", "кітап",
    "free", "spins", "casino", "bonus", "buy", "news", "weather", "heroin", "lucky", "spin", "bet", "win", "today"};
  static final String[] USERS = {"spice_shop", "casino_bot", "city_news", "promo_chan", "daily_wire", "kz_today"};
  static final String[] DOMAINS = {"lucky-win.example", "bet.example", "news.example", "scam.example"};
  static final String[] FLAGS = {"fraud", "spam"};

  private Worlds() {}

  /** A world of {@code nChannels} channels and {@code nPosts} posts. */
  static World world(long seed, int nChannels, int nPosts) {
    Random r = new Random(seed);
    World w = new World();
    for (int i = 0; i < nChannels; i++) {
      w.channels.add(new Channel("c" + i, USERS[i % USERS.length] + (i >= USERS.length ? "_" + i : ""),
          sentence(r, 3), sentence(r, 6), "ru", r.nextInt(1000), Instant.EPOCH, flags(r)));
    }
    for (int i = 0; i < nPosts; i++) w.posts.add(post(r, "p" + i, w.channels, i));
    return w;
  }

  /** A random post of one of {@code channels}. */
  static Post post(Random r, String id, List<Channel> channels, int i) {
    Channel c = channels.get(r.nextInt(channels.size()));
    List<String> links = new ArrayList<>();
    if (r.nextInt(4) == 0) links.add("https://" + DOMAINS[r.nextInt(DOMAINS.length)] + "/x");
    StringBuilder text = new StringBuilder(sentence(r, 2 + r.nextInt(8)));
    if (r.nextInt(8) == 0) text.append(" @").append(USERS[r.nextInt(USERS.length)]);
    return new Post(id, c.id(), c.username(), text.toString(), NOW.minusSeconds(60L * i), r.nextInt(500), links,
        List.of(), flags(r));
  }

  static String sentence(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    return sb.toString();
  }

  private static Map<String, Double> flags(Random r) {
    Map<String, Double> f = new HashMap<>();
    for (String name : FLAGS) if (r.nextInt(3) == 0) f.put(name, r.nextInt(11) / 10.0);
    return f;
  }

  /** Channels and posts. */
  static final class World {
    final List<Channel> channels = new ArrayList<>();
    final List<Post> posts = new ArrayList<>();

    Channel channel(String id) {
      for (Channel c : channels) if (c.id().equals(id)) return c;
      return null;
    }
  }

  /**
   * Writes policy variant {@code variant} into {@code dir} (replacing its policy files): GLOBAL, KZ (inherits
   * GLOBAL) and RU. Variants differ in which words, channels, users and domains they hide, so a swap changes what
   * is visible.
   */
  static void writePolicy(Path dir, int variant) {
    try {
      Files.createDirectories(dir);
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) if (p.getFileName().toString().endsWith(".json")) Files.delete(p);
      }
      Random r = new Random(1000 + variant);
      String v = "v" + variant;
      write(dir, "GLOBAL", "[]",
          rule("g-" + v + "-phrase", "\"type\": \"phrase\", \"values\": [\"" + WORDS[r.nextInt(WORDS.length)] + "\"]"),
          rule("g-" + v + "-cls", "\"type\": \"classifier\", \"flag\": \"fraud\", \"threshold\": 0." + (7 + r.nextInt(3))));
      write(dir, "KZ", "[\"GLOBAL\"]",
          rule("kz-" + v + "-ch", "\"type\": \"channel\", \"values\": [\"c" + r.nextInt(6) + "\"]"),
          rule("kz-" + v + "-user", "\"type\": \"username\", \"mentions\": true, \"values\": [\"" + USERS[r.nextInt(USERS.length)] + "\"]"),
          rule("kz-" + v + "-phrase", "\"type\": \"phrase\", \"values\": [\"" + WORDS[r.nextInt(WORDS.length)] + " "
              + WORDS[r.nextInt(WORDS.length)] + "\", \"" + WORDS[r.nextInt(WORDS.length)] + "\"]"),
          rule("kz-" + v + "-dom", "\"type\": \"domain\", \"values\": [\"" + DOMAINS[r.nextInt(DOMAINS.length)] + "\"]"));
      write(dir, "RU", "[]",
          rule("ru-" + v + "-regex", "\"type\": \"regex\", \"values\": [\"" + WORDS[r.nextInt(WORDS.length)].substring(0, 2) + ".*\"]"),
          rule("ru-" + v + "-spam", "\"type\": \"classifier\", \"flag\": \"spam\", \"threshold\": 0.5, \"target\": \"post\""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String rule(String id, String body) {
    return "{\"id\": \"" + id + "\", " + body + ", \"category\": \"test\", \"legal_basis\": \"test\"}";
  }

  static void write(Path dir, String code, String inherits, String... rules) throws IOException {
    String json = "{\"jurisdiction\": \"" + code + "\", \"inherits\": " + inherits + ", \"rules\": [\n"
        + String.join(",\n", rules) + "\n]}\n";
    Files.writeString(dir.resolve(code + ".json"), json, StandardCharsets.UTF_8);
  }
}
