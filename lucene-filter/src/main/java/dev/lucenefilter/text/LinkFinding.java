package dev.lucenefilter.text;

/**
 * One domain or mention found by {@link LinkExtractor#find}, with where it was found, for explanations.
 *
 * @param kind   what was found
 * @param value  the canonical host ({@link Domains#canonical}: a domain or an IP address) or username
 *               ({@code [a-z0-9_]}, no {@code @})
 * @param source {@code "text"} or {@code "links[i]"} (i the index in the post's links)
 * @param start  start offset (UTF-16, inclusive) of the domain or mention in that source string
 * @param end    end offset (UTF-16, exclusive) in that source string
 */
public record LinkFinding(Kind kind, String value, String source, int start, int end) {
  /** Kind of finding. */
  public enum Kind {
    /** A host (domain or IP address) from a URL, a bare domain or IPv4 address, or an e-mail address. */
    DOMAIN,
    /** A username mentioned as {@code @name}, {@code t.me/name} or {@code telegram.me/name}. */
    MENTION
  }

  /** The source name of the text itself. */
  public static final String TEXT = "text";
}
