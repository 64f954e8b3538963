package dev.lucenefilter.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A public channel, as read from {@code channels.jsonl}. Immutable; {@code flags} is an unmodifiable copy.
 *
 * @param id          unique channel id (required, non-empty)
 * @param username    Telegram username without {@code @}, lower-cased; empty when the channel has none
 * @param title       display title; empty by default
 * @param description free text; empty by default
 * @param language    language code as given upstream; empty by default
 * @param subscribers subscriber count, {@code >= 0}
 * @param created     creation instant, {@link Instant#EPOCH} when unknown; within {@link Dates#RANGE}
 * @param flags       upstream classifier scores in [0, 1], by flag name; {@link Scores#canonical canonical}
 */
public record Channel(
    String id,
    String username,
    String title,
    String description,
    String language,
    long subscribers,
    Instant created,
    Map<String, Double> flags) {

  public Channel {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) throw new IllegalArgumentException("id is empty");
    username = username == null ? "" : Usernames.canonical(username);
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    language = language == null ? "" : language;
    created = created == null ? Instant.EPOCH : Dates.check("created", created);
    flags = Scores.canonical(flags);
  }

  /** A channel with only an id and a username; the other fields take their defaults. */
  public static Channel of(String id, String username) {
    return new Channel(id, username, "", "", "", 0, Instant.EPOCH, Map.of());
  }
}
