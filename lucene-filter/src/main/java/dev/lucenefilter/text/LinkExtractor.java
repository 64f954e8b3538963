package dev.lucenefilter.text;

import java.util.List;

/**
 * Extracts domains and username mentions from a post's text and links, with the obfuscations of contract §2
 * ({@code [.]}, {@code (.)}, {@code (dot)}, {@code [dot]}, {@code hxxp://}). Thread-safe, stateless.
 */
public final class LinkExtractor {
  private LinkExtractor() {}

  /** Domains and mentions of a text and its links. */
  public static ExtractedLinks extract(String text, List<String> links) {
    throw new UnsupportedOperationException("TODO(text)");
  }
}
