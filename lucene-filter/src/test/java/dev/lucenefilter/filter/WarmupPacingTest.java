package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm-up steps aside only when it was kept from running, for as long as it ran (capped), and pacing covers
 * warm-ups alone: a query that builds sets itself is never made to sleep. Clocks are simulated, so the decisions
 * are exact; the effect on query latency is {@code ReloadLatency}'s to measure.
 */
class WarmupPacingTest {
  static final long MS = 1_000_000;

  /**
   * A thread's clocks and the run queue as the test sets them, and the sleeps asked for (each advances the wall
   * clock by what it asked). {@code waiting} answers the run-queue questions in order, then repeats its last answer.
   */
  static final class Clocks {
    long wall;
    long cpu;
    final List<Long> sleeps = new ArrayList<>();
    final java.util.ArrayDeque<Integer> waiting = new java.util.ArrayDeque<>(List.of(0));
    int asked;

    WarmupPacing pacing() {
      return new WarmupPacing(() -> wall, () -> cpu, () -> {
        asked++;
        return waiting.size() > 1 ? waiting.poll() : waiting.peek();
      }, nanos -> {
        sleeps.add(nanos);
        wall += nanos;
      });
    }

    Clocks waiting(Integer... answers) {
      waiting.clear();
      waiting.addAll(List.of(answers));
      return this;
    }

    void work(long wallNanos, long cpuNanos) {
      wall += wallNanos;
      cpu += cpuNanos;
    }
  }

  @Test
  void aWarmUpWithACoreToSpareNeverSleeps() {
    Clocks c = new Clocks().waiting(0);
    WarmupPacing p = c.pacing();
    for (int i = 0; i < 100; i++) {
      // Even a step that lost most of its time: with no thread waiting now, stepping aside helps no one.
      c.work(2 * MS, i % 2 == 0 ? 2 * MS : MS / 2);
      p.pace();
    }
    assertThat(c.sleeps).isEmpty();
    assertThat(c.asked).isEqualTo(100);
  }

  @Test
  void aWarmUpSleepsInSlicesUntilNoThreadWaits() {
    Clocks c = new Clocks().waiting(2, 1, 1, 0);
    WarmupPacing p = c.pacing();
    c.work(3 * MS, 3 * MS);
    p.pace();
    // Asked once to decide, then after each slice: still waiting, still waiting, none.
    assertThat(c.sleeps).containsExactly(MS / 2, MS / 2, MS / 2);
    assertThat(c.asked).isEqualTo(4);
  }

  @Test
  void itNeverSleepsLongerInAllThanItRan() {
    Clocks c = new Clocks().waiting(1);
    WarmupPacing p = c.pacing();
    c.work(1 * MS, 700_000);
    p.pace();
    assertThat(c.sleeps).containsExactly(500_000L, 200_000L);
    // Nothing ran since: nothing to give up, whoever waits.
    c.work(2 * MS, 0);
    p.pace();
    assertThat(c.sleeps).hasSize(2);
    c.work(1 * MS, 300_000);
    p.pace();
    assertThat(c.sleeps).containsExactly(500_000L, 200_000L, 300_000L);
  }

  @Test
  void onePauseLastsAtMostTwentyMilliseconds() {
    Clocks c = new Clocks().waiting(1);
    WarmupPacing p = c.pacing();
    c.work(100 * MS, 100 * MS);
    p.pace();
    assertThat(c.sleeps).hasSize(40).containsOnly(MS / 2);
    // The 80 ms of credit left carry over to the next contended window.
    c.work(1 * MS, 1 * MS);
    p.pace();
    assertThat(c.sleeps).hasSize(80);
  }

