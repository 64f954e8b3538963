package dev.lucenefilter.policy;

import java.nio.file.Path;

/** For tests in other packages: loading under other limits, which the public API does not offer. */
public final class TestPolicies {
  private TestPolicies() {}

  /** {@link PolicyLoader#load(Path)} under {@code limits}. */
  public static PolicySnapshot load(Path dir, PolicyLimits limits) throws PolicyValidationException {
    return PolicyLoader.load(dir, RuleTypes.standard(), limits);
  }
}
