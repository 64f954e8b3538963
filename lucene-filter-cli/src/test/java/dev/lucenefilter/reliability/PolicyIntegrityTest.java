package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.cli.Main;
import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.policy.ReloadResult;
import dev.lucenefilter.policy.integrity.AuditLog;
import dev.lucenefilter.policy.integrity.Keys;
import dev.lucenefilter.policy.integrity.PolicyIntegrity;
import dev.lucenefilter.policy.integrity.PolicyIntegrityException;
import dev.lucenefilter.policy.integrity.PolicySigner;
import dev.lucenefilter.policy.integrity.PolicyVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed policy bundles, their verification, the registry guard and the audit log's hash chain. */
class PolicyIntegrityTest {
  @TempDir Path tmp;
  private Path dir;
  private KeyPair key;
  private PolicyVerifier verifier;
  private String keyId;

  @BeforeEach
  void setUp() throws Exception {
    dir = tmp.resolve("policy");
    Worlds.writePolicy(dir, 1);
    Files.writeString(dir.resolve("README.md"), "not a policy");
    key = Keys.generate();
    keyId = Keys.id(key.getPublic());
    verifier = new PolicyVerifier(List.of(key.getPublic()));
  }

  private String sign() throws Exception {
    return new PolicySigner(key.getPrivate(), key.getPublic()).sign(dir);
  }

  private String refusal() {
    return assertThrows(PolicyIntegrityException.class, () -> verifier.verify(dir)).getMessage();
  }

  @Test
  void aSignedDirectoryVerifies() throws Exception {
    assertEquals(keyId, sign());
    assertTrue(keyId.matches("[0-9a-f]{16}"));
    PolicyVerifier.Verified v = verifier.verify(dir);
    assertEquals(keyId, v.keyId());
    assertEquals(List.of("GLOBAL.json", "KZ.json", "RU.json"), List.copyOf(v.files().keySet()));
    // Signing again is deterministic; a README is not a policy file and may change freely.
    byte[] manifest = Files.readAllBytes(dir.resolve("MANIFEST.json"));
    sign();
    assertEquals(new String(manifest, StandardCharsets.UTF_8), Files.readString(dir.resolve("MANIFEST.json")));
    Files.writeString(dir.resolve("README.md"), "changed");
    verifier.verify(dir);
  }

  @Test
  void unsignedAlteredExtraAndMissingFilesAreRefused() throws Exception {
    assertEquals(dir + ": unsigned: no MANIFEST.json", refusal());
    sign();
    Files.writeString(dir.resolve("KZ.json"), Files.readString(dir.resolve("KZ.json")).replace("test", "tost"));
    assertTrue(refusal().startsWith(dir + ": altered file KZ.json (SHA-256 "), refusal());
    sign();
    Files.writeString(dir.resolve("FR.json"), "{\"jurisdiction\": \"FR\", \"rules\": []}");
    assertEquals(dir + ": extra file FR.json (not in the manifest)", refusal());
    Files.delete(dir.resolve("FR.json"));
    Files.delete(dir.resolve("RU.json"));
    assertEquals(dir + ": missing file RU.json", refusal());
    sign();
    Files.delete(dir.resolve("MANIFEST.sig"));
    assertEquals(dir + ": unsigned: no MANIFEST.sig", refusal());
  }

