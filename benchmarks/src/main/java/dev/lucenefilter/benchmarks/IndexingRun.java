package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One bulk-indexing run: the first {@code posts} posts of the 100k corpus (and all its channels) into a given
 * fresh directory, with one of the index-time hooks of {@link Hook}. Shared by {@link IndexingBenchmark} (JMH,
 * absolute times) and {@link Paired} (ratios, interleaved). {@link #close} deletes the corpus slice.
 */
final class IndexingRun implements AutoCloseable {
  /** What inspects each record before it is indexed. */
  enum Hook {
    /** {@link IndexTimeHook#admitAll()}: no filtering. */
    OFF("off"),
    /** {@link PolicyIndexHook} with the sample policy in {@code blocklists/}, every filter in force. */
    SAMPLE("on"),
    /**
     * {@link PolicyIndexHook} with the 12,115 rules of {@link PolicySpec#QUERY} (10,000 phrases among them) as
     * reject rules ({@link RejectPolicy}): every rule type, as many rules as the peers match.
     */
    RULES_12K("rules12k"),
    /** The peer: Lucene Monitor with the same policy's phrase rules ({@link PhrasePeers}), rejecting any match. */
    MONITOR("monitor"),
    /** The no-normalization bound: Aho–Corasick over lower-cased text with the same phrases, rejecting any match. */
    AHOCORASICK("ahocorasick");

    /** The way's name in results. */
    final String way;

    Hook(String way) { this.way = way; }

    static Hook of(String way) {
      for (Hook h : values()) if (h.way.equals(way)) return h;
      throw new IllegalArgumentException("unknown indexing hook '" + way + "'");
    }
  }

  private final Path corpusPosts;
  private final Path channels;
  private final PolicySnapshot sample;
  private PhrasePeers peers;
  private final Map<Hook, IndexTimeHook> hooks = new EnumMap<>(Hook.class);

  IndexingRun(int posts) throws IOException {
    Path corpus = Datasets.ensureCorpus(100_000, Datasets.SEED);
    channels = corpus.resolve("channels.jsonl");
    corpusPosts = Files.createTempFile("indexing-bench", ".jsonl");
    try (var lines = Files.lines(corpus.resolve("posts.jsonl"))) {
      Files.write(corpusPosts, (Iterable<String>) lines.limit(posts)::iterator);
    }
    sample = Fixture.load(Paths.get(System.getProperty("lucenefilter.blocklists", "blocklists")));
  }

  /** Indexes the slice into {@code dir} (empty or absent) and commits. */
  IndexReport into(Path dir, Hook hook) throws IOException, RecordFormatException {
    try (ContentIndex index = ContentIndex.open(dir, hook(hook))) {
      return index.index(corpusPosts, channels, BulkOptions.defaults());
    }
  }

  /** Indexes the slice into a fresh temporary directory, deleted afterwards. */
  IndexReport once(Hook hook) throws IOException, RecordFormatException {
    Path dir = Files.createTempDirectory("indexing-bench-index");
    try {
      return into(dir, hook);
    } finally {
      Datasets.deleteTree(dir);
    }
  }

  /**
   * The hook for {@code h}, built at its first use and reused by every later run, as an indexing service keeps its
   * hook for the life of its index: a policy hook builds its rule lookups (the 12k-rule policy's channel ids, some
   * 100k of them) on its first record, 20-30 ms that a fresh hook per 250 ms run charged to every run, where the
   * peers' matchers were built once.
   */
  IndexTimeHook hook(Hook h) throws IOException {
    IndexTimeHook hook = hooks.get(h);
    if (hook == null) {
      hook = newHook(h);
      hooks.put(h, hook);
    }
    return hook;
  }

  private IndexTimeHook newHook(Hook h) throws IOException {
    return switch (h) {
      case OFF -> IndexTimeHook.admitAll();
      case SAMPLE -> policyHook(sample);
      case RULES_12K -> policyHook(Fixture.load(Datasets.ensureRejectPolicy(PolicySpec.QUERY)));
      case MONITOR -> new PeerHook("monitor", peers()::monitorMatches);
      case AHOCORASICK -> new PeerHook("ahocorasick", peers()::ahoCorasickMatches);
    };
  }

  private static IndexTimeHook policyHook(PolicySnapshot snapshot) {
    return new PolicyIndexHook(() -> snapshot, ContentFilters.load(), Clock.fixed(Fixture.NOW, ZoneOffset.UTC), null);
  }

  private PhrasePeers peers() throws IOException {
    if (peers == null) peers = PhrasePeers.of(Fixture.load(Datasets.ensurePolicy(PolicySpec.QUERY)));
    return peers;
  }

  /** A matcher of one text for {@link PeerHook}. */
  private interface TextMatcher {
    boolean matches(String text) throws IOException;
  }

  /**
   * A peer as an index-time hook: rejects a post whose text matches, a channel whose title or description does
   * (the sides our phrase rules read); never tags.
   */
  private record PeerHook(String name, TextMatcher matcher) implements IndexTimeHook {
    @Override
    public Verdict inspect(Post post) { return judge(post.text()); }

    @Override
    public Verdict inspect(Channel channel) {
      Verdict v = judge(channel.title());
      return v instanceof Reject ? v : judge(channel.description());
    }

    private Verdict judge(String text) {
      try {
        return matcher.matches(text) ? Verdict.reject(List.of(name)) : Verdict.admit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(corpusPosts);
  }
}
