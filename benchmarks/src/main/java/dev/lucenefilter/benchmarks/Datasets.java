package dev.lucenefilter.benchmarks;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark datasets, built once and cached on disk under the data directory ({@code benchmarks/data}, or
 * {@code $LUCENEFILTER_BENCH_DATA}, or {@code -Dlucenefilter.bench.data}), each in a directory named by its sizes
 * and seed so that a change of parameter never reuses a stale copy:
 * <ul>
 *   <li>{@code corpus-p<posts>-s<seed>/}: {@code channels.jsonl} and {@code posts.jsonl} from {@link
 *       CorpusGenerator} (default channel count);</li>
 *   <li>{@code index-p<posts>-s<seed>/}: that corpus indexed by {@link ContentIndex} with no index-time hook, so
 *       every record is present and all filtering happens at query time (what the query benchmarks measure);</li>
 *   <li>{@code policy-<spec>/}: a generated policy directory ({@link PolicySpec}).</li>
 * </ul>
 * A directory is complete when it holds a {@code .done} marker: builds go to a temporary sibling and are renamed
 * into place, so an interrupted build is redone, never half-used. Call {@link #main} from the command line
 * ({@code run.sh} does) or the {@code ensure*} methods from a benchmark's setup.
 */
public final class Datasets {
  private Datasets() {}

  /** The seed every dataset uses unless told otherwise. */
  public static final long SEED = 42;

  /** Where datasets live. */
  public static Path dataDir() {
    String p = System.getProperty("lucenefilter.bench.data");
    if (p == null) p = System.getenv("LUCENEFILTER_BENCH_DATA");
    if (p == null) p = "benchmarks/data";
    return Paths.get(p).toAbsolutePath();
  }

  /** The generated corpus of {@code posts} posts; generated if missing. */
  public static Path ensureCorpus(int posts, long seed) throws IOException {
    Path dir = dataDir().resolve("corpus-p" + posts + "-s" + seed);
    return ensure(dir, tmp -> {
      CorpusGenerator g = CorpusGenerator.of(posts, CorpusGenerator.defaultChannels(posts), seed);
      Progress p = new Progress("corpus " + posts, posts);
      CorpusGenerator.Summary s = g.generate(tmp, p::update);
      p.done(String.format(Locale.ROOT, "%d posts, %d channels, %d target posts", s.posts(), s.channels(),
          s.targetPosts()));
    });
  }

  /** The index of the corpus of {@code posts} posts, without index-time filtering; built if missing. */
  public static Path ensureIndex(int posts, long seed) throws IOException {
    int every = Integer.getInteger("lucenefilter.bench.rewriteEvery", 0);
    return every > 0 ? ensureRewrittenIndex(posts, seed, every) : ensureFreshIndex(posts, seed);
  }

  /**
   * The index of {@link #ensureFreshIndex}, copied, then every {@code every}-th post of the corpus written again in
   * a second bulk run: each such post's old document is deleted, so its segment has deletions, as the segments of
   * a live index that takes edits do. Selected with {@code -Dlucenefilter.bench.rewriteEvery=N} (100: 1% of posts).
   */
  static Path ensureRewrittenIndex(int posts, long seed, int every) throws IOException {
    Path fresh = ensureFreshIndex(posts, seed);
    Path corpus = ensureCorpus(posts, seed);
    Path dir = dataDir().resolve("index-p" + posts + "-s" + seed + "-rewrite" + every);
    return ensure(dir, tmp -> {
      try (Stream<Path> files = Files.list(fresh)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, tmp.resolve(f.getFileName()));
      }
      Files.deleteIfExists(tmp.resolve(".done"));
      Path slice = tmp.resolveSibling(tmp.getFileName() + "-rewritten.jsonl");
      try (Stream<String> lines = Files.lines(corpus.resolve("posts.jsonl"))) {
        int[] n = {0};
        Files.write(slice, (Iterable<String>) lines.filter(l -> n[0]++ % every == 0)::iterator);
      }
      try (ContentIndex index = ContentIndex.open(tmp)) {
        IndexReport r = index.index(slice, null, BulkOptions.defaults());
        System.err.println("[datasets] index " + posts + ", every " + every + "th post written again: " + r);
      } catch (dev.lucenefilter.model.RecordFormatException e) {
        throw new IOException("generated corpus is malformed: " + e.getMessage(), e);
      } finally {
        Files.deleteIfExists(slice);
      }
    });
  }

  /** The generated corpus of {@code posts} posts indexed in one bulk run; built if missing. */
  static Path ensureFreshIndex(int posts, long seed) throws IOException {
    Path corpus = ensureCorpus(posts, seed);
    Path dir = dataDir().resolve("index-p" + posts + "-s" + seed);
    return ensure(dir, tmp -> {
      Progress p = new Progress("index " + posts, posts);
      try (ContentIndex index = ContentIndex.open(tmp)) {
        BulkOptions options = BulkOptions.builder().progress((n, rate) -> p.update(n)).build();
        IndexReport r = index.index(corpus.resolve("posts.jsonl"), corpus.resolve("channels.jsonl"), options);
        p.done(String.valueOf(r));
      } catch (dev.lucenefilter.model.RecordFormatException e) {
        throw new IOException("generated corpus is malformed: " + e.getMessage(), e);
      }
    });
  }

  /** The generated policy directory of {@code spec}; written if missing. */
  public static Path ensurePolicy(PolicySpec spec) throws IOException {
    Path dir = dataDir().resolve("policy-" + spec.key());
    List<String> vocabulary = vocabulary(spec.seed());
    return ensure(dir, tmp -> {
      PolicyWriter.write(tmp, spec, vocabulary);
      System.err.println("[datasets] policy " + spec.key() + " written");
    });
  }

  /** {@link RejectPolicy}: every rule of {@code spec}'s KZ and GLOBAL as GLOBAL reject rules, written once. */
  public static Path ensureRejectPolicy(PolicySpec spec) throws IOException {
    Path source = ensurePolicy(spec);
    Path dir = dataDir().resolve("policy-" + spec.key() + "-reject");
    return ensure(dir, tmp -> {
      int n = RejectPolicy.write(source, PolicySpec.jurisdiction(0), tmp);
      System.err.println("[datasets] policy " + spec.key() + " as " + n + " reject rules written");
    });
  }

  /**
   * Words of a small generated corpus (5,000 posts, same seed), most frequent first: generated phrases are built
   * from them so that they look like, and sometimes occur in, the benchmark corpora of every size.
   */
  static List<String> vocabulary(long seed) throws IOException {
    Path corpus = ensureCorpus(5_000, seed);
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    try (RecordReader<Post> r = RecordReader.posts(corpus.resolve("posts.jsonl"), RecordReader.OnError.FAIL, null)) {
      for (Post p; (p = r.next()) != null; ) {
        for (String w : p.text().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
          if (w.length() >= 3) counts.merge(w, 1, Integer::sum);
        }
      }
    } catch (dev.lucenefilter.model.RecordFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<String> words = new ArrayList<>(counts.keySet());
    words.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(w -> w));
    return List.copyOf(new LinkedHashSet<>(words));
  }

  @FunctionalInterface
  private interface Builder {
    void build(Path tmp) throws IOException;
  }

  private static synchronized Path ensure(Path dir, Builder builder) throws IOException {
    if (Files.exists(dir.resolve(".done"))) return dir;
    Files.createDirectories(dir.getParent());
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    deleteTree(tmp);
    Files.createDirectories(tmp);
    builder.build(tmp);
    Files.writeString(tmp.resolve(".done"), "ok\n");
    deleteTree(dir);
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir);
    }
    return dir;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Progress on standard error, about every 10% and at the end. */
  private static final class Progress {
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastTenth = -1;

    Progress(String what, long total) {
      this.what = what;
      this.total = total;
      System.err.println("[datasets] building " + what + " ...");
    }

    void update(long n) {
      long tenth = n * 10 / Math.max(1, total);
      if (tenth != lastTenth) {
        lastTenth = tenth;
        System.err.printf(Locale.ROOT, "[datasets]   %s: %,d / %,d (%.0f s)%n", what, n, total, seconds());
      }
    }

    void done(String summary) {
      System.err.printf(Locale.ROOT, "[datasets] %s done in %.1f s: %s%n", what, seconds(), summary);
    }

    private double seconds() { return (System.nanoTime() - start) / 1e9; }
  }

  /**
   * Prepares datasets: {@code Datasets [--seed N] [--policy SPEC]... POSTS...} builds the corpus and index of each
   * post count and each policy spec ({@link PolicySpec#parse}); with no policy given, the benchmark defaults
   * ({@link PolicySpec#QUERY} and {@link PolicySpec#MEMORY}).
   */
  public static void main(String[] args) throws IOException {
    long seed = SEED;
    List<Integer> sizes = new ArrayList<>();
    List<PolicySpec> policies = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--policy" -> policies.add(PolicySpec.parse(args[++i]));
        default -> sizes.add(Integer.parseInt(args[i].replace("_", "")));
      }
    }
    if (policies.isEmpty()) policies = List.of(PolicySpec.QUERY, PolicySpec.MEMORY);
    System.err.println("[datasets] data directory " + dataDir());
    for (int posts : sizes) System.err.println("[datasets] index ready: " + ensureIndex(posts, seed));
    for (PolicySpec p : policies) System.err.println("[datasets] policy ready: " + ensurePolicy(p));
  }
}
