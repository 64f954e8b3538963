package dev.lucenefilter.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The set of filters in force: every {@link ContentFilter} found by {@link ServiceLoader} (the built-in rule
 * filters are registered the same way as third-party ones), sorted by name. Immutable.
 */
public final class ContentFilters {
  private final List<ContentFilter> filters;

  private ContentFilters(List<ContentFilter> filters) {
    List<ContentFilter> sorted = new ArrayList<>(filters);
    sorted.sort(Comparator.comparing(ContentFilter::name));
    Set<String> names = new HashSet<>();
    for (ContentFilter f : sorted) {
      if (!names.add(f.name())) throw new IllegalStateException("two content filters are named '" + f.name() + "'");
    }
    this.filters = List.copyOf(sorted);
  }

  /** Every filter on the class path (built-ins and {@code META-INF/services} registrations). */
  public static ContentFilters load() {
    List<ContentFilter> found = new ArrayList<>();
    ServiceLoader.load(ContentFilter.class, ContentFilters.class.getClassLoader()).forEach(found::add);
    return new ContentFilters(found);
  }

  /** Exactly these filters (tests, embedding applications). */
  public static ContentFilters of(List<? extends ContentFilter> filters) {
    return new ContentFilters(new ArrayList<>(filters));
  }

  /** The built-in rule filters only, one per rule type. */
  public static ContentFilters builtIn() {
    return of(List.of(new ChannelRuleFilter(), new UsernameRuleFilter(), new DomainRuleFilter(),
        new PhraseRuleFilter(), new RegexRuleFilter(), new MediaHashRuleFilter(), new ClassifierRuleFilter()));
  }

  /** The filters, sorted by name. */
  public List<ContentFilter> all() { return filters; }

  /** Cache-key contribution of every filter for a context. */
  String cacheKey(FilterContext ctx) {
    StringBuilder sb = new StringBuilder();
    for (ContentFilter f : filters) {
      String k = f.cacheKey(ctx);
      sb.append(f.name()).append('=').append(k).append(';');
    }
    return sb.toString();
  }
}
