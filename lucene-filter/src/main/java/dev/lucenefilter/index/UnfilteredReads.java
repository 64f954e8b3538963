package dev.lucenefilter.index;

import java.io.IOException;

/**
 * Internal, not API: the one route from outside this package to a {@link ContentIndex}'s searcher WITHOUT
 * visibility filtering, for this library's search layer ({@code dev.lucenefilter.search}), which applies the filter
 * itself. Java has no "visible to one other package" modifier, so the bridge checks its caller: a class of
 * {@code dev.lucenefilter.search} loaded by this library's class loader, or an {@link IllegalCallerException}.
 *
 * <p>Guarantee: through the public API an embedding application reads an index only filtered ({@code
 * SearchService}) or through the audit entry points ({@code dev.lucenefilter.search.IndexAudits}), never raw.
 */
public final class UnfilteredReads {
  private static final String SEARCH_PACKAGE = "dev.lucenefilter.search";
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private UnfilteredReads() {}

  /**
   * A lease on a searcher over everything {@code index} holds; release it (try-with-resources) when done.
   *
   * @throws IllegalCallerException when the caller is not this library's search layer
   */
  public static ContentIndex.SearcherLease acquire(ContentIndex index) throws IOException {
    Class<?> caller = WALKER.getCallerClass();
    if (!caller.getPackageName().equals(SEARCH_PACKAGE)
        || caller.getClassLoader() != UnfilteredReads.class.getClassLoader()) {
      throw new IllegalCallerException(caller.getName() + " may not read the index unfiltered: search through "
          + "SearchService, or use the audit entry points of " + SEARCH_PACKAGE + ".IndexAudits");
    }
    return index.acquireUnfiltered();
  }
}
