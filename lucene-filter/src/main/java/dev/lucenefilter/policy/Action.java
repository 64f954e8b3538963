package dev.lucenefilter.policy;

import java.util.Locale;

/** What a matching rule does (docs/reference.md §2 {@code action}). */
public enum Action {
  /** Withheld at query time in the declaring jurisdiction and every jurisdiction inheriting it. */
  HIDE,
  /** Never indexed anywhere; allowed only in GLOBAL. */
  REJECT;

  /** The JSON spelling: {@code hide} or {@code reject}. */
  public String json() { return name().toLowerCase(Locale.ROOT); }
}
