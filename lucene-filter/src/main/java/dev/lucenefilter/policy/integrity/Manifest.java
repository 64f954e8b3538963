package dev.lucenefilter.policy.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The content of {@code MANIFEST.json}: the signer's key id and the SHA-256 of every policy file. Written in one
 * canonical form (sorted names, fixed layout) so that the same directory and key always give the same bytes.
 */
record Manifest(String keyId, Map<String, String> files) {
  static final String FILE = PolicyLoader.MANIFEST_FILE;
  static final String SIGNATURE = "MANIFEST.sig";
  static final String FORMAT = "lucene-filter-policy-manifest/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  Manifest {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** The SHA-256 of every policy file now in {@code dir}, by file name. */
  static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (PolicyLoader.isPolicyFile(name) && Files.isRegularFile(p)) {
          out.put(name, Keys.sha256Hex(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  /** The canonical bytes; {@link PolicySigner} never writes a manifest without files. */
  byte[] toBytes() {
    String entries = files.entrySet().stream().map(e -> "\n    \"" + e.getKey() + "\": \"" + e.getValue() + "\"")
        .collect(Collectors.joining(","));
    return ("{\n  \"format\": \"" + FORMAT + "\",\n  \"key_id\": \"" + keyId + "\",\n  \"files\": {" + entries
        + "\n  }\n}\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Parses the manifest bytes of {@code dir}; refused, naming {@code DIR/MANIFEST.json}, unless of this format. */
  static Manifest parse(Path dir, byte[] bytes) throws PolicyIntegrityException {
    String file = dir + "/" + FILE;
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new PolicyIntegrityException(file + ": not valid JSON");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new PolicyIntegrityException(file + ": not a manifest of format " + FORMAT);
    }
    String keyId = root.path("key_id").asText("");
    if (!keyId.matches("[0-9a-f]{16}")) throw new PolicyIntegrityException(file + ": key_id must be 16 hex characters");
    JsonNode files = root.path("files");
    if (!files.isObject()) throw new PolicyIntegrityException(file + ": files must be an object");
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : files.properties()) {
      // Only policy file names: no paths, so a manifest can never point outside its directory.
      if (!PolicyLoader.isPolicyFile(e.getKey())) {
        throw new PolicyIntegrityException(file + ": '" + e.getKey() + "' is not a policy file name");
      }
      String hash = e.getValue().asText("");
      if (!hash.matches("[0-9a-f]{64}")) throw new PolicyIntegrityException(file + ": bad SHA-256 for " + e.getKey());
      out.put(e.getKey(), hash);
    }
    return new Manifest(keyId, out);
  }
}
