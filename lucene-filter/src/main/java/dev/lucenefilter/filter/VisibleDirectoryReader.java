package dev.lucenefilter.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.LeafReader;

/**
 * A point-in-time index view for one jurisdiction under one policy snapshot: every segment wrapped in a {@link
 * VisibleLeafReader} whose hidden documents come from an {@link ExclusionSource}. Searching it can only return
 * what the jurisdiction may see. Cheap to create: the hidden sets are built once per segment and cached by the
 * source.
 */
final class VisibleDirectoryReader extends FilterDirectoryReader {
  private final ExclusionSource source;

  /** Supplies the hidden documents of a segment. */
  @FunctionalInterface
  interface ExclusionSource {
    HiddenDocs hidden(LeafReader segment) throws IOException;
  }

  VisibleDirectoryReader(DirectoryReader in, ExclusionSource source) throws IOException {
    super(in, new SubReaderWrapper() {
      @Override
      public LeafReader wrap(LeafReader reader) {
        try {
          return new VisibleLeafReader(reader, source.hidden(reader));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    this.source = source;
  }

  @Override
  protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
    return new VisibleDirectoryReader(in, source);
  }

  @Override
  public CacheHelper getReaderCacheHelper() { return null; }
}
