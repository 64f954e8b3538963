package dev.lucenefilter.benchmarks;

import dev.lucenefilter.corpus.SampleTargets;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a generated policy directory for a {@link PolicySpec}: deterministic for a spec, a vocabulary and a
 * variant. Each jurisdiction lists every sample target (so the corpus has something to hide: about the 2% of
 * target posts plus the posts of the ordinary channels blocked) and fills up to the spec's sizes with values
 * that look real: about a tenth of the corpus's ordinary channel ids (never the twenty largest, which would hide
 * a large share of the corpus by themselves), invented domains and usernames, and phrases made of corpus words,
 * one in ten of two corpus words (some occur), the rest a corpus word and an invented one. Variant {@code v > 0}
 * changes one value in each of {@code changedRules} value rules of KZ, for reload benchmarks.
 */
final class PolicyWriter {
  private PolicyWriter() {}

  /** One rule as JSON fields. */
  private record RuleJson(String id, String type, List<String> values, String extra) {}

  static void write(Path dir, PolicySpec spec, List<String> vocabulary) throws IOException {
    write(dir, spec, vocabulary, 0, 0);
  }

  static void write(Path dir, PolicySpec spec, List<String> vocabulary, int variant, int changedRules)
      throws IOException {
    write(dir, spec, vocabulary, variant, changedRules, false);
  }

  /** As above; with {@code insertAtTop}, also one new rule at the top of KZ's file (every other rule moves down). */
  static void write(Path dir, PolicySpec spec, List<String> vocabulary, int variant, int changedRules,
      boolean insertAtTop) throws IOException {
    Files.createDirectories(dir);
    try (Writer w = Files.newBufferedWriter(dir.resolve("GLOBAL.json"), StandardCharsets.UTF_8)) {
      w.write("{\"jurisdiction\": \"GLOBAL\", \"description\": \"benchmark\", \"rules\": [\n");
      w.write("{\"id\": \"g-ext-cls\", \"type\": \"classifier\", \"flag\": \"extremism\", \"threshold\": 0.9, "
          + "\"target\": \"post\", \"category\": \"terrorism\", \"legal_basis\": \"bench\"}\n]}\n");
    }
    for (int j = 0; j < spec.jurisdictions(); j++) {
      String code = PolicySpec.jurisdiction(j);
      List<RuleJson> rules = rules(spec, vocabulary, j, code.toLowerCase(java.util.Locale.ROOT));
      if (j == 0 && variant > 0) change(rules, variant, changedRules);
      if (j == 0 && variant > 0 && insertAtTop) {
        rules.add(0, new RuleJson("kz-inserted-v" + variant, "channel", List.of("inserted-v" + variant), ""));
      }
      try (Writer w = Files.newBufferedWriter(dir.resolve(code + ".json"), StandardCharsets.UTF_8)) {
        w.write("{\"jurisdiction\": \"" + code + "\", \"inherits\": [\"GLOBAL\"], \"rules\": [\n");
        for (int i = 0; i < rules.size(); i++) {
          RuleJson r = rules.get(i);
          if (i > 0) w.write(",\n");
          w.write("{\"id\": \"" + r.id + "\", \"type\": \"" + r.type + "\", \"category\": \"bench\", "
              + "\"legal_basis\": \"bench\"" + r.extra);
          if (r.values != null) {
            w.write(", \"values\": [");
            for (int k = 0; k < r.values.size(); k++) {
              if (k > 0) w.write(", ");
              w.write(quote(r.values.get(k)));
            }
            w.write("]");
          }
          w.write("}");
        }
        w.write("\n]}\n");
      }
    }
  }

  /** Number of value rules (the ones {@link #change} may edit) of jurisdiction KZ. */
  static int valueRules(PolicySpec spec, List<String> vocabulary) {
    int n = 0;
    for (RuleJson r : rules(spec, vocabulary, 0, "kz")) if (r.values != null && !r.type.equals("regex")) n++;
    return n;
  }

