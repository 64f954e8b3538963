package dev.lucenefilter.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: writes policy files. */
final class PolicyDirs {
  private PolicyDirs() {}

  static Path write(Path dir, String file, String content) {
    try {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      return Files.writeString(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file for {@code code} with the given inherits JSON and rules (each a JSON object, one per line). */
  static Path policy(Path dir, String code, String inherits, String... rules) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"jurisdiction\": \"").append(code).append("\", \"inherits\": ").append(inherits).append(", \"rules\": [\n");
    for (int i = 0; i < rules.length; i++) sb.append(rules[i]).append(i + 1 < rules.length ? ",\n" : "\n");
    sb.append("]}\n");
    return write(dir, code + ".json", sb.toString());
  }

  /** A valid hide rule of {@code type} with the given extra fields (JSON without braces). */
  static String rule(String id, String type, String fields) {
    return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", " + fields + ", \"category\": \"c\", \"legal_basis\": \"b\"}";
  }

  static java.util.List<String> errors(Path dir) {
    try {
      PolicyLoader.load(dir);
      throw new AssertionError("expected validation errors in " + dir);
    } catch (PolicyValidationException e) {
      return e.errors().stream().map(PolicyError::toString).toList();
    }
  }
}
