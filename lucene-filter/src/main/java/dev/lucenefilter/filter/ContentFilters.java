package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The filters in force, sorted by name. Immutable (a small memo of checked policy versions aside).
 *
 * <p>{@link #load()} always holds the built-in rule filters (listed in code, so a fat or shaded jar that drops or
 * overwrites {@code META-INF/services} still filters) and every third-party filter {@link ServiceLoader} finds, each
 * class once. {@link #requireHandles}, which {@link DecisionEngine} and {@link ExclusionCache} call before filtering,
 * refuses a policy with a rule type no filter here enforces, so such rules are never silently ignored.
 */
public final class ContentFilters {
  /** Bound of the memo of policy versions {@link #requireHandles} passed (versions are content hashes). */
  private static final int MAX_CHECKED = 64;

  private final List<ContentFilter> filters;
  private final Set<String> ruleTypes;
  private final Set<String> checked = ConcurrentHashMap.newKeySet();
  /**
   * {@link #cacheKey} when no filter overrides {@link ContentFilter#cacheKey} (the built-ins do not): it is then the
   * same for every context, and a query need not join the filters' keys again. Null otherwise.
   */
  private final String fixedCacheKey;

  /** False only for {@link #diagnosticSubset}: it may leave rule types unenforced on purpose. */
  private final boolean complete;

  private ContentFilters(List<? extends ContentFilter> filters, boolean complete) {
    this.complete = complete;
    List<ContentFilter> sorted = new ArrayList<>(filters);
    sorted.sort(Comparator.comparing(ContentFilter::name));
    Set<String> names = new HashSet<>();
    Set<String> types = new TreeSet<>();
    for (ContentFilter f : sorted) {
      if (!names.add(f.name())) throw new IllegalStateException("two content filters are named '" + f.name() + "'");
      types.addAll(f.ruleTypes());
    }
    this.filters = List.copyOf(sorted);
    this.ruleTypes = Set.copyOf(types);
    this.fixedCacheKey = this.filters.stream().allMatch(ContentFilters::keepsDefaultCacheKey)
        ? this.filters.stream().map(f -> f.name() + "=;").collect(Collectors.joining()) : null;
  }

  /** True when the filter's class does not override {@link ContentFilter#cacheKey}: its key is always empty. */
  private static boolean keepsDefaultCacheKey(ContentFilter f) {
    try {
      return f.getClass().getMethod("cacheKey", FilterContext.class).getDeclaringClass() == ContentFilter.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /** The built-in filters and every third-party filter registered in {@code META-INF/services} of this library's loader. */
  public static ContentFilters load() {
    return load(ContentFilters.class.getClassLoader());
  }

  /** The built-in filters and every filter {@link ServiceLoader} finds through {@code loader}, each class once. */
  public static ContentFilters load(ClassLoader loader) {
    List<ContentFilter> found = new ArrayList<>(builtIn().all());
    Set<Class<?>> classes = new HashSet<>();
    for (ContentFilter f : found) classes.add(f.getClass());
    Iterator<ContentFilter> it = ServiceLoader.load(ContentFilter.class, loader).iterator();
    while (true) {
      ContentFilter f;
      try {
        if (!it.hasNext()) break;
        f = it.next();
      } catch (ServiceConfigurationError e) {
        // A service file written before the built-ins became package-private (an old or shaded jar) still names
        // them; they are registered above, so that entry is skipped. Any other broken entry is an error: a
        // third-party filter that cannot load would leave its rules unenforced.
        if (namesBuiltIn(e)) continue;
        throw e;
      }
      if (classes.add(f.getClass())) found.add(f);
    }
    return new ContentFilters(found, true);
  }

  /** True when the error is ServiceLoader's {@code "<service>: <provider class> <reason>"} for a built-in. */
  private static boolean namesBuiltIn(ServiceConfigurationError e) {
    String message = String.valueOf(e.getMessage());
    return builtIn().all().stream()
        .anyMatch(f -> message.startsWith(ContentFilter.class.getName() + ": " + f.getClass().getName() + " "));
  }

  /** Exactly these filters (tests, embedding applications). */
  public static ContentFilters of(List<? extends ContentFilter> filters) {
    return new ContentFilters(filters, true);
  }

  /**
   * These filters, WITHOUT the check that they handle every rule type of a policy: for measuring one filter alone
   * (benchmark probes). Filtering with it ignores the rules of the missing types; never serve with it.
   */
  public static ContentFilters diagnosticSubset(List<? extends ContentFilter> filters) {
    return new ContentFilters(filters, false);
  }

  /** The built-in rule filters only, one per rule type. */
  public static ContentFilters builtIn() {
    return of(List.of(new ChannelRuleFilter(), new UsernameRuleFilter(), new DomainRuleFilter(),
        new PhraseRuleFilter(), new RegexRuleFilter(), new MediaHashRuleFilter(), new ClassifierRuleFilter()));
  }

  /** The filters, sorted by name. */
  public List<ContentFilter> all() { return filters; }

  /** Every policy rule type some filter here enforces ({@link ContentFilter#ruleTypes()}). */
  public Set<String> ruleTypes() { return ruleTypes; }

  /**
   * Checks that some filter here enforces the type of every rule of {@code snapshot}; cheap after a version's first
   * call.
   *
   * @throws UnhandledRuleTypeException naming the first such type (in name order) and one of its rules
   */
  public void requireHandles(PolicySnapshot snapshot) {
    if (!complete || checked.contains(snapshot.version())) return;
    TreeSet<String> missing = new TreeSet<>(snapshot.ruleTypes());
    missing.removeAll(ruleTypes);
    if (!missing.isEmpty()) {
      Rule example = snapshot.allRules().stream().filter(r -> r.type().equals(missing.first())).findFirst()
          .orElseThrow();
      throw new UnhandledRuleTypeException("no content filter handles rule type '" + example.type()
          + "' (rule " + example.id() + " of " + example.jurisdiction() + ", policy version " + snapshot.version()
          + (missing.size() > 1 ? "; also unhandled: " + String.join(", ", missing.tailSet(example.type(), false)) : "")
          + "): refusing to filter with a policy whose rules would be ignored (filters: "
          + String.join(", ", filters.stream().map(ContentFilter::name).toList()) + ")");
    }
    if (checked.size() >= MAX_CHECKED) checked.clear();
    checked.add(snapshot.version());
  }

  /** Cache-key contribution of every filter for a context. */
  /** True when {@link #cacheKey} is the same for every context of a snapshot (no filter overrides it). */
  boolean hasFixedCacheKey() { return fixedCacheKey != null; }

  String cacheKey(FilterContext ctx) {
    if (fixedCacheKey != null) return fixedCacheKey;
    return filters.stream().map(f -> f.name() + "=" + f.cacheKey(ctx) + ";").collect(Collectors.joining());
  }
}
