package dev.lucenefilter.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * An append-only JSON Lines log of records rejected at index time: one line per record with the time, the
 * record's kind and id, the rule ids and the policy version, and never any of the record's content. Lines are
 * flushed as written. Thread-safe.
 */
public final class RejectionLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Writer out;

  private RejectionLog(Writer out) { this.out = out; }

  /** Appends to {@code file}, creating it and its parent directories as needed. */
  public static RejectionLog append(Path file) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    return new RejectionLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /** Writes one line. */
  public synchronized void log(Instant time, String kind, String id, List<String> ruleIds, String policyVersion)
      throws IOException {
    ObjectNode line = JSON.createObjectNode().put("time", time.toString()).put("kind", kind).put("id", id);
    ruleIds.forEach(line.putArray("rules")::add);
    line.put("policy_version", policyVersion);
    out.write(JSON.writeValueAsString(line) + "\n");
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException { out.close(); }
}
