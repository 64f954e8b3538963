package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision engine (what {@code check} prints and query-time filtering agrees with) against a deliberately
 * naive reference, on random posts and random policies.
 */
class NaiveReferenceDifferentialTest {
  @TempDir Path tmp;

  @Test
  void engineEqualsNaiveReference() throws Exception {
    int worlds = Boolean.getBoolean("lucenefilter.long") ? 300 : 25;
    long compared = 0, hidden = 0;
    for (int seed = 1; seed <= worlds; seed++) {
      RandomWorld w = new RandomWorld(1000 + seed, 120);
      Map<String, Channel> channels = new HashMap<>();
      for (Channel c : w.channels) channels.put(c.id(), c);
      for (int generation = 0; generation < 2; generation++) {
        Path dir = tmp.resolve("p" + seed + "-" + generation);
        w.writePolicy(dir, generation);
        PolicySnapshot snapshot = PolicyLoader.load(dir);
        DecisionEngine engine = DecisionEngine.create(snapshot, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
        for (String j : RandomWorld.JURISDICTIONS) {
          for (Post p : w.posts) {
            Channel c = channels.get(p.channelId());
            Decision d = engine.decide(p, c, j, RandomWorld.NOW);
            String fast = d.outcome().label() + " " + d.rules();
            String naive = NaiveReference.decide(snapshot, p, c, j, RandomWorld.NOW);
            assertEquals(naive, fast, () -> "seed " + w + ", " + j + ", post " + p + ", matches " + d.matches());
            compared++;
            if (!d.visible()) hidden++;
          }
        }
      }
    }
    System.out.printf("naive reference: %d decisions compared, %d hidden or rejected, 0 differences%n", compared, hidden);
    assertTrue(hidden > compared / 10 && hidden < compared * 9 / 10, "worlds too one-sided: " + hidden + " of " + compared);
  }
}
