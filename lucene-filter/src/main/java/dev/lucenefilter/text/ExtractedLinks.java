package dev.lucenefilter.text;

import java.util.Set;

/**
 * What {@link LinkExtractor} found in a record.
 *
 * @param domains  canonical hosts (see {@link Domains#canonical}: UTS #46 domains and IP addresses) from the
 *                 links and from URLs, bare domains, bare IPv4 addresses and e-mail addresses in the text
 * @param mentions canonical usernames mentioned as {@code @name}, {@code t.me/name} or {@code telegram.me/name}
 */
public record ExtractedLinks(Set<String> domains, Set<String> mentions) {
  public ExtractedLinks {
    domains = Set.copyOf(domains);
    mentions = Set.copyOf(mentions);
  }
}
