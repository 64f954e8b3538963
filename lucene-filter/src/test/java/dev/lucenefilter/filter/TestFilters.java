package dev.lucenefilter.filter;

import java.util.ArrayList;
import java.util.List;

/** The filter lists tests build caches and engines from. */
final class TestFilters {
  private TestFilters() {}

  /** The built-in filters plus {@code extra}, as a deployment that registers one third-party filter has them. */
  static ContentFilters builtInAnd(ContentFilter extra) {
    List<ContentFilter> all = new ArrayList<>(ContentFilters.builtIn().all());
    all.add(extra);
    return ContentFilters.of(all);
  }
}
