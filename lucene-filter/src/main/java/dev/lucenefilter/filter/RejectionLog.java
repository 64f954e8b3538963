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
 * record's kind and id, the rule ids and the policy version, and never any of the record's content. A line is
 * written as it comes (in one write), except during a bulk run ({@link #beginRun}): its lines wait in a file beside
 * the log ({@code <log>.run}) and join the log when the run commits ({@link #endRun}), or are dropped when it rolls
 * back, so whoever reads the log sees only rejections of committed runs and single writes, as readers of the
 * index see only committed records. Thread-safe.
 */
public final class RejectionLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final FileChannel out;
  /** The running bulk run's lines, or null outside a run. */
  private FileChannel pending;

  private RejectionLog(Path file, FileChannel out) {
    this.file = file;
    this.out = out;
  }

  /** Appends to {@code file}, creating it and its parent directories as needed. */
  public static RejectionLog append(Path file) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    return new RejectionLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE));
  }

  /** Writes one line (held back until {@link #endRun} while a run is open). */
  public synchronized void log(Instant time, String kind, String id, List<String> ruleIds, String policyVersion)
      throws IOException {
    ObjectNode line = JSON.createObjectNode().put("time", time.toString()).put("kind", kind).put("id", id);
    ruleIds.forEach(line.putArray("rules")::add);
    line.put("policy_version", policyVersion);
    ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    FileChannel to = pending != null ? pending : out;
    while (bytes.hasRemaining()) to.write(bytes);
  }

  /** A bulk run starts: its lines wait in {@code <log>.run} (emptied first: a crashed run's lines never count). */
  public synchronized void beginRun() throws IOException {
    if (pending != null) throw new IllegalStateException("a run is already open on " + file);
    pending = FileChannel.open(runFile(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /** The run ended: its lines join the log when it {@code committed}, and are dropped otherwise. */
  public synchronized void endRun(boolean committed) throws IOException {
    FileChannel run = pending;
    if (run == null) return;
    pending = null;
    try (run) {
      if (committed) {
        long size = run.size();
        for (long done = 0; done < size; ) done += run.transferTo(done, size - done, out);
      }
    } finally {
      Files.deleteIfExists(runFile());
    }
  }

  private Path runFile() { return file.resolveSibling(file.getFileName() + ".run"); }

  @Override
  public synchronized void close() throws IOException {
    try {
      endRun(false);
    } finally {
      out.close();
    }
  }
}
