package dev.lucenefilter.policy;

import java.util.Locale;

/** What a rule looks at (docs/reference.md §2 {@code target}). */
public enum Target {
  /** The post: its text, links, hashes, flags and its own channel id and username. */
  POST,
  /** The channel record: id, username, title, description, flags. A match hides the channel and its posts. */
  CHANNEL,
  /** Either (the default). */
  BOTH;

  /** The JSON spelling: {@code post}, {@code channel} or {@code both}. */
  public String json() { return name().toLowerCase(Locale.ROOT); }
}