  @Test
  void forgedManifestsAndUntrustedKeysAreRefused() throws Exception {
    sign();
    // Editing the manifest to match an altered file breaks the signature.
    String kz = Files.readString(dir.resolve("KZ.json")).replace("test", "tost");
    Files.writeString(dir.resolve("KZ.json"), kz);
    String manifest = Files.readString(dir.resolve("MANIFEST.json"));
    String oldHash = manifest.replaceAll("(?s).*\"KZ.json\": \"([0-9a-f]{64})\".*", "$1");
    Files.writeString(dir.resolve("MANIFEST.json"), manifest.replace(oldHash,
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(kz.getBytes(StandardCharsets.UTF_8)))));
    assertEquals(dir + ": MANIFEST.sig is not a valid signature of MANIFEST.json by key " + keyId, refusal());
    // A bundle signed by another key is refused even though it is internally consistent.
    KeyPair other = Keys.generate();
    new PolicySigner(other.getPrivate(), other.getPublic()).sign(dir);
    assertEquals(dir + ": signed by key " + Keys.id(other.getPublic()) + ", which is not trusted (trusted: " + keyId + ")",
        refusal());
    // A private key that does not match the public key cannot sign.
    PolicyIntegrityException e = assertThrows(PolicyIntegrityException.class,
        () -> new PolicySigner(other.getPrivate(), key.getPublic()).sign(dir));
    assertEquals("the private key does not match the public key " + keyId, e.getMessage());
  }

  @Test
  void theRegistryGuardRefusesUnsignedSwapsAndTheAuditChainShowsTampering() throws Exception {
    sign();
    Path log = tmp.resolve("audit.log");
    AuditLog audit = AuditLog.open(log, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    try (PolicyRegistry registry = PolicyRegistry.open(dir, tmp.resolve("state"))) {
      PolicyIntegrity.guard(registry, verifier, audit);
      String good = registry.current().version();
      byte[] manifest = Files.readAllBytes(dir.resolve("MANIFEST.json"));
      Worlds.writePolicy(dir, 2); // new content under the old manifest: not signed
      Files.write(dir.resolve("MANIFEST.json"), manifest);
      ReloadResult r = registry.reload();
      assertFalse(r.success());
      assertTrue(r.errors().get(0).message().startsWith("pre-swap hook failed: " + dir + ": altered file GLOBAL.json"),
          r.errors().get(0).toString());
      assertEquals(good, registry.current().version(), "the last good snapshot keeps serving");
      sign();
      assertTrue(registry.reload().success());
      assertFalse(good.equals(registry.current().version()));
    }
    assertEquals(3, AuditLog.verifyChain(log));
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.get(0).contains("\"result\":\"accepted\"") && lines.get(0).contains("\"key_id\":\"" + keyId + "\""));
    assertTrue(lines.get(1).contains("\"result\":\"refused: "), lines.get(1));
    assertTrue(lines.get(2).contains("\"result\":\"accepted\""));
    // Rewriting history: flip the refusal to accepted.
    Files.write(log, List.of(lines.get(0), lines.get(1).replaceFirst("\"result\":\"refused: [^\"]*\"", "\"result\":\"accepted\""), lines.get(2)));
    PolicyIntegrityException e = assertThrows(PolicyIntegrityException.class, () -> AuditLog.verifyChain(log));
    assertEquals(log + ":3: chain broken: prev does not match the SHA-256 of line 2 (an entry was changed, removed or inserted)",
        e.getMessage());
    // Dropping the first entry.
    Files.write(log, lines.subList(1, 3));
    e = assertThrows(PolicyIntegrityException.class, () -> AuditLog.verifyChain(log));
    assertEquals(log + ":1: chain broken: prev does not match the SHA-256 of the start of the log (an entry was changed,"
        + " removed or inserted)", e.getMessage());
    // A tampered log is not appended to.
    assertThrows(PolicyIntegrityException.class, () -> AuditLog.open(log, Clock.systemUTC()));
  }

  @Test
  void theGuardRefusesAnUnsignedStart() throws Exception {
    AuditLog audit = AuditLog.open(tmp.resolve("audit.log"), Clock.systemUTC());
    try (PolicyRegistry registry = PolicyRegistry.open(dir, tmp.resolve("state"))) {
      PolicyIntegrityException e = assertThrows(PolicyIntegrityException.class,
          () -> PolicyIntegrity.guard(registry, verifier, audit));
      assertEquals(dir + ": unsigned: no MANIFEST.json", e.getMessage());
    }
    assertEquals(1, AuditLog.verifyChain(tmp.resolve("audit.log")));
  }

  @Test
  void cliSignAndVerify() throws Exception {
    Path keyFile = tmp.resolve("signer.pem");
    assertEquals(0, cli("sign", "--generate-key", keyFile.toString())[0].length() > 0 ? code : -1);
    assertTrue(Files.readString(keyFile).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(Files.readString(tmp.resolve("signer.pem.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));
    String[] r = cli("sign", dir.toString(), "--key", keyFile.toString());
    assertEquals(0, code, r[1]);
    String id = Keys.id(Keys.readPublic(tmp.resolve("signer.pem.pub")));
    assertEquals(dir + ": signed by key " + id + "\n", r[0]);
    r = cli("verify", dir.toString(), "--trusted", tmp.resolve("signer.pem.pub").toString());
    assertEquals(0, code, r[1]);
    assertTrue(r[0].startsWith(dir + ": valid, 3 files signed by key " + id), r[0]);
    Files.writeString(dir.resolve("KZ.json"), "{}");
    r = cli("verify", dir.toString(), "--trusted", tmp.resolve("signer.pem.pub").toString());
    assertEquals(1, code);
    assertTrue(r[1].startsWith("lucene-filter: " + dir + ": altered file KZ.json"), r[1]);
    assertEquals(1, r[1].strip().lines().count(), "one line: " + r[1]);
    r = cli("verify", dir.toString());
    assertEquals(2, code);
    r = cli("sign", "--generate-key", keyFile.toString());
    assertEquals(1, code);
    assertEquals("lucene-filter: refusing to overwrite " + keyFile + "\n", r[1]);
  }

  private int code;

  private String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {out.toString(), err.toString()};
  }
}
