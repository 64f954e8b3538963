/**
 * Optional integrity of policy directories. {@link dev.lucenefilter.policy.integrity.PolicySigner} signs one (a
 * manifest of every policy file's SHA-256, Ed25519-signed); {@link dev.lucenefilter.policy.integrity.PolicyVerifier}
 * accepts a directory or a loaded snapshot only when its policy files are exactly those of a manifest signed by a
 * trusted key; {@link dev.lucenefilter.policy.integrity.PolicyIntegrity#guard} makes that check a pre-swap hook of a
 * {@link dev.lucenefilter.policy.PolicyRegistry}, on the bytes the loader read, so a refused policy never becomes
 * current; {@link dev.lucenefilter.policy.integrity.AuditLog} records every decision in a hash chain. Keys are JDK
 * Ed25519 keys in PEM ({@link dev.lucenefilter.policy.integrity.Keys}). Depends on {@code policy} only.
 */
package dev.lucenefilter.policy.integrity;
