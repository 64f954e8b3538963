package dev.lucenefilter.opensearch;

import dev.lucenefilter.policy.PolicySnapshot;
import java.util.Objects;

/**
 * The policy a node serves: the compiled snapshot and the cluster metadata it came from. Immutable; a node
 * replaces its serving policy as one reference, so a request sees one version from start to end.
 *
 * @param snapshot the compiled policy
 * @param serial   the metadata serial it was built from
 * @param hash     the hash of its files
 */
public record ServingPolicy(PolicySnapshot snapshot, long serial, String hash) {
  public ServingPolicy {
    Objects.requireNonNull(snapshot);
    Objects.requireNonNull(hash);
  }

  /** The library's policy version. */
  public String version() { return snapshot.version(); }
}
