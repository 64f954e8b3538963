package dev.lucenefilter.policy.integrity;

import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts a {@link PolicyRegistry} under signature: {@link #guard} checks the snapshot serving now and installs a
 * pre-swap hook that verifies every new snapshot (the bytes the loader read) before it becomes current. A refused
 * snapshot never serves: the reload fails with the verifier's message and the last good snapshot keeps serving.
 * Every decision is appended to the audit log.
 */
public final class PolicyIntegrity {
  private PolicyIntegrity() {}

  /**
   * Verifies {@code registry}'s current snapshot and guards every later swap.
   *
   * @throws PolicyIntegrityException when the current snapshot is not signed by a trusted key (close the registry:
   *     it must not serve), or when the registry started from its saved copy, whose signature cannot be checked
   */
  public static void guard(PolicyRegistry registry, PolicyVerifier verifier, AuditLog log)
      throws IOException, PolicyIntegrityException {
    PolicySnapshot current = registry.current();
    if (registry.startedFromSavedCopy()) {
      String why = "refused: started from the saved copy, whose signature cannot be checked";
      log.append(current.version(), "-", why);
      throw new PolicyIntegrityException(registry.policyDir() + ": " + why.substring("refused: ".length()));
    }
    check(registry, verifier, log, current);
    registry.addPreSwapHook(next -> {
      try {
        check(registry, verifier, log, next);
      } catch (PolicyIntegrityException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void check(PolicyRegistry registry, PolicyVerifier verifier, AuditLog log, PolicySnapshot s)
      throws IOException, PolicyIntegrityException {
    try {
      PolicyVerifier.Verified v = verifier.verify(registry.policyDir(), s);
      log.append(s.version(), v.keyId(), "accepted");
    } catch (PolicyIntegrityException e) {
      log.append(s.version(), "-", "refused: " + e.getMessage());
      throw e;
    }
  }
}
