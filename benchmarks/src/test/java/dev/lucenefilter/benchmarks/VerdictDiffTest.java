package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictDiffTest {
  private static final String FLOOR = "VERDICT [service terms @100000] SearchService filtered ÷ floor: ";
  private static final String SWAP = "VERDICT [quick] query p99 during a swap ≤ 1.5× outside (G1, 200 jurisdictions): ";

  @Test
  void readsEachKindOfVerdictLineRunShWrites() {
    VerdictDiff.Line paired = VerdictDiff.parse(FLOOR + "1.22× (IQR 1.18–1.26), target ≤ 1.20×: " + PairedRounds.AT_TARGET);
    assertEquals("[service terms @100000] SearchService filtered ÷ floor", paired.key());
    assertEquals("1.22× (IQR 1.18–1.26), target ≤ 1.20×", paired.figure());
    assertEquals(VerdictDiff.Verdict.WITHIN_NOISE, paired.verdict());
    // Older runs worded the reason differently.
    assertEquals(VerdictDiff.Verdict.WITHIN_NOISE, VerdictDiff.parse(FLOOR
        + "1.17× (IQR 1.14–1.26), target ≤ 1.20×: AT TARGET (within noise: the IQR straddles the target)").verdict());
    assertEquals(VerdictDiff.Verdict.NOT_MET, VerdictDiff.parse(FLOOR + "1.3×, target ≤ 1.20×: NOT MET").verdict());
    // A swap line's figure has a colon of its own; its verdict is a yes or no with words after it.
    VerdictDiff.Line swap = VerdictDiff.parse(SWAP + "1.99× (100000 posts, during the JIT warm-up swaps: 1.42×): no");
    assertEquals("[quick] query p99 during a swap ≤ 1.5× outside (G1, 200 jurisdictions)", swap.key());
    assertEquals("1.99× (100000 posts, during the JIT warm-up swaps: 1.42×)", swap.figure());
    assertEquals(VerdictDiff.Verdict.NOT_MET, swap.verdict());
    assertEquals(VerdictDiff.Verdict.MET,
        VerdictDiff.parse("VERDICT [quick] 1k-rule edit visible ≤ 0.5 s (1M posts): 149.1 ms: yes at this size; 1M not measured").verdict());
    assertNull(VerdictDiff.parse("VERDICT [check 500 posts] check ÷ monitor (time per post): 0.02× (IQR 0.02–0.02), target no target: reported"));
  }

  @Test
  void refusesALineItCannotRead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VerdictDiff.parse(FLOOR + "1.09×, target ≤ 1.20×: PERHAPS"));
    assertEquals("unknown verdict 'PERHAPS' in: " + FLOOR + "1.09×, target ≤ 1.20×: PERHAPS", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VerdictDiff.parse("VERDICT no brackets: MET"));
  }

  @Test
  void countsWhatMovedAndTellsAFirmFlipFromAMoveIntoNoise(@TempDir Path dir) throws IOException {
    Path before = write(dir, "a.txt",
        FLOOR + "1.22× (IQR 1.18–1.26), target ≤ 1.20×: " + PairedRounds.AT_TARGET,
        "VERDICT [query terms @100000] warm filtered ÷ unfiltered: 1.08×, target ≤ 1.05×: NOT MET",
        SWAP + "1.99×: no",
        "VERDICT [check 500 posts] check ÷ monitor (time per post): 0.02×, target no target: reported",
        "VERDICT [only before] x: 1×, target ≤ 2×: MET",
        "a line that is not a verdict");
    Path after = write(dir, "b.txt",
        SWAP + "0.99×: yes",
        "VERDICT [query terms @100000] warm filtered ÷ unfiltered: 1.07×, target ≤ 1.05×: NOT MET",
        FLOOR + "1.09× (IQR 1.07–1.10), target ≤ 1.20×: MET",
        "VERDICT [check 500 posts] check ÷ monitor (time per post): 0.02×, target no target: reported");
    Map<String, VerdictDiff.Line> a = VerdictDiff.read(before);
    assertEquals(4, a.size());
    List<VerdictDiff.Pair> pairs = VerdictDiff.compare(a, VerdictDiff.read(after));
    assertEquals(3, pairs.size());
    assertEquals("""
        3 figures with a bound in both runs: 1 kept their verdict, 2 moved, 1 of them between met and not met
        MOVED [service terms @100000] SearchService filtered ÷ floor: 1.22× (IQR 1.18–1.26), target ≤ 1.20× \
        [within noise] -> 1.09× (IQR 1.07–1.10), target ≤ 1.20× [met]
        FLIP  [quick] query p99 during a swap ≤ 1.5× outside (G1, 200 jurisdictions): 1.99× [not met] -> 0.99× [met]
        """, VerdictDiff.describe(pairs));
  }

  @Test
  void aLabelThatAppearsAgainIsNumberedInItsOrder(@TempDir Path dir) throws IOException {
    Path f = write(dir, "twice.txt", SWAP + "1.2×: yes", "", SWAP + "1.6×: no");
    Map<String, VerdictDiff.Line> lines = VerdictDiff.read(f);
    assertEquals(List.of(SWAP.substring(8, SWAP.length() - 2), SWAP.substring(8, SWAP.length() - 2) + " #2"),
        List.copyOf(lines.keySet()));
    assertEquals(VerdictDiff.Verdict.NOT_MET, lines.get(SWAP.substring(8, SWAP.length() - 2) + " #2").verdict());
  }

  private static Path write(Path dir, String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
