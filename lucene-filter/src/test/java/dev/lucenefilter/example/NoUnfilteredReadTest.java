package dev.lucenefilter.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Explainer;
import dev.lucenefilter.filter.Explanation;
import dev.lucenefilter.filter.TransparencyReport;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import java.io.Closeable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code outside the library's packages cannot read a {@link ContentIndex} unfiltered: no public method hands out a
 * reader, searcher or lease of one, the internal bridge refuses it, and the audit tools work without one.
 */
class NoUnfilteredReadTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void noPublicMethodOfTheIndexReturnsAReaderOrASearcher() {
    List<String> leaks = Arrays.stream(ContentIndex.class.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && exposesReader(m.getReturnType()))
        .map(Method::toString).toList();
    assertThat(leaks).isEmpty();
    // The check itself recognizes what it looks for.
    assertThat(exposesReader(ContentIndex.SearcherLease.class)).isTrue();
    assertThat(exposesReader(IndexSearcher.class)).isTrue();
  }

  private static boolean exposesReader(Class<?> type) {
    if (IndexReader.class.isAssignableFrom(type) || IndexSearcher.class.isAssignableFrom(type)) return true;
    if (!Closeable.class.isAssignableFrom(type)) return false;
    return Arrays.stream(type.getMethods()).anyMatch(m -> IndexReader.class.isAssignableFrom(m.getReturnType())
        || IndexSearcher.class.isAssignableFrom(m.getReturnType()));
  }

  @Test
  void theInternalBridgeRefusesCallersOutsideTheSearchLayer(@TempDir Path tmp) throws Exception {
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      assertThatThrownBy(() -> UnfilteredReads.acquire(index))
          .isInstanceOf(IllegalCallerException.class)
          .hasMessage("dev.lucenefilter.example.NoUnfilteredReadTest may not read the index unfiltered: search "
              + "through SearchService, or use the audit entry points of dev.lucenefilter.search.IndexAudits");
    }
  }

  @Test
  void theAuditToolsReadTheIndexThemselves(@TempDir Path tmp) throws Exception {
    Path policy = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(policy.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "p1", "type": "phrase", "values": ["онлайн казино"], "category": "gambling", "legal_basis": "b"}
        ]}""");
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    ContentFilters filters = ContentFilters.load();
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("a", "c", "онлайн казино"));
      index.add(Post.of("b", "c", "погода"));
      Optional<Explanation> e = IndexAudits.explain(index, new Explainer(filters, UnknownJurisdictions.ERROR),
          snapshot, "KZ", "post", "a", NOW);
      assertThat(e).isPresent();
      assertThat(e.get().decision().visible()).isFalse();
      assertThat(e.get().decision().rules()).containsExactly("p1");
      List<TransparencyReport.JurisdictionCounts> counts = IndexAudits.transparency(index, snapshot, List.of("KZ"),
          NOW, filters);
      assertThat(counts).hasSize(1);
      assertThat(counts.get(0).posts()).isEqualTo(2);
      assertThat(counts.get(0).hiddenPosts()).isEqualTo(1);
      assertThat(IndexAudits.impact(index, snapshot, snapshot, List.of("KZ"), NOW, filters, 5).get(0).newlyHidden())
          .isZero();
    }
  }
}