  private static void change(List<RuleJson> rules, int variant, int changedRules) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleJson r = rules.get(i);
      if (r.values != null && !r.type.equals("regex") && !r.type.equals("media_hash")) candidates.add(i);
    }
    if (changedRules > candidates.size()) {
      throw new IllegalArgumentException("only " + candidates.size() + " rules can change, not " + changedRules);
    }
    // Spread the edits over the rule list; the variant shifts which value changes so variants differ.
    double stride = (double) candidates.size() / Math.max(1, changedRules);
    for (int c = 0; c < changedRules; c++) {
      int i = candidates.get((int) (c * stride));
      RuleJson r = rules.get(i);
      List<String> values = new ArrayList<>(r.values);
      String last = values.get(values.size() - 1);
      values.set(values.size() - 1, switch (r.type) {
        case "domain" -> "v" + variant + "." + last;
        case "phrase" -> last + " v" + variant;
        case "username" -> last.substring(0, Math.min(last.length(), 25)) + "v" + variant;
        default -> last + "-v" + variant;
      });
      rules.set(i, new RuleJson(r.id, r.type, values, r.extra));
    }
  }

  private static List<RuleJson> rules(PolicySpec spec, List<String> vocabulary, int j, String prefix) {
    SplittableRandom r = new SplittableRandom(spec.seed() * 1_000_003L + j);
    List<RuleJson> out = new ArrayList<>();
    int per = spec.valuesPerRule();

    LinkedHashSet<String> channels = new LinkedHashSet<>();
    for (SampleTargets.TargetChannel t : SampleTargets.CHANNELS) channels.add(t.id());
    // 1M posts have 5,000 ordinary channels (c-1 … c-5000): block about a tenth of them, sizes alike.
    int real = Math.min(spec.channels() - channels.size(), spec.channels() / 200);
    while (real > 0 && channels.size() < SampleTargets.CHANNELS.size() + real) channels.add("c-" + (21 + r.nextInt(4_980)));
    for (int i = 0; channels.size() < spec.channels(); i++) channels.add("x-" + prefix + "-" + i);
    chunk(out, prefix + "-ch", "channel", List.copyOf(channels), spec.channels(), per, "");

    LinkedHashSet<String> domains = new LinkedHashSet<>();
    for (SampleTargets.TargetDomain d : SampleTargets.DOMAINS) domains.add(d.domain());
    for (int i = 0; domains.size() < spec.domains(); i++) domains.add("d" + i + "-" + prefix + ".bench.example");
    chunk(out, prefix + "-dom", "domain", List.copyOf(domains), spec.domains(), per, "");

    LinkedHashSet<String> phrases = new LinkedHashSet<>();
    for (SampleTargets.TargetPhrase p : SampleTargets.PHRASES) phrases.add(p.phrase());
    int frequent = Math.min(300, vocabulary.size());
    for (int i = 0; phrases.size() < spec.phrases(); i++) {
      String first = vocabulary.get(r.nextInt(frequent));
      String second = i % 10 == 0 ? vocabulary.get(r.nextInt(vocabulary.size())) : invented(r);
      phrases.add(first + " " + second);
    }
    chunk(out, prefix + "-ph", "phrase", List.copyOf(phrases), spec.phrases(), per, "");

    LinkedHashSet<String> users = new LinkedHashSet<>();
    for (SampleTargets.TargetChannel t : SampleTargets.CHANNELS) users.add(t.username());
    for (int i = 0; users.size() < spec.usernames(); i++) users.add("u" + prefix + "_bench_" + i);
    chunk(out, prefix + "-user", "username", List.copyOf(users), spec.usernames(), per, "");
    out.add(new RuleJson(prefix + "-mention", "username", SampleTargets.MENTIONED_USERNAMES, ", \"mentions\": true"));

    List<String> media = new ArrayList<>();
    for (SampleTargets.TargetMedia m : SampleTargets.MEDIA) media.add(m.sha256());
    byte[] bytes = new byte[32];
    for (int i = 0; i < 95; i++) {
      r.nextBytes(bytes);
      media.add(HexFormat.of().formatHex(bytes));
    }
    chunk(out, prefix + "-media", "media_hash", media, media.size(), per, "");

    out.add(new RuleJson(prefix + "-re", "regex", List.of("bet[0-9]{3,}", "kazino[0-9]+", "x[0-9]{4,}bonus"), ""));
    out.add(new RuleJson(prefix + "-fraud-cls", "classifier", null,
        ", \"flag\": \"fraud\", \"threshold\": 0.9, \"target\": \"post\""));
    out.add(new RuleJson(prefix + "-spam-cls", "classifier", null, ", \"flag\": \"spam\", \"threshold\": 0.95"));
    return out;
  }

  private static String invented(SplittableRandom r) {
    String letters = "абвгдежзиклмнопрстуфхцчшщыэюяqwrtpsdfghklzxcvbnm";
    StringBuilder sb = new StringBuilder();
    int n = 5 + r.nextInt(5);
    for (int i = 0; i < n; i++) sb.append(letters.charAt(r.nextInt(letters.length())));
    return sb.toString();
  }

  private static void chunk(List<RuleJson> out, String prefix, String type, List<String> values, int n, int per,
      String extra) {
    int count = Math.min(n, values.size());
    for (int start = 0, k = 0; start < count; start += per, k++) {
      out.add(new RuleJson(prefix + "-" + k, type, values.subList(start, Math.min(count, start + per)), extra));
    }
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }
}
