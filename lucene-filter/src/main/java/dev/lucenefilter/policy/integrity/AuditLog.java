package dev.lucenefilter.policy.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * An append-only audit log of policy decisions, JSON Lines: {@code {"time", "version", "key_id", "result", "prev"}}
 * where {@code prev} is the SHA-256 (hex) of the previous line's bytes (64 zeros for the first), so changing,
 * removing or reordering any line breaks the chain at the next one ({@link #verifyChain}). Each append is written
 * and forced to disk before it returns. Thread-safe within one process; one writer per file.
 */
public final class AuditLog {
  static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Clock clock;
  private String last;

  private AuditLog(Path file, Clock clock, String last) {
    this.file = file;
    this.clock = clock;
    this.last = last;
  }

  /** Opens (creating if needed) the log at {@code file}; a tampered log is refused, and nothing is appended to it. */
  public static AuditLog open(Path file, Clock clock) throws IOException, PolicyIntegrityException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    return new AuditLog(file, clock, chain(file, lines));
  }

  /** Appends one entry: {@code result} is {@code accepted} or {@code refused: why}. */
  public synchronized void append(String version, String keyId, String result) throws IOException {
    ObjectNode e = JSON.createObjectNode();
    e.put("time", clock.instant().toString());
    e.put("version", version);
    e.put("key_id", keyId);
    e.put("result", result.replace('\n', ' '));
    e.put("prev", last);
    String line = JSON.writeValueAsString(e);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    last = Keys.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks the chain of {@code file} and returns its number of entries; refuses with {@code FILE:LINE: why} at the
   * first line that does not follow its predecessor.
   */
  public static long verifyChain(Path file) throws IOException, PolicyIntegrityException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    chain(file, lines);
    return lines.size();
  }

  /** Checks every line against its predecessor; returns the SHA-256 of the last line, {@link #GENESIS} for none. */
  private static String chain(Path file, List<String> lines) throws PolicyIntegrityException {
    String prev = GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new PolicyIntegrityException(file + ":" + (i + 1) + ": not a JSON entry");
      }
      if (n == null || !n.isObject() || !n.path("prev").isTextual()) {
        throw new PolicyIntegrityException(file + ":" + (i + 1) + ": not an audit entry (no prev)");
      }
      if (!n.get("prev").asText().equals(prev)) {
        throw new PolicyIntegrityException(file + ":" + (i + 1) + ": chain broken: prev does not match the SHA-256 of "
            + (i == 0 ? "the start of the log" : "line " + i) + " (an entry was changed, removed or inserted)");
      }
      prev = Keys.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }
    return prev;
  }
}
