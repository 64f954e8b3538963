package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;

/**
 * The index schema: every field name {@link ContentIndex} writes, for the search and filter layers to read.
 *
 * <p>One index holds both kinds of records; {@link #KIND} tells them apart. Exact fields ({@link #ID}, {@link
 * #UID}, {@link #CHANNEL_ID}, {@link #USERNAME}, {@link #DOMAIN}, {@link #MENTION}, {@link #MEDIA}, {@link #TAG})
 * are untokenized terms. {@link #CHANNEL_ID} holds a post's channel and a channel's own id, so one term query
 * finds a channel and all its posts. Numeric fields are Lucene {@code LongField}/{@code DoubleField} (points and
 * doc values): flags are exact doubles, never floats, so a score of 0.9 compares equal to a threshold of 0.9.
 * The fields that query-time filters read take their names from {@link FilterFields}, which owns them (the filter
 * layer sits below the index).
 */
public final class Fields {
  private Fields() {}

  /** {@link #POST} or {@link #CHANNEL}; indexed, stored. */
  public static final String KIND = FilterFields.KIND;
  /** Value of {@link #KIND} for posts. */
  public static final String POST = FilterFields.KIND_POST;
  /** Value of {@link #KIND} for channels. */
  public static final String CHANNEL = FilterFields.KIND_CHANNEL;

  /**
   * Value of {@link #KIND} for the tombstone of a channel rejected at index time (its id in {@link #ID}, the rule
   * ids in {@link #REJECTED_BY}, no content); never a search result. See {@code filter.RejectedChannels}.
   */
  public static final String REJECTED_CHANNEL = FilterFields.KIND_REJECTED_CHANNEL;
  /** Tombstones only: the ids of the rules that rejected the channel; stored. */
  public static final String REJECTED_BY = FilterFields.REJECTED_BY;

  /** The record's id as given; indexed, stored. Unique per kind only. */
  public static final String ID = FilterFields.ID;
  /** {@code kind + ":" + id}, unique in the index; indexed, sorted doc values (the paging tie-breaker). */
  public static final String UID = "uid";
  /** Posts: their channel's id; channels: their own id. Indexed, stored. */
  public static final String CHANNEL_ID = FilterFields.CHANNEL_ID;
  /** Canonical username (posts: {@code channel_username}; channels: {@code username}); indexed, stored. */
  public static final String USERNAME = FilterFields.USERNAME;

  /** Post text; ICU-analyzed (Russian, Kazakh, English), stored with offsets for highlighting. */
  public static final String TEXT = FilterFields.TEXT;
  /** Channel title; analyzed like {@link #TEXT}. */
  public static final String TITLE = FilterFields.TITLE;
  /** Channel description; analyzed like {@link #TEXT}. */
  public static final String DESCRIPTION = FilterFields.DESCRIPTION;

  /**
   * Normalized words (docs/reference.md §2, steps 1–5) of the post text, or of channel title and description with a
   * position gap between them: phrase rules take candidates from its terms and verify them on the stored text.
   */
  public static final String NWORDS = FilterFields.NWORDS;
  /** Words after steps 1–3 (what regex rules see), same sources and gap as {@link #NWORDS}. */
  public static final String RWORDS = FilterFields.RWORDS;
  /** Position gap between a channel's title and description in {@link #NWORDS} and {@link #RWORDS}. */
  public static final int POSITION_GAP = 100;

  /**
   * Every label-boundary suffix of every extracted domain, in its UTS #46 form, and every extracted IP address
   * (only itself) (see {@code Domains.suffixes}).
   */
  public static final String DOMAIN = FilterFields.DOMAIN;
  /** Canonical usernames mentioned in the text or links. */
  public static final String MENTION = FilterFields.MENTION;
  /** Lower-case SHA-256 of attached media. */
  public static final String MEDIA = FilterFields.MEDIA;
  /** Tags added by an {@link IndexTimeHook}. */
  public static final String TAG = FilterFields.TAG;

  /** Prefix of the flag fields: {@code flag.fraud}, {@code flag.spam}, ...; exact double, stored. */
  public static final String FLAG_PREFIX = FilterFields.FLAG_PREFIX;
  /** Posts: publication instant; channels: creation instant. Epoch milliseconds, long, stored. */
  public static final String DATE = "date";
  /** Posts only: view count; long, stored. */
  public static final String VIEWS = "views";
  /** Channels only: subscriber count; long, stored. */
  public static final String SUBSCRIBERS = "subscribers";
  /** The record as one-line JSON ({@code RecordJson}); stored only. */
  public static final String SOURCE = FilterFields.SOURCE;

  /** The flag field of a flag name. */
  public static String flag(String name) { return FLAG_PREFIX + name; }

  /** The unique key of a record. */
  public static String uid(String kind, String id) { return kind + ":" + id; }

  /** Checks a kind string; returns it. */
  public static String checkKind(String kind) {
    if (!POST.equals(kind) && !CHANNEL.equals(kind)) {
      throw new IllegalArgumentException("kind must be '" + POST + "' or '" + CHANNEL + "', not '" + kind + "'");
    }
    return kind;
  }
}
