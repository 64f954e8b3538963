package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.RuleFields;
import dev.lucenefilter.policy.RuleHeader;
import dev.lucenefilter.policy.RuleType;
import dev.lucenefilter.policy.RuleTypes;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in filters do not depend on the {@code META-INF/services} file (fat and shaded jars lose it), and a
 * policy with a rule type no filter enforces is refused instead of being half ignored.
 */
class FilterRegistrationTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final String SERVICE = "META-INF/services/" + ContentFilter.class.getName();
  static final List<String> BUILT_INS =
      List.of("channel", "classifier", "domain", "media_hash", "phrase", "regex", "username");

  @TempDir Path tmp;

  /**
   * This library's classes, loaded afresh (child first) from where they were compiled, with the ContentFilter
   * service file hidden: the class path of a fat jar that lost it.
   */
  static final class WithoutServiceFile extends URLClassLoader {
    WithoutServiceFile() throws Exception {
      super(new URL[] {ContentFilters.class.getProtectionDomain().getCodeSource().getLocation()},
          FilterRegistrationTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (!name.startsWith("dev.lucenefilter.")) return super.loadClass(name, resolve);
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }

    @Override
    public URL getResource(String name) { return name.equals(SERVICE) ? null : super.getResource(name); }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(SERVICE) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return name.equals(SERVICE) ? null : super.getResourceAsStream(name);
    }
  }

  @Test
  void theBuiltInsAreLoadedWithoutTheServiceFile() throws Exception {
    try (WithoutServiceFile loader = new WithoutServiceFile()) {
      assertThat(loader.getResources(SERVICE).hasMoreElements()).isFalse();
      Class<?> cls = loader.loadClass(ContentFilters.class.getName());
      assertThat(cls.getClassLoader()).isSameAs(loader);
      Object filters = cls.getMethod("load").invoke(null);
      List<?> all = (List<?>) cls.getMethod("all").invoke(filters);
      java.lang.reflect.Method name = loader.loadClass(ContentFilter.class.getName()).getMethod("name");
      List<String> names = all.stream().map(f -> {
        try {
          return (String) name.invoke(f);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }).toList();
      assertThat(names).isEqualTo(BUILT_INS);
    }
  }

  @Test
  void filtersLoadedThroughALoaderWithoutTheServiceFileStillFilter() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "p1", "type": "phrase", "values": ["онлайн казино"], "category": "c", "legal_basis": "b"}
        ]}""");
    PolicySnapshot snapshot = PolicyLoader.load(dir);
    try (WithoutServiceFile loader = new WithoutServiceFile()) {
      ContentFilters filters = ContentFilters.load(loader);
      assertThat(filters.all()).extracting(ContentFilter::name).isEqualTo(BUILT_INS);
      DecisionEngine engine = DecisionEngine.create(snapshot, filters, UnknownJurisdictions.ERROR);
      assertThat(engine.decide(Post.of("a", "c", "онлайн казино"), null, "KZ", NOW).rules()).containsExactly("p1");
      try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
        index.add(Post.of("a", "c", "онлайн казино"));
        index.add(Post.of("b", "c", "погода"));
        SearchService search = SearchService.builder(index).visibility(new PolicyVisibility(() -> snapshot,
            new ExclusionCache(filters, UnknownJurisdictions.ERROR, 1 << 20), Clock.fixed(NOW, ZoneOffset.UTC))).build();
        assertThat(search.search(SearchRequest.builder("KZ").query("").pageSize(10).build()).hits())
            .extracting(h -> h.id()).containsExactly("b");
      }
    }
  }

  @Test
  void theBuiltInsAreMachineryNotApi() {
    assertThat(ContentFilters.builtIn().all()).extracting(f -> f.getClass().getSimpleName()
        + (java.lang.reflect.Modifier.isPublic(f.getClass().getModifiers()) ? " public" : "")).containsExactly(
        "ChannelRuleFilter", "ClassifierRuleFilter", "DomainRuleFilter", "MediaHashRuleFilter", "PhraseRuleFilter",
        "RegexRuleFilter", "UsernameRuleFilter");
  }

  @Test
  void aServiceRegistrationOfABuiltInIsNotUsedTwice() {
    // The built-ins are package-private and listed in code only; the test resources register one third-party filter.
    assertThat(ContentFilters.load().all()).extracting(ContentFilter::name).containsExactly(
        "channel", "classifier", "domain", "media_hash", "phrase", "regex", "test-spam-threshold", "username");
  }

  /** The test class path with the ContentFilter service file replaced by {@code entries}. */
  private ClassLoader withServiceFile(String... entries) throws IOException {
    Path file = tmp.resolve("services-" + entries.length + "-" + entries[0]);
    Files.writeString(file, String.join("\n", entries) + "\n");
    URL url = file.toUri().toURL();
    return new ClassLoader(FilterRegistrationTest.class.getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(SERVICE) ? Collections.enumeration(List.of(url)) : super.getResources(name);
      }
    };
  }

  @Test
  void aStaleServiceFileNamingTheBuiltInsIsSkippedAndABrokenThirdPartyEntryIsAnError() throws Exception {
    // Jars built before the built-ins became package-private list them; ServiceLoader cannot construct them.
    ClassLoader stale = withServiceFile(ChannelRuleFilter.class.getName(), PhraseRuleFilter.class.getName(),
        "dev.lucenefilter.filter.SpamThresholdTestFilter");
    assertThat(ContentFilters.load(stale).all()).extracting(ContentFilter::name).containsExactly(
        "channel", "classifier", "domain", "media_hash", "phrase", "regex", "test-spam-threshold", "username");
    ClassLoader broken = withServiceFile("com.example.MissingFilter");
    assertThatThrownBy(() -> ContentFilters.load(broken)).isInstanceOf(java.util.ServiceConfigurationError.class)
        .hasMessageContaining("com.example.MissingFilter");
  }

  /** A third-party rule type: {@code colour}, with {@code values}. */
  record ColourRule(RuleHeader header, Set<String> values) implements Rule {
    @Override public String type() { return "colour"; }

    @Override public Map<String, Object> parameters() { return Map.of("values", values); }
  }

  static final RuleType COLOUR = new RuleType() {
    @Override public String name() { return "colour"; }

    @Override public Set<String> fields() { return Set.of("values"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      return new ColourRule(header, Set.copyOf(fields.values().stream().map(RuleFields.Entry::value).toList()));
    }
  };

  /** The filter that enforces {@code colour} rules (here: never matches; what counts is that it claims them). */
  static final class ColourFilter implements ContentFilter {
    @Override public String name() { return "colour"; }

    @Override public Set<String> ruleTypes() { return Set.of("colour"); }

    @Override public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

    @Override public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) {}
  }

  @Test
  void aPolicyWithARuleTypeNoFilterHandlesIsRefused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "c1", "type": "colour", "values": ["red"], "category": "c", "legal_basis": "b"},
          {"id": "p1", "type": "phrase", "values": ["казино"], "category": "c", "legal_basis": "b"}
        ]}""");
    PolicySnapshot snapshot = PolicyLoader.load(dir, RuleTypes.standard().with(COLOUR));
    String expected = "no content filter handles rule type 'colour' (rule c1 of KZ, policy version "
        + snapshot.version() + "): refusing to filter with a policy whose rules would be ignored (filters: "
        + "channel, classifier, domain, media_hash, phrase, regex, test-spam-threshold, username)";
    assertThatThrownBy(() -> DecisionEngine.create(snapshot))
        .isInstanceOf(UnhandledRuleTypeException.class).hasMessage(expected);
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("a", "c", "казино"));
      SearchService search = SearchService.builder(index).visibility(new PolicyVisibility(() -> snapshot,
          new ExclusionCache(), Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertThatThrownBy(() -> search.search(SearchRequest.builder("KZ").query("").pageSize(10).build()))
          .isInstanceOf(UnhandledRuleTypeException.class).hasMessage(expected);
    }
    // With a filter that claims the type, the same policy is accepted.
    DecisionEngine engine = DecisionEngine.create(snapshot, TestFilters.builtInAnd(new ColourFilter()),
        UnknownJurisdictions.ERROR);
    assertThat(engine.decide(Post.of("a", "c", "казино"), null, "KZ", NOW).rules()).containsExactly("p1");
  }
}
