package dev.lucenefilter.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * An append-only JSON Lines log of records rejected at index time: one line per record with the time, the
 * record's kind and id, the rule ids and the policy version, and never any of the record's content. Lines are
 * written as they come (each in one write). A bulk run that is rolled back takes its lines back ({@link #mark},
 * {@link #truncate}), so the log names only rejections of runs that were committed (or of single writes).
 * Thread-safe.
 */
public final class RejectionLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FileChannel out;

  private RejectionLog(FileChannel out) { this.out = out; }

  /** Appends to {@code file}, creating it and its parent directories as needed. */
  public static RejectionLog append(Path file) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    return new RejectionLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE));
  }

  /** Writes one line. */
  public synchronized void log(Instant time, String kind, String id, List<String> ruleIds, String policyVersion)
      throws IOException {
    ObjectNode line = JSON.createObjectNode().put("time", time.toString()).put("kind", kind).put("id", id);
    ruleIds.forEach(line.putArray("rules")::add);
    line.put("policy_version", policyVersion);
    ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) out.write(bytes);
  }

  /** Where the next line goes: give it to {@link #truncate} to take back every line written after it. */
  public synchronized long mark() throws IOException { return out.size(); }

  /** Takes back every line written since {@code mark} (a run that was rolled back). */
  public synchronized void truncate(long mark) throws IOException {
    if (mark < out.size()) out.truncate(mark);
  }

  @Override
  public synchronized void close() throws IOException { out.close(); }
}
