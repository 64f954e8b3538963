package dev.lucenefilter.model;

/**
 * Size limits on input records, enforced by {@link RecordReader}. A record over a limit is a malformed record
 * (an error naming file, line and field), never silently truncated.
 */
public final class RecordLimits {
  private RecordLimits() {}

  /** Longest accepted JSON line, in characters. */
  public static final int MAX_LINE_CHARS = 1 << 20;
  /** Longest accepted post text, channel title or description, in characters. */
  public static final int MAX_TEXT_CHARS = 100_000;
  /** Most links per post. */
  public static final int MAX_LINKS = 256;
  /** Most media hashes per post. */
  public static final int MAX_MEDIA = 256;
  /** Most classifier flags per record. */
  public static final int MAX_FLAGS = 64;
  /** Longest classifier flag name, in characters (a name has at least one). */
  public static final int MAX_FLAG_NAME_CHARS = 64;
  /** Longest id, username or link, in characters. */
  public static final int MAX_ID_CHARS = 2048;
}
