package dev.lucenefilter.index;

import java.io.IOException;

/** For tests in other packages: the unfiltered searcher the public API does not hand out. */
public final class TestLeases {
  private TestLeases() {}

  /** {@link ContentIndex#acquireUnfiltered()}. */
  public static ContentIndex.SearcherLease unfiltered(ContentIndex index) throws IOException {
    return index.acquireUnfiltered();
  }
}
