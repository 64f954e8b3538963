package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordJson;
import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.ReloadResult;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searching threads, an indexing thread (adding and updating posts) and a thread swapping policies every few
 * milliseconds, for a bounded number of searches. Every hit is checked against the reference {@link DecisionEngine} for the
 * very snapshot that served its request (captured per request through a recording {@code Supplier}): zero leaks,
 * zero exceptions. With a tiny byte bound the {@link ExclusionCache} evicts and never holds more than its bound.
 */
class ConcurrencyStressTest {
  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");
  static final String[] JURISDICTIONS = {"GLOBAL", "KZ", "RU"};
  static final int VARIANTS = 3;

  @TempDir Path tmp;

  @Test
  void searchesDuringIndexingAndPolicySwapsNeverLeak() throws Exception {
    run(LONG ? 3_000 : 90, 64L << 20, false);
  }

  @Test
  void aTinyCacheEvictsAndStaysWithinItsBound() throws Exception {
    run(LONG ? 600 : 40, 8 << 10, true);
  }

  /** Policy swaps every searcher waits for before it stops: the searches must overlap with swaps. */
  static final int MIN_SWAPS = 12;

  /**
   * Runs until each searcher has made {@code searchesPerThread} searches and at least {@link #MIN_SWAPS} swaps
   * happened; the indexer and the swapper run until the searchers stop. Bounded by counts, not by a clock, so a
   * loaded machine makes it slower, never different.
   */
  private void run(int searchesPerThread, long cacheBytes, boolean checkBound) throws Exception {
    // Each policy variant is a directory; the registry's directory is a symbolic link swapped atomically.
    List<Path> variants = new ArrayList<>();
    for (int v = 0; v < VARIANTS; v++) {
      Path d = tmp.resolve("variant-" + v);
      Worlds.writePolicy(d, v);
      variants.add(d);
    }
    Path link = tmp.resolve("policy");
    Files.createSymbolicLink(link, variants.get(0));
    PolicyRegistry registry = PolicyRegistry.open(link, tmp.resolve("state"));

    Worlds.World w = Worlds.world(21, 8, 400);
    Map<String, Channel> channels = new ConcurrentHashMap<>();
    for (Channel c : w.channels) channels.put(c.id(), c);
    // Every version of every post ever written, latest last; written here before it reaches the index.
    Map<String, Post> posts = new ConcurrentHashMap<>();
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, cacheBytes);
    ThreadLocal<PolicySnapshot> served = new ThreadLocal<>();
    Supplier<PolicySnapshot> recording = () -> {
      PolicySnapshot s = registry.current();
      served.set(s);
      return s;
    };
    Map<String, DecisionEngine> engines = new ConcurrentHashMap<>();
    AtomicLong searches = new AtomicLong();
    AtomicLong hitsChecked = new AtomicLong();
    AtomicLong leaks = new AtomicLong();
    AtomicLong swaps = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    AtomicLong maxCacheBytes = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicReference<String> firstLeak = new AtomicReference<>();
    Runtime rt = Runtime.getRuntime();

    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      // The initial corpus as one bulk run (one refresh, not one per record).
      Path postsFile = tmp.resolve("posts.jsonl");
      Path channelsFile = tmp.resolve("channels.jsonl");
      try (var out = RecordJson.lineWriter(Files.newBufferedWriter(postsFile))) {
        for (Post p : w.posts) {
          posts.put(p.id(), p);
          out.write(p);
        }
      }
      try (var out = RecordJson.lineWriter(Files.newBufferedWriter(channelsFile))) {
        for (Channel c : w.channels) out.write(c);
      }
      index.index(postsFile, channelsFile, BulkOptions.defaults());
      SearchService service = SearchService.builder(index)
          .visibility(new PolicyVisibility(recording, cache, Clock.fixed(Worlds.NOW, ZoneOffset.UTC))).build();
      java.util.concurrent.CountDownLatch searchersDone = new java.util.concurrent.CountDownLatch(2);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        long seed = 100 + t;
        threads.add(new Thread(() -> {
          Random r = new Random(seed);
          try {
            for (int n = 0; n < searchesPerThread || swaps.get() < MIN_SWAPS; n++) {
              String j = JURISDICTIONS[r.nextInt(JURISDICTIONS.length)];
              String q = r.nextInt(4) == 0 ? "" : Worlds.WORDS[r.nextInt(Worlds.WORDS.length)];
              SearchRequest.Target target = r.nextInt(5) == 0 ? SearchRequest.Target.CHANNELS : SearchRequest.Target.POSTS;
              SearchResult result = service.search(SearchRequest.builder(j).query(q).target(target).pageSize(100)
                  .highlight(false).build());
              PolicySnapshot s = served.get();
              DecisionEngine engine = engines.computeIfAbsent(s.version(),
                  v -> DecisionEngine.create(s, ContentFilters.builtIn(), UnknownJurisdictions.ERROR));
              searches.incrementAndGet();
              for (Hit h : result.hits()) {
                hitsChecked.incrementAndGet();
                boolean visible = target == SearchRequest.Target.POSTS
                    ? engine.decide(posts.get(h.id()), channels.get(h.channelId()), j, Worlds.NOW).visible()
                    : engine.decide(channels.get(h.id()), j, Worlds.NOW).visible();
                if (!visible) {
                  leaks.incrementAndGet();
                  firstLeak.compareAndSet(null, h.id() + " in " + j + " under " + s.version());
                }
              }
              if (checkBound) {
                ExclusionCache.Stats st = cache.stats();
                maxCacheBytes.accumulateAndGet(st.bytes(), Math::max);
              }
            }
          } catch (Throwable e) {
            errors.add(e);
          } finally {
            searchersDone.countDown();
          }
        }, "searcher-" + t));
      }
      threads.add(new Thread(() -> {
        Random r = new Random(7);
        int next = w.posts.size();
        try {
          while (searchersDone.getCount() > 0) {
            Post p;
            if (r.nextBoolean()) {
              p = Worlds.post(r, "p" + next, w.channels, next);
              next++;
            } else {
              // An update that changes nothing any rule reads: views and a neutral word.
              Post old = posts.get("p" + r.nextInt(next));
              p = new Post(old.id(), old.channelId(), old.channelUsername(), old.text(), old.date(),
                  old.views() + 1, old.links(), old.mediaSha256(), old.flags());
            }
            posts.put(p.id(), p);
            index.add(p);
            writes.incrementAndGet();
            if (writes.get() % 50 == 0) index.commit();
            Thread.sleep(1);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }, "indexer"));
      threads.add(new Thread(() -> {
        Random r = new Random(9);
        try {
          while (searchersDone.getCount() > 0) {
            Path tmpLink = tmp.resolve("policy.tmp");
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, variants.get(r.nextInt(VARIANTS)));
            Files.move(tmpLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ReloadResult res = registry.reload();
            if (!res.success()) throw new AssertionError("reload of a valid policy failed: " + res.errors());
            if (res.changed()) swaps.incrementAndGet();
            Thread.sleep(3);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }, "swapper"));
      long started = System.nanoTime();
      long heapBefore = rt.totalMemory() - rt.freeMemory();
      for (Thread t : threads) t.start();
      for (Thread t : threads) t.join();
      long heapAfter = rt.totalMemory() - rt.freeMemory();
      long ranMillis = (System.nanoTime() - started) / 1_000_000;
      if (!errors.isEmpty()) {
        AssertionError e = new AssertionError(errors.size() + " exceptions, first: " + errors.peek());
        errors.forEach(e::addSuppressed);
        throw e;
      }
      assertEquals(0, leaks.get(), "leaks; first: " + firstLeak.get());
      assertTrue(searches.get() >= 2L * searchesPerThread, "too few searches: " + searches.get());
      assertTrue(swaps.get() >= MIN_SWAPS, "too few policy swaps: " + swaps.get());
      assertTrue(hitsChecked.get() > 20L * searchesPerThread, "too few hits checked: " + hitsChecked.get());
      ExclusionCache.Stats st = cache.stats();
      if (checkBound) {
        assertTrue(st.evictions() > 0, "a tiny cache must evict: " + st);
        assertTrue(maxCacheBytes.get() <= cacheBytes, "cache held " + maxCacheBytes.get() + " > bound " + cacheBytes);
        assertTrue(st.bytes() <= cacheBytes, "cache holds " + st.bytes() + " > bound " + cacheBytes);
      }
      System.out.printf("RELIABILITY concurrency%s: ran %d s, threads 4 (2 searching, 1 indexing, 1 swapping),"
          + " searches %d, hits checked %d, policy swaps %d, writes %d, exceptions 0, leaks 0; cache: bound %d B,"
          + " max held %d B, evictions %d; heap %d -> %d MB%n", checkBound ? " (tiny cache)" : "", ranMillis / 1000,
          searches.get(), hitsChecked.get(), swaps.get(), writes.get(), cacheBytes,
          checkBound ? maxCacheBytes.get() : st.bytes(), st.evictions(), heapBefore >> 20, heapAfter >> 20);
    }
    registry.close();
  }
}
