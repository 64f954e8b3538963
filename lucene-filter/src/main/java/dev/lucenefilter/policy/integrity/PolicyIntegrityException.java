package dev.lucenefilter.policy.integrity;

/**
 * A policy bundle or audit log failed an integrity check. The message is one line naming what is wrong (the file
 * and, for the audit log, the line).
 */
public final class PolicyIntegrityException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyIntegrityException(String message) { super(message); }

  public PolicyIntegrityException(String message, Throwable cause) { super(message, cause); }
}
