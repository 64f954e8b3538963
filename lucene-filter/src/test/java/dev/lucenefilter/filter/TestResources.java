package dev.lucenefilter.filter;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates test resources on disk. */
final class TestResources {
  private TestResources() {}

  static Path path(String name) {
    try {
      return Path.of(TestResources.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
