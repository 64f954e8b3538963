package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code check} (one {@link DecisionEngine#decide} per post, every rule type of jurisdiction KZ of {@link
 * PolicySpec#QUERY}: 12,115 rules, 10,000 phrases among them) and its peers ({@link PhrasePeers}: Lucene Monitor
 * and Aho–Corasick) on the same posts (the first {@code n} of a generated corpus). The peers see the phrase rules
 * only, so they do less than {@code check}; each call does a whole batch of posts and returns a count so nothing is
 * optimised away.
 */
final class CheckPeers {
  static final List<String> MODES = List.of("check", "monitor", "ahocorasick");

  final List<Post> posts;
  final Map<String, Channel> channels = new HashMap<>();
  final DecisionEngine engine;
  private final PhrasePeers peers;

  CheckPeers(int corpusPosts, int n) throws IOException, RecordFormatException {
    Path corpus = Datasets.ensureCorpus(corpusPosts, Datasets.SEED);
    PolicySnapshot snapshot = Fixture.load(Datasets.ensurePolicy(PolicySpec.QUERY));
    engine = DecisionEngine.create(snapshot);
    for (Channel c : RecordReader.readAllChannels(corpus.resolve("channels.jsonl"))) channels.put(c.id(), c);
    posts = new ArrayList<>();
    try (RecordReader<Post> r = RecordReader.posts(corpus.resolve("posts.jsonl"), RecordReader.OnError.FAIL, null)) {
      for (Post p; posts.size() < n && (p = r.next()) != null; ) posts.add(p);
    }
    peers = PhrasePeers.of(snapshot);
  }

  /** Runs {@code mode} over every post; returns how many posts it hides or matches. */
  long run(String mode) throws IOException {
    long n = 0;
    switch (mode) {
      case "check" -> {
        for (Post p : posts) {
          if (!engine.decide(p, channels.get(p.channelId()), Fixture.JURISDICTION, Fixture.NOW).visible()) n++;
        }
      }
      case "monitor" -> {
        for (Post p : posts) if (peers.monitorMatches(p.text())) n++;
      }
      case "ahocorasick" -> {
        for (Post p : posts) if (peers.ahoCorasickMatches(p.text())) n++;
      }
      default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
    }
    return n;
  }

  String describe() throws IOException {
    return String.format(Locale.ROOT, "%d posts, %d phrase rules (%d phrases); check hides %d, monitor matches %d, "
        + "aho-corasick matches %d", posts.size(), peers.phraseRules, peers.phrases, run("check"), run("monitor"),
        run("ahocorasick"));
  }

  public static void main(String[] args) throws Exception {
    CheckPeers c = new CheckPeers(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    System.out.println(c.describe());
  }
}
