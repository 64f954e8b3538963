package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which contexts the context cache keeps: the current snapshot's always, however many jurisdictions and swaps. */
class FilterContextCacheTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final int JURISDICTIONS = 300;

  @TempDir Path dir;

  private static String code(int i) {
    return String.format(Locale.ROOT, "J%03d", i);
  }

  /** A fresh snapshot of 300 jurisdictions (each load is a new snapshot: snapshots have identity equality). */
  private PolicySnapshot load() throws Exception {
    if (!Files.exists(dir.resolve("GLOBAL.json"))) {
      Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
      for (int i = 0; i < JURISDICTIONS; i++) {
        Files.writeString(dir.resolve(code(i) + ".json"), "{\"jurisdiction\": \"" + code(i) + "\", \"rules\": ["
            + "{\"id\": \"" + code(i).toLowerCase(Locale.ROOT) + "-1\", \"type\": \"channel\", \"values\": [\"c" + i
            + "\"], \"category\": \"test\", \"legal_basis\": \"test\"}]}");
      }
    }
    return PolicyLoader.load(dir);
  }

  /**
   * Six swaps of 300 jurisdictions make 1,800 contexts. The cache before this one (1,024 entries, admitting by
   * frequency) turned the newest snapshot's away as they came, so a jurisdiction's next query built its context
   * again; now every context of the newest snapshot is the one first made, and a snapshot four swaps old is gone.
   */
  @Test
  void theNewestSnapshotsContextsStayHoweverManyJurisdictionsAndSwaps() throws Exception {
    FilterContext.Cache cache = new FilterContext.Cache(FilterContext.RuleSets.UNCACHED, UnknownJurisdictions.ERROR);
    List<PolicySnapshot> snapshots = new ArrayList<>();
    List<List<FilterContext>> made = new ArrayList<>();
    for (int swap = 0; swap < 6; swap++) {
      PolicySnapshot s = load();
      snapshots.add(s);
      List<FilterContext> contexts = new ArrayList<>();
      for (int i = 0; i < JURISDICTIONS; i++) contexts.add(cache.get(s, code(i), NOW));
      made.add(contexts);
    }
    int newest = snapshots.size() - 1;
    for (int i = 0; i < JURISDICTIONS; i++) {
      assertSame(made.get(newest).get(i), cache.get(snapshots.get(newest), code(i), NOW), code(i));
    }
    // The three before it are kept too (queries still in flight on them)...
    for (int back = 1; back < FilterContext.Cache.RECENT_SNAPSHOTS; back++) {
      assertSame(made.get(newest - back).get(7), cache.get(snapshots.get(newest - back), code(7), NOW));
    }
    // ... and an older one leaves: asking for it again makes a new context (and makes it the newest).
    PolicySnapshot old = snapshots.get(newest - FilterContext.Cache.RECENT_SNAPSHOTS);
    assertNotSame(made.get(newest - FilterContext.Cache.RECENT_SNAPSHOTS).get(7), cache.get(old, code(7), NOW));
  }
}
