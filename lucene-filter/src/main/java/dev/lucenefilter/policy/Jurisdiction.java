package dev.lucenefilter.policy;

import java.util.List;
import java.util.Objects;

/**
 * One policy file: its code, description, declared parents (in file order; GLOBAL is implied for all but GLOBAL)
 * and its own rules sorted by id. Immutable.
 */
public record Jurisdiction(String code, String description, List<String> inherits, List<Rule> rules) {
  /** The code of the jurisdiction every other one inherits. */
  public static final String GLOBAL = "GLOBAL";

  public Jurisdiction {
    Objects.requireNonNull(code, "code");
    description = description == null ? "" : description;
    inherits = List.copyOf(inherits);
    rules = List.copyOf(rules);
  }
}
