package dev.lucenefilter.opensearch;

import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A policy as the cluster stores it: file name to file text, exactly the files of a blocklist directory. Loads
 * through the library's {@link PolicyLoader} (the same validation as {@code lucene-filter validate}), so a policy
 * valid here is valid on the command line and the reverse. Errors name the file as stored ({@code KZ.json:3:7}),
 * never a temporary path. Immutable.
 */
public record PolicyFiles(SortedMap<String, String> files) {
  public PolicyFiles {
    files = new TreeMap<>(files);
    for (String name : files.keySet()) {
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IllegalArgumentException("policy file name [" + name + "] must be a plain file name");
      }
    }
  }

  /** SHA-256 over the sorted names and contents: equal for equal file sets on every node. */
  public String hash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : files.entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Total size of the texts in bytes (UTF-8). */
  public long sizeInBytes() {
    long n = 0;
    for (String s : files.values()) n += s.getBytes(StandardCharsets.UTF_8).length;
    return n;
  }

  /**
   * Validates and compiles the files.
   *
   * @param scratch a directory the files are written to for the loader (created and deleted by this call)
   * @throws PolicyValidationException with every error, file names as stored
   */
  public PolicySnapshot load(Path scratch) throws PolicyValidationException {
    try {
      Files.createDirectories(scratch);
      Path dir = Files.createTempDirectory(scratch, "policy-");
      try {
        for (Map.Entry<String, String> e : files.entrySet()) {
          Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try {
          return PolicyLoader.load(dir);
        } catch (PolicyValidationException e) {
          throw relativize(e, dir);
        }
      } finally {
        deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the policy files in " + scratch, e);
    }
  }

  /** The errors as {@code FILE:LINE:COLUMN: [rule: ]message} lines. */
  public static List<String> describe(PolicyValidationException e) {
    List<String> out = new ArrayList<>();
    for (PolicyError err : e.errors()) out.add(err.toString());
    return out;
  }

  /** The error a request gets for an invalid policy (400): every error on its own line. */
  public static IllegalArgumentException invalid(PolicyValidationException e) {
    return new IllegalArgumentException("invalid policy:\n" + String.join("\n", describe(e)));
  }

  private static PolicyValidationException relativize(PolicyValidationException e, Path dir) {
    String prefix = dir.toString();
    List<PolicyError> errors = new ArrayList<>();
    for (PolicyError err : e.errors()) {
      String file = err.file();
      if (file.startsWith(prefix)) file = file.substring(prefix.length()).replaceFirst("^[/\\\\]", "");
      if (file.isEmpty()) file = "policy";
      errors.add(new PolicyError(file, err.line(), err.column(), err.ruleId(), err.message()));
    }
    return new PolicyValidationException(errors);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /**
   * Reads every regular file of a policy directory (the {@code _reload} source) but hidden ones (a name starting
   * with {@code .}: editors' lock and swap files), which the library's loader does not read either.
   */
  public static PolicyFiles readDirectory(Path dir) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return new PolicyFiles(files);
  }
}
