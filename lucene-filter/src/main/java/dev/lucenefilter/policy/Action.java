package dev.lucenefilter.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a matching rule does (docs/reference.md §2 {@code action}). */
public enum Action {
  /** Withheld at query time in the declaring jurisdiction and every jurisdiction inheriting it. */
  HIDE,
  /** Never indexed anywhere; allowed only in GLOBAL. */
  REJECT;

  /** The JSON spelling: {@code hide} or {@code reject}. */
  public String json() { return name().toLowerCase(Locale.ROOT); }

  /** The action spelled {@code s} in JSON (exact, lower case), if any. */
  static Optional<Action> fromJson(String s) {
    return Arrays.stream(values()).filter(a -> a.json().equals(s)).findFirst();
  }
}
