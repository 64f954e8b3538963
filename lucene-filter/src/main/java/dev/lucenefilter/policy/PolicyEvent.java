package dev.lucenefilter.policy;

import java.util.List;

/** What a {@link PolicyRegistry} tells its listeners. */
public sealed interface PolicyEvent {
  /** A new snapshot became current. {@code previousVersion} is empty at the first load. */
  record Swapped(String previousVersion, PolicySnapshot current) implements PolicyEvent {}

  /** A reload was refused; {@code servingVersion} keeps serving. */
  record ReloadFailed(List<PolicyError> errors, String servingVersion) implements PolicyEvent {}

  /**
   * The policy directory was broken at start, so the registry serves the copy saved by the last good load. Loud
   * on purpose: the service runs on an older policy until the directory is fixed.
   */
  record StartedFromSavedCopy(List<PolicyError> errors, String savedVersion) implements PolicyEvent {}
}
