package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;

/**
 * The index schema's own fields: those only the index and search layers use. The fields query-time filters read
 * (kind, ids, text, word and link fields, flags, the stored record) are named in {@link FilterFields}, which owns
 * them (the filter layer sits below the index); use them from there.
 *
 * <p>One index holds both kinds of records; {@link FilterFields#KIND} tells them apart. Exact fields (ids, {@link
 * #UID}, channel id, usernames, domains, mentions, media, tags) are untokenized terms; the channel-id field holds a
 * post's channel and a channel's own id, so one term query finds a channel and all its posts. Text, title and
 * description are ICU-analyzed (Russian, Kazakh, English) and stored with offsets for highlighting. Numeric fields
 * are Lucene {@code LongField}/{@code DoubleField} (points and doc values): flags are exact doubles, never floats,
 * so a score of 0.9 compares equal to a threshold of 0.9.
 */
public final class Fields {
  private Fields() {}

  /** {@code kind + ":" + id}, unique in the index; indexed, sorted doc values (the paging tie-breaker). */
  public static final String UID = "uid";
  /**
   * Position gap between a channel's title and description in {@link FilterFields#NWORDS} and {@link
   * FilterFields#RWORDS}.
   */
  public static final int POSITION_GAP = 100;
  /** Posts: publication instant; channels: creation instant. Epoch milliseconds, long, stored. */
  public static final String DATE = "date";
  /** Posts only: view count; long, stored. */
  public static final String VIEWS = "views";
  /** Channels only: subscriber count; long, stored. */
  public static final String SUBSCRIBERS = "subscribers";

  /** The unique key of a record. */
  public static String uid(String kind, String id) { return kind + ":" + id; }

  /** Checks a kind string; returns it. */
  public static String checkKind(String kind) {
    if (!FilterFields.KIND_POST.equals(kind) && !FilterFields.KIND_CHANNEL.equals(kind)) {
      throw new IllegalArgumentException("kind must be '" + FilterFields.KIND_POST + "' or '"
          + FilterFields.KIND_CHANNEL + "', not '" + kind + "'");
    }
    return kind;
  }
}
