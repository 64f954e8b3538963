package dev.lucenefilter.text;

import java.util.List;

/** Canonical domain names and their suffixes. Thread-safe, stateless. */
public final class Domains {
  private Domains() {}

  /**
   * The canonical form of a domain: lower case, Unicode labels (punycode decoded, so IDN and punycode are
   * equal), no trailing dot, port or user-info; {@code null} when {@code s} is not a domain.
   */
  public static String canonical(String s) {
    throw new UnsupportedOperationException("TODO(text)");
  }

  /**
   * The domain and every parent on a label boundary, longest first: {@code a.b.example} gives {@code
   * a.b.example}, {@code b.example}, {@code example}. A domain rule for {@code d} matches a record exactly when
   * {@code d} is among the suffixes of one of the record's domains.
   */
  public static List<String> suffixes(String canonicalDomain) {
    throw new UnsupportedOperationException("TODO(text)");
  }
}
