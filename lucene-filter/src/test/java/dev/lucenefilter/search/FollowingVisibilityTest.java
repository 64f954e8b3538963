package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.policy.ReloadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several indexes follow one registry; closing one of them never blocks the reloads the others need. */
class FollowingVisibilityTest {
  @TempDir Path tmp;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private Path policy(String phrase) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "p1", "type": "phrase", "values": ["%s"], "category": "c", "legal_basis": "b"}
        ]}""".formatted(phrase));
    return dir;
  }

  private static ContentIndex index(Path dir) throws Exception {
    ContentIndex ix = ContentIndex.open(dir);
    ix.add(Post.of("a", "c", "онлайн казино"));
    ix.add(Post.of("b", "c", "погода"));
    return ix;
  }

  private static Set<String> visible(SearchService search) throws Exception {
    Set<String> out = new TreeSet<>();
    search.search(SearchRequest.builder("KZ").query("").pageSize(10).build()).hits().forEach(h -> out.add(h.id()));
    return out;
  }

  /** Closes the closed index's filter too ({@code close}) or not ({@code forget}): either way reloads go on. */
  private void reloadsContinueAfterOneIndexCloses(boolean closeFilter) throws Exception {
    Path dir = policy("казино");
    try (PolicyRegistry registry = PolicyRegistry.open(dir, tmp.resolve("state"));
        ContentIndex open = index(tmp.resolve("open"))) {
      PolicyVisibility openVisibility = PolicyVisibility.following(registry, open, new ExclusionCache(), CLOCK);
      SearchService search = SearchService.builder(open).visibility(openVisibility).build();
      ContentIndex closing = index(tmp.resolve("closing"));
      PolicyVisibility closingVisibility = PolicyVisibility.following(registry, closing, new ExclusionCache(), CLOCK);
      assertThat(visible(search)).containsExactly("b");
      closing.close();
      if (closeFilter) closingVisibility.close();

      policy("погода");
      ReloadResult r = registry.reload();
      assertThat(r.errors()).isEmpty();
      assertThat(r.success()).isTrue();
      assertThat(r.changed()).isTrue();
      assertThat(registry.current().version()).isEqualTo(r.version());
      assertThat(visible(search)).containsExactly("a");

      policy("казино");
      assertThat(registry.reload().success()).isTrue();
      assertThat(visible(search)).containsExactly("b");
      openVisibility.close();
      openVisibility.close(); // idempotent
    }
  }

  @Test
  void reloadsSucceedAfterAnIndexAndItsFilterAreClosed() throws Exception {
    reloadsContinueAfterOneIndexCloses(true);
  }

  @Test
  void reloadsSucceedAfterAnIndexIsClosedWithoutItsFilter() throws Exception {
    reloadsContinueAfterOneIndexCloses(false);
  }

  @Test
  void aClosedFilterNoLongerWarmsItsIndex() throws Exception {
    Path dir = policy("казино");
    try (PolicyRegistry registry = PolicyRegistry.open(dir, tmp.resolve("state"));
        ContentIndex ix = index(tmp.resolve("ix"))) {
      ExclusionCache cache = new ExclusionCache();
      PolicyVisibility v = PolicyVisibility.following(registry, ix, cache, CLOCK);
      v.close();
      policy("погода");
      assertThat(registry.reload().success()).isTrue();
      // Nothing was warmed for the new snapshot: the cache holds no sets at all.
      assertThat(cache.stats().toString()).isEqualTo(new ExclusionCache().stats().toString());
    }
  }
}
