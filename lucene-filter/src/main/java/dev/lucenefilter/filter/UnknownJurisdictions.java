package dev.lucenefilter.filter;

/** What a jurisdiction without a policy file gets. */
public enum UnknownJurisdictions {
  /** Refused with {@link UnknownJurisdictionException} (the default: fail closed). */
  ERROR,
  /** Treated as having GLOBAL's rules only. */
  GLOBAL_ONLY
}
