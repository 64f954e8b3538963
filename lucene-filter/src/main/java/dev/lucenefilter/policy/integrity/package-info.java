/**
 * Optional integrity of policy directories: signed bundles and an append-only audit log.
 *
 * <p>{@link dev.lucenefilter.policy.integrity.PolicySigner} writes {@code MANIFEST.json} (the SHA-256 of every
 * policy file, {@code <CODE>.json}, and the signer's key id) and {@code MANIFEST.sig} (an Ed25519 signature of the
 * manifest's exact bytes, base64). {@link dev.lucenefilter.policy.integrity.PolicyVerifier} accepts a directory or
 * a loaded snapshot only when the manifest is signed by a trusted key and lists exactly the policy files, with
 * their hashes: unsigned, altered, extra and missing files are refused. {@link
 * dev.lucenefilter.policy.integrity.PolicyIntegrity#guard} installs the verifier as a pre-swap hook of a {@link
 * dev.lucenefilter.policy.PolicyRegistry}, so a refused policy never becomes current and the last good snapshot
 * keeps serving; it checks the bytes the loader actually read, so a file changed after the check cannot slip in.
 * {@link dev.lucenefilter.policy.integrity.AuditLog} records every decision in a hash chain.
 *
 * <p>Keys are JDK Ed25519 keys in PEM (PKCS#8 private, X.509 public); a key id is the first 16 hex characters of
 * the SHA-256 of the public key's X.509 encoding. Depends on {@code policy} only.
 */
package dev.lucenefilter.policy.integrity;
