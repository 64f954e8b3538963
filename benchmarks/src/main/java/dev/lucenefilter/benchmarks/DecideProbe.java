package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one reference decision costs with the {@link PolicySpec#QUERY} policy: decides the first 2,000 posts of
 * the 100k corpus three times over and prints the mean of the last pass. {@code DecideProbe [POSTS_TO_DECIDE]}.
 */
public final class DecideProbe {
  private DecideProbe() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    Path corpus = Datasets.ensureCorpus(100_000, Datasets.SEED);
    DecisionEngine engine = DecisionEngine.create(Fixture.load(Datasets.ensurePolicy(PolicySpec.QUERY)));
    Map<String, Channel> channels = new HashMap<>();
    for (Channel c : RecordReader.readAllChannels(corpus.resolve("channels.jsonl"))) channels.put(c.id(), c);
    List<Post> posts;
    try (RecordReader<Post> r = RecordReader.posts(corpus.resolve("posts.jsonl"), RecordReader.OnError.FAIL, null)) {
      posts = new java.util.ArrayList<>();
      for (Post p; posts.size() < n && (p = r.next()) != null; ) posts.add(p);
    }
    for (int pass = 1; pass <= 3; pass++) {
      long t0 = System.nanoTime();
      int hidden = 0;
      for (Post p : posts) if (!engine.decide(p, channels.get(p.channelId()), Fixture.JURISDICTION, Fixture.NOW).visible()) hidden++;
      System.out.printf(Locale.ROOT, "pass %d: %d posts, %d hidden, %.1f µs per decision%n", pass, posts.size(), hidden,
          (System.nanoTime() - t0) / 1e3 / posts.size());
    }
  }
}
