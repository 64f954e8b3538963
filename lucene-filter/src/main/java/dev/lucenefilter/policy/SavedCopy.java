package dev.lucenefilter.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good policy on disk, for restarts. Layout of the state directory: {@code saved-<version>/} holds the
 * policy files exactly as loaded plus a {@code version} file; {@code CURRENT} names the saved directory in use.
 * A save writes a temporary directory, renames it into place, then replaces {@code CURRENT} with an atomic
 * rename, so a crash at any point leaves the previous copy or the new one, never a mix.
 */
final class SavedCopy {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);
  static final String POINTER = "CURRENT";
  static final String VERSION_FILE = "version";
  private final Path stateDir;

  SavedCopy(Path stateDir) { this.stateDir = stateDir; }

  /** Saves {@code s}; a failure is logged, not thrown: the new snapshot serves anyway, only a restart cannot use it. */
  void save(PolicySnapshot s) {
    String name = "saved-" + s.version();
    try {
      Files.createDirectories(stateDir);
      Path target = stateDir.resolve(name);
      if (!Files.isDirectory(target)) {
        Path tmp = Files.createTempDirectory(stateDir, ".tmp-");
        for (Map.Entry<String, byte[]> e : s.sources().entrySet()) Files.write(tmp.resolve(e.getKey()), e.getValue());
        Files.writeString(tmp.resolve(VERSION_FILE), s.version() + "\n", StandardCharsets.UTF_8);
        move(tmp, target);
      }
      Path ptr = Files.createTempFile(stateDir, ".tmp-", ".ptr");
      Files.writeString(ptr, name + "\n", StandardCharsets.UTF_8);
      move(ptr, stateDir.resolve(POINTER));
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(stateDir, "saved-*")) {
        for (Path old : ds) if (!old.getFileName().toString().equals(name)) deleteTree(old);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot save a copy of policy version " + s.version() + ": " + e
          + "; a restart with a broken policy directory will not start");
    }
  }

  /** The saved directory named by {@code CURRENT}, if there is a readable one. */
  Optional<Path> current() {
    try {
      String name = Files.readString(stateDir.resolve(POINTER), StandardCharsets.UTF_8).strip();
      Path dir = stateDir.resolve(name);
      return name.startsWith("saved-") && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The version recorded with a saved copy. */
  static String recordedVersion(Path savedDir) throws IOException {
    return Files.readString(savedDir.resolve(VERSION_FILE), StandardCharsets.UTF_8).strip();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
