package dev.lucenefilter.policy;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Calls {@code onChange} after the policy files at a path change, by the path, not by the directory first found
 * there. The operating system's watch only sees changes inside the directory it was registered on: a prepared
 * directory renamed into place, a swapped symlink ({@code ln -sfn}, Kubernetes' {@code ..data}) or a policy file
 * that is a symlink to a file edited elsewhere raise no event there, and a deleted directory ends the watch. So
 * besides the events (the fast path), every {@link #RECHECK_MILLIS} ms the watch compares what the path holds now
 * (the directory's identity and the identity, size and modification time of each file the loader reads or refuses,
 * links followed) with what it held, re-registers on a directory that replaced the old one, and calls {@code
 * onChange} on any difference. Either way it waits for {@link PolicyRegistry#DEBOUNCE_MILLIS} of quiet first: a
 * copy of many files is one call, unless the copy pauses longer than that between two files (then the call sees
 * the directory half copied; only a swapped directory or symlink changes the whole policy at once).
 */
final class PolicyDirectoryWatch implements AutoCloseable {
  static final long RECHECK_MILLIS = 1000;

  private final Path dir;
  private final Runnable onChange;
  private final WatchService service;
  private final Thread thread;
  private WatchKey key;
  private Object registeredOn;
  /** What the path held at the last call (or at the start): taken before the thread runs, so nothing is missed. */
  private Object seen;

  private PolicyDirectoryWatch(Path dir, Runnable onChange) throws IOException {
    this.dir = dir;
    this.onChange = onChange;
    this.service = FileSystems.getDefault().newWatchService();
    try {
      register();
      seen = stateOf(dir);
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    this.thread = Thread.ofPlatform().daemon().name("policy-watch-" + dir.getFileName()).unstarted(this::run);
  }

  /** Starts watching {@code dir} on a daemon thread; {@code onChange} must not throw. */
  static PolicyDirectoryWatch start(Path dir, Runnable onChange) throws IOException {
    PolicyDirectoryWatch w = new PolicyDirectoryWatch(dir, onChange);
    w.thread.start();
    return w;
  }

  /** Registers the OS watch on the directory now at the path (none while there is none). */
  private void register() throws IOException {
    if (key != null) key.cancel();
    key = null;
    registeredOn = identity(dir);
    if (registeredOn != null) key = dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
  }

  private void run() {
    try {
      while (true) {
        WatchKey event = service.poll(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          drain(event);
        } else if (Objects.equals(seen, stateOf(dir))) {
          continue;
        }
        seen = quiet();
        if (!Objects.equals(registeredOn, identity(dir))) register();
        onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop
    } catch (IOException e) {
      // Registering on a replacement directory failed (it vanished again, or the limit of watches was reached):
      // fall back to checking the path alone, which needs no registration.
      pollOnly();
    }
  }

  /** Waits until neither an event nor a change of state arrives for the debounce time; returns the state then. */
  private Object quiet() throws InterruptedException {
    Object now = stateOf(dir);
    while (true) {
      WatchKey more = service.poll(PolicyRegistry.DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
      if (more != null) {
        drain(more);
        now = stateOf(dir);
        continue;
      }
      Object later = stateOf(dir);
      if (Objects.equals(now, later)) return later;
      now = later;
    }
  }

  private void pollOnly() {
    try {
      while (true) {
        Thread.sleep(RECHECK_MILLIS);
        Object now = stateOf(dir);
        if (Objects.equals(seen, now)) continue;
        do {
          seen = now;
          Thread.sleep(PolicyRegistry.DEBOUNCE_MILLIS);
          now = stateOf(dir);
        } while (!Objects.equals(seen, now));
        onChange.run();
      }
    } catch (InterruptedException e) {
      // closed: stop
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  /**
   * What the path holds, as far as a reload could tell: the directory's identity, then the name, identity, size and
   * modification time (links followed) of each entry the loader reads or refuses (policy files, and other {@code
   * *.json} names: a {@code KZ.json} renamed to {@code kz.json} is a change); null when there is no directory.
   */
  static Object stateOf(Path dir) {
    Object id = identity(dir);
    if (id == null) return null;
    Map<String, List<Object>> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> PolicyLoader.concernsLoader(p.getFileName().toString())).forEach(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          files.put(p.getFileName().toString(), List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime()));
        } catch (IOException e) {
          files.put(p.getFileName().toString(), List.of("unreadable: " + e.getMessage()));
        }
      });
    } catch (IOException | RuntimeException e) {
      return List.of(id, "unlistable: " + e.getMessage());
    }
    return List.of(id, files);
  }

  /** The identity of the directory at {@code dir} (its file key, or its creation time where there is none). */
  private static Object identity(Path dir) {
    try {
      BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
      if (!a.isDirectory()) return null;
      return a.fileKey() != null ? a.fileKey() : a.creationTime();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Stops the watch and waits (up to 2 s) for its thread. */
  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // Nothing was written; the thread stops on the closed service or the interrupt.
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
