package dev.lucenefilter.filter;

/** A jurisdiction the policy does not define, under the default fail-closed configuration. */
public final class UnknownJurisdictionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownJurisdictionException(String code, String policyVersion) {
    super("unknown jurisdiction '" + code + "': the policy (version " + policyVersion.substring(0, Math.min(12, policyVersion.length()))
        + ") has no file for it");
  }
}
