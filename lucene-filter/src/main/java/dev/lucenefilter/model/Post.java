package dev.lucenefilter.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post of a channel, as read from {@code posts.jsonl}. Immutable; lists and maps are unmodifiable copies.
 *
 * @param id              unique post id (required, non-empty)
 * @param channelId       id of the channel that published it; empty when the record names none (no channel rule
 *                        or channel record applies to it then)
 * @param channelUsername the channel's username, lower-cased, without {@code @}; empty when unknown
 * @param text            the post text; empty by default
 * @param date            publication instant, {@link Instant#EPOCH} when unknown; within {@link Dates#RANGE}
 * @param views           view count, {@code >= 0}
 * @param links           links attached to the post, as given
 * @param mediaSha256     SHA-256 hashes of attached media, 64 lower-case hex characters each
 * @param flags           upstream classifier scores in [0, 1], by flag name; {@link Scores#canonical canonical}
 */
public record Post(
    String id,
    String channelId,
    String channelUsername,
    String text,
    Instant date,
    long views,
    List<String> links,
    List<String> mediaSha256,
    Map<String, Double> flags) {

  public Post {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) throw new IllegalArgumentException("id is empty");
    channelId = channelId == null ? "" : channelId;
    channelUsername = channelUsername == null ? "" : Usernames.canonical(channelUsername);
    text = text == null ? "" : text;
    date = date == null ? Instant.EPOCH : Dates.check("date", date);
    links = links == null ? List.of() : List.copyOf(links);
    mediaSha256 = mediaSha256 == null ? List.of() : mediaSha256.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
    flags = Scores.canonical(flags);
  }

  /** This post with other flags. */
  public Post withFlags(Map<String, Double> newFlags) {
    return new Post(id, channelId, channelUsername, text, date, views, links, mediaSha256, newFlags);
  }

  /** A post with only the fields a test usually needs; the others take their defaults. */
  public static Post of(String id, String channelId, String text) {
    return new Post(id, channelId, "", text, Instant.EPOCH, 0, List.of(), List.of(), Map.of());
  }
}