  @Test
  void anInterruptedWarmUpDoesNotPause() {
    Clocks c = new Clocks().waiting(1);
    WarmupPacing p = c.pacing();
    Thread.currentThread().interrupt();
    try {
      c.work(2 * MS, 2 * MS);
      p.pace();
      assertThat(c.sleeps).isEmpty();
      // The interrupt is left for the caller to see.
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    c.work(2 * MS, 2 * MS);
    p.pace();
    assertThat(c.sleeps).isNotEmpty();
  }

  @Test
  void stepsShorterThanTheWindowAreJudgedTogether() {
    Clocks c = new Clocks().waiting(1);
    WarmupPacing p = c.pacing();
    for (int i = 0; i < 3; i++) {
      c.work(300_000, 300_000);
      p.pace();
    }
    // Three steps, none a window long: the run queue is not even read.
    assertThat(c.asked).isZero();
    assertThat(c.sleeps).isEmpty();
    c.work(300_000, 300_000);
    p.pace();
    assertThat(c.sleeps).containsExactly(500_000L, 500_000L, 200_000L);
  }

  @Test
  void withoutARunQueueCountItsOwnLostTimeDecides() {
    Clocks c = new Clocks().waiting(-1);
    WarmupPacing p = c.pacing();
    // Ran the whole window, or lost no more than an eighth of it: no pause.
    c.work(2 * MS, 2 * MS);
    p.pace();
    c.work(8 * MS, 7 * MS);
    p.pace();
    assertThat(c.sleeps).isEmpty();
    // Ran 1 ms of 3: one pause as long as it ran, the wake-up not counted against the next window.
    c.work(3 * MS, 1 * MS);
    p.pace();
    assertThat(c.sleeps).containsExactly(1 * MS);
    c.work(2 * MS, 2 * MS);
    p.pace();
    assertThat(c.sleeps).containsExactly(1 * MS);
  }

  @Test
  void theRunQueueIsTheFourthFieldOfLoadavg() {
    assertThat(WarmupPacing.RunQueue.runnable("1.29 1.31 1.41 2/102 9507\n")).isEqualTo(2);
    assertThat(WarmupPacing.RunQueue.runnable("0.00 0.01 0.05 17/1203 44")).isEqualTo(17);
  }

  @Test
  void runReportsThePausesItsStepsTook() throws Exception {
    Clocks c = new Clocks().waiting(1, 0, 0, 1, 0);
    ExclusionCache.WarmPauses paused = WarmupPacing.run(c.pacing(), () -> {
      c.work(3 * MS, 3 * MS);
      WarmupPacing.step();
      c.work(3 * MS, 3 * MS);
      WarmupPacing.step();
      c.work(2 * MS, 2 * MS);
      WarmupPacing.step();
    });
    assertThat(c.sleeps).containsExactly(MS / 2, MS / 2);
    assertThat(paused).isEqualTo(new ExclusionCache.WarmPauses(2, MS));
  }

  @Test
  void aFailingWarmUpLeavesItsThreadUnpaced() {
    assertThatThrownBy(() -> WarmupPacing.run(() -> {
      throw new IOException("disk gone");
    })).isInstanceOf(IOException.class).hasMessage("disk gone");
    assertThat(WarmupPacing.active()).isFalse();
  }

  @Test
  void runPacesOnlyItsOwnThreadAndOnlyWhileItRuns() throws Exception {
    assertThat(WarmupPacing.active()).isFalse();
    boolean[] seen = new boolean[2];
    WarmupPacing.run(() -> {
      seen[0] = WarmupPacing.active();
      Thread other = new Thread(() -> seen[1] = WarmupPacing.active());
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(seen).containsExactly(true, false);
    assertThat(WarmupPacing.active()).isFalse();
  }

  @Test
  void aNestedWarmUpKeepsTheOuterPacing() throws Exception {
    boolean[] inner = new boolean[1];
    WarmupPacing.run(() -> {
      ExclusionCache.WarmPauses p = WarmupPacing.run(() -> inner[0] = WarmupPacing.active());
      assertThat(p).isEqualTo(new ExclusionCache.WarmPauses(0, 0));
      // The inner run ended; the outer one still paces.
      assertThat(WarmupPacing.active()).isTrue();
    });
    assertThat(inner[0]).isTrue();
    assertThat(WarmupPacing.active()).isFalse();
  }

  /** Records, per segment built, whether the build ran paced. */
  static final class PacingProbe implements ContentFilter {
    final List<Boolean> paced = new ArrayList<>();

    @Override public String name() { return "pacing-probe"; }

    @Override public Set<String> ruleTypes() { return Set.of(); }

    @Override public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

    @Override
    public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) {
      synchronized (paced) {
        paced.add(WarmupPacing.active());
      }
    }
  }

  @TempDir Path tmp;

  @Test
  void theCacheWarmsPacedAndBuildsForAQueryUnpaced() throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    PolicySnapshot a = policy("a", "casino");
    PolicySnapshot b = policy("b", "lottery");
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("p1", "c1", "online casino bonus"));
      index.add(Post.of("p2", "c1", "lottery tickets"));
      index.add(Post.of("p3", "c1", "news of the day"));
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        PacingProbe probe = new PacingProbe();
        ExclusionCache cache = new ExclusionCache(TestFilters.builtInAnd(probe), UnknownJurisdictions.ERROR,
            ExclusionCache.DEFAULT_MAX_BYTES);
        cache.warm(reader, a, List.of("KZ"), now);
        assertThat(probe.paced).containsOnly(true).isNotEmpty();
        probe.paced.clear();
        // Not warmed: the query's own thread builds b's sets, and must not be slowed.
        assertThat(new IndexSearcher(reader).count(cache.visibleQuery(reader, b, "KZ", now))).isEqualTo(2);
        assertThat(probe.paced).containsOnly(false).isNotEmpty();
        assertThat(new IndexSearcher(reader).count(cache.visibleQuery(reader, a, "KZ", now))).isEqualTo(2);
      }
    }
  }

  @Test
  void aWarmUpOfCachedJurisdictionsStillOffersTheCoreBetweenThem() throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Path dir = tmp.resolve("many");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    for (int i = 0; i < 30; i++) {
      String code = String.format(java.util.Locale.ROOT, "J%02d", i);
      Files.writeString(dir.resolve(code + ".json"), "{\"jurisdiction\": \"" + code + "\", \"rules\": [{\"id\": \""
          + code.toLowerCase(java.util.Locale.ROOT) + "-1\", \"type\": \"phrase\", \"values\": [\"word" + i
          + "\"], \"category\": \"gambling\", \"legal_basis\": \"test\"}]}");
    }
    PolicySnapshot snapshot = PolicyLoader.load(dir);
    List<String> codes = List.copyOf(snapshot.jurisdictions());
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("p1", "c1", "word1 and word2"));
      index.add(Post.of("p2", "c1", "news of the day"));
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR,
            ExclusionCache.DEFAULT_MAX_BYTES);
        cache.warm(reader, snapshot, codes, now);
        long built = cache.stats().ruleMisses();
        // Every read of this wall clock is a millisecond later, so every step asks the run queue once.
        long[] wall = {0};
        int[] asked = {0};
        WarmupPacing counting = new WarmupPacing(() -> wall[0] += MS, () -> 0, () -> {
          asked[0]++;
          return 0;
        }, nanos -> {});
        WarmupPacing.run(counting, () -> cache.warm(reader, snapshot, codes, now));
        // Nothing was built, so no builder step ran: only the one after each jurisdiction.
        assertThat(cache.stats().ruleMisses()).isEqualTo(built);
        assertThat(asked[0]).isEqualTo(codes.size());
      }
    }
  }

  private PolicySnapshot policy(String name, String phrase) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), "{\"jurisdiction\": \"KZ\", \"rules\": [{\"id\": \"kz-1\", "
        + "\"type\": \"phrase\", \"values\": [\"" + phrase + "\"], \"category\": \"gambling\", "
        + "\"legal_basis\": \"test\"}]}");
    return PolicyLoader.load(dir);
  }
}
