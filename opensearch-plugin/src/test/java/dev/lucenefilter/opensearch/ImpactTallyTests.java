package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.ImpactAnalysis;
import java.util.List;
import java.util.Set;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.test.OpenSearchTestCase;

/**
 * The per-jurisdiction impact tally the nodes send to the receiving node: counts add up per rule, samples are capped
 * per rule and merge to the same report whatever order the nodes answer in, and a tally survives the wire unchanged.
 */
public class ImpactTallyTests extends OpenSearchTestCase {
  private static ImpactTally node(String... hidden) {
    ImpactTally t = new ImpactTally("DE", ImpactAnalysis.Presence.KEPT);
    for (String id : hidden) t.add(true, id, List.of("de-1"), 2);
    t.add(false, "channel:" + hidden.length, List.of("de-old", "g-1"), 2);
    return t;
  }

  public void testMergeAddsCountsAndKeepsTheSmallestSamplesInAnyOrder() {
    ImpactTally a = new ImpactTally("DE", ImpactAnalysis.Presence.KEPT), b = new ImpactTally("DE", ImpactAnalysis.Presence.KEPT);
    a.merge(node("post:3", "post:1"), 2);
    a.merge(node("post:2"), 2);
    b.merge(node("post:2"), 2);
    b.merge(node("post:3", "post:1"), 2);
    for (ImpactTally t : List.of(a, b)) {
      assertEquals(3, t.newlyHidden);
      assertEquals(2, t.unhidden);
      assertEquals(3, t.hiddenBy.get("de-1").records);
      assertEquals(Set.of("post:1", "post:2"), t.hiddenBy.get("de-1").samples);
      assertEquals(Set.of("de-old", "g-1"), t.unhiddenFrom.keySet());
      assertEquals(2, t.unhiddenFrom.get("g-1").records);
      assertEquals(Set.of("channel:1", "channel:2"), t.unhiddenFrom.get("g-1").samples);
    }
  }

  public void testTallySurvivesTheWire() throws Exception {
    ImpactTally t = node("post:1", "post:2", "post:3");
    BytesStreamOutput out = new BytesStreamOutput();
    t.writeTo(out);
    ImpactTally back = new ImpactTally(out.bytes().streamInput());
    assertEquals("DE", back.jurisdiction);
    assertEquals(3, back.newlyHidden);
    assertEquals(1, back.unhidden);
    assertEquals(3, back.hiddenBy.get("de-1").records);
    assertEquals(Set.of("post:1", "post:2"), back.hiddenBy.get("de-1").samples);
    assertEquals(Set.of("channel:3"), back.unhiddenFrom.get("de-old").samples);
    assertEquals(ImpactAnalysis.Presence.KEPT, back.presence);
    BytesStreamOutput removed = new BytesStreamOutput();
    new ImpactTally("EU", ImpactAnalysis.Presence.REMOVED).writeTo(removed);
    assertEquals(ImpactAnalysis.Presence.REMOVED, new ImpactTally(removed.bytes().streamInput()).presence);
  }
}
