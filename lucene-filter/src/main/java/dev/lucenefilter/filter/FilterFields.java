package dev.lucenefilter.filter;

/**
 * Names and values of the index fields that query-time filters read. The index schema writes them (the index
 * package depends on this one, never the reverse). Every field here is written the same way for every record,
 * by the same code the reference decision uses, so the two sides cannot disagree.
 */
public final class FilterFields {
  private FilterFields() {}

  /** {@code post} or {@code channel}. */
  public static final String KIND = "kind";
  public static final String KIND_POST = "post";
  public static final String KIND_CHANNEL = "channel";
  /**
   * The kind of a tombstone: a channel rejected at index time, remembered by id and rule ids only (never its
   * content) so that its posts are rejected and hidden too; see {@link RejectedChannels}. Not a record kind:
   * searches, counts and lookups by kind never return it.
   */
  public static final String KIND_REJECTED_CHANNEL = "rejected_channel";
  /**
   * The kind of a post rejected where a stored version of it cannot be deleted in the same write (the OpenSearch
   * plugin's ingest processor): id and rule ids only, written over the post's stored version so that it is gone.
   * Like {@link #KIND_REJECTED_CHANNEL}, hidden in every jurisdiction and never a record. The library's own index
   * deletes the post instead and never writes it.
   */
  public static final String KIND_REJECTED_POST = "rejected_post";
  /** Record id. */
  public static final String ID = "id";
  /** Posts: their channel's id; channels: their own id. */
  public static final String CHANNEL_ID = "channel_id";
  /** Posts: {@code channel_username}; channels: {@code username}. Canonical. */
  public static final String USERNAME = "username";
  /** Post text as given; stored (filters verify phrase candidates on it). */
  public static final String TEXT = "text";
  /** Channel title as given; stored. */
  public static final String TITLE = "title";
  /** Channel description as given; stored. */
  public static final String DESCRIPTION = "description";
  /**
   * Words after normalization steps 1–5 (post text; channel title and description). A word longer than {@link
   * dev.lucenefilter.text.WordsTokenizer#MAX_TERM_CHARS} is its beginning, and the term {@link
   * dev.lucenefilter.text.WordsTokenizer#LONG_WORD} (no word) marks the document: decide it on its stored text.
   */
  public static final String NWORDS = "nwords";
  /** Words after steps 1–3, for regex rules; long words as in {@link #NWORDS}. */
  public static final String RWORDS = "rwords";
  /** Every label-boundary suffix of every extracted domain. */
  public static final String DOMAIN = "domain";
  /** Usernames mentioned in a post's text and links. */
  public static final String MENTION = "mention";
  /** Lower-case SHA-256 of attached media. */
  public static final String MEDIA = "media";
  /** Prefix of the per-flag exact double fields: {@code flag.fraud}. */
  public static final String FLAG_PREFIX = "flag.";
  /** Tags added by index-time filters. */
  public static final String TAG = "tag";
  /** Tombstones only: the ids of the reject rules that rejected the channel; stored only. */
  public static final String REJECTED_BY = "rejected_by";
  /** The stored record, as one line of JSON. */
  public static final String SOURCE = "_source";

  /** The field holding a flag's score. */
  public static String flag(String name) { return FLAG_PREFIX + name; }
}
