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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the current {@link PolicySnapshot} of a policy directory and replaces it atomically. Thread-safe: {@link
 * #current()} is one volatile read (lock-free); reloads are serialized. A reload is all or nothing: when the
 * directory is invalid or a pre-swap hook fails, the last good snapshot keeps serving and listeners hear why.
 *
 * <p>Every good load is saved into the state directory; when the policy directory is broken at {@link #open} the
 * registry starts on that saved copy and says so loudly (a {@link PolicyEvent.StartedFromSavedCopy} event, {@link
 * #startedFromSavedCopy()}, a warning through SLF4J); with no saved copy it fails closed by throwing. Layout of
 * the state directory: {@code saved-<version>/} holds the policy files exactly as loaded plus a {@code version}
 * file; {@code CURRENT} names the saved directory in use. A save writes a temporary directory, renames it into
 * place, then replaces {@code CURRENT} with an atomic rename, so a crash at any point leaves the previous copy or
 * the new one, never a mix.
 */
public final class PolicyRegistry implements AutoCloseable {
  /** Quiet time after a change before {@link #watch} reloads: an editor's save or a copy of files is one reload. */
  static final long DEBOUNCE_MILLIS = 150;
  /** Loads of a reload while the directory keeps changing under them, before it fails. */
  static final int STEADY_ATTEMPTS = 3;
  private static final String POINTER = "CURRENT";
  private static final String VERSION_FILE = "version";
  private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);

  private final Path policyDir;
  private final Path stateDir;
  private final RuleTypes types;
  private final CopyOnWriteArrayList<Consumer<PolicyEvent>> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<PolicySnapshot>> preSwapHooks = new CopyOnWriteArrayList<>();
  private final Object reloadLock = new Object();
  private final PolicyEvent.StartedFromSavedCopy startEvent;
  private volatile PolicySnapshot current;
  private PolicyDirectoryWatch watch;

  private PolicyRegistry(Path policyDir, Path stateDir, RuleTypes types, PolicySnapshot first,
      PolicyEvent.StartedFromSavedCopy startEvent) {
    this.policyDir = policyDir;
    this.stateDir = stateDir;
    this.types = types;
    this.current = first;
    this.startEvent = startEvent;
  }

  /** Opens with the standard rule types. */
  public static PolicyRegistry open(Path policyDir, Path stateDir) throws PolicyValidationException {
    return open(policyDir, stateDir, RuleTypes.standard());
  }

  /**
   * Loads {@code policyDir}; on success saves a copy into {@code stateDir}. When the directory is invalid, starts
   * from the copy saved by the last good load; when there is none (or it is unreadable), throws the directory's
   * errors: nothing is served unfiltered.
   */
  public static PolicyRegistry open(Path policyDir, Path stateDir, RuleTypes types) throws PolicyValidationException {
    Objects.requireNonNull(policyDir, "policyDir");
    Objects.requireNonNull(stateDir, "stateDir");
    try {
      PolicySnapshot s = PolicyLoader.load(policyDir, types);
      save(stateDir, s);
      return new PolicyRegistry(policyDir, stateDir, types, s, null);
    } catch (PolicyValidationException broken) {
      Optional<Path> copy = savedCopy(stateDir);
      if (copy.isEmpty()) throw broken;
      PolicySnapshot s;
      try {
        s = PolicyLoader.load(copy.get(), types);
        String recorded = Files.readString(copy.get().resolve(VERSION_FILE), StandardCharsets.UTF_8).strip();
        if (!s.version().equals(recorded)) throw new IOException("version mismatch");
      } catch (PolicyValidationException | IOException e) {
        LOG.error("policy directory " + policyDir + " is invalid and the saved copy " + copy.get()
            + " cannot be used (" + e.getMessage().lines().findFirst().orElse("") + "): refusing to start");
        throw broken;
      }
      LOG.warn("policy directory " + policyDir + " is invalid (" + broken.errors().size()
          + " errors, first: " + broken.errors().get(0) + "); serving the saved copy, version " + s.version());
      return new PolicyRegistry(policyDir, stateDir, types, s,
          new PolicyEvent.StartedFromSavedCopy(broken.errors(), s.version()));
    }
  }

  /** Saves {@code s}; a failure is logged, not thrown: the new snapshot serves anyway, only a restart cannot use it. */
  private static void save(Path stateDir, PolicySnapshot s) {
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
  private static Optional<Path> savedCopy(Path stateDir) {
    try {
      String name = Files.readString(stateDir.resolve(POINTER), StandardCharsets.UTF_8).strip();
      Path dir = stateDir.resolve(name);
      return name.startsWith("saved-") && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
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

  /** The snapshot serving now. Never null; one volatile read. */
  public PolicySnapshot current() { return current; }

  /** True when the directory was broken at {@link #open} and the registry started from the saved copy. */
  public boolean startedFromSavedCopy() { return startEvent != null; }

  /** The watched policy directory. */
  public Path policyDir() { return policyDir; }

  /**
   * Adds a listener, called on the thread that caused each event. If the registry started from its saved copy,
   * the listener receives that {@link PolicyEvent.StartedFromSavedCopy} at once, so late listeners still hear it.
   * A listener that throws is logged and otherwise ignored: it can never undo or block a swap.
   */
  public void addListener(Consumer<PolicyEvent> listener) {
    listeners.add(Objects.requireNonNull(listener));
    if (startEvent != null) deliver(listener, startEvent);
  }

  /**
   * Adds a hook that runs with each new snapshot before it becomes current (to build and warm caches). A hook that
   * throws aborts the swap: the reload counts as failed and the old snapshot keeps serving.
   */
  public void addPreSwapHook(Consumer<PolicySnapshot> hook) { preSwapHooks.add(Objects.requireNonNull(hook)); }

  /**
   * Removes a hook added with {@link #addPreSwapHook} (the same object); true when it was registered. A hook that
   * warms caches of an index must go when that index closes, or every later reload would fail on it.
   */
  public boolean removePreSwapHook(Consumer<PolicySnapshot> hook) { return preSwapHooks.remove(hook); }

  /**
   * Reloads the policy directory. Success: the new snapshot is current (unchanged content keeps the current
   * snapshot, {@code changed == false}). Failure: nothing changes; the result lists every error. Never throws:
   * an unexpected exception or {@link Error} while loading or in a pre-swap hook is a failed result naming it
   * (and is logged with its stack trace).
   */
  public ReloadResult reload() {
    synchronized (reloadLock) {
      PolicySnapshot old = current;
      PolicySnapshot next;
      try {
        next = loadSteady();
      } catch (PolicyValidationException e) {
        return fail(old, e.errors());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail(old, List.of(new PolicyError(policyDir.toString(), 0, 0, null, "interrupted while loading")));
      } catch (Throwable t) {
        // A bug or an exhausted resource while loading (a custom rule type that throws, memory): the reload fails,
        // the old snapshot keeps serving, and the cause is reported in the result and logged with its stack, not
        // thrown into a watcher thread where it would end all later reloads.
        LOG.error("policy reload of " + policyDir + " failed unexpectedly", t);
        return fail(old, List.of(new PolicyError(policyDir.toString(), 0, 0, null, "loading failed: " + t)));
      }
      if (next.version().equals(old.version())) return ReloadResult.ok(old.version(), false);
      for (Consumer<PolicySnapshot> hook : preSwapHooks) {
        try {
          hook.accept(next);
        } catch (Throwable t) {
          // A hook's refusal speaks for itself; anything else (an Error, a checked exception) is named by its class
          // (Throwable.toString) and logged with its stack.
          boolean refusal = t instanceof RuntimeException && t.getMessage() != null;
          if (!(t instanceof RuntimeException)) {
            LOG.error("pre-swap hook failed on policy version " + next.version(), t);
          }
          return fail(old, List.of(new PolicyError(policyDir.toString(), 0, 0, null,
              "pre-swap hook failed: " + (refusal ? t.getMessage() : t))));
        }
      }
      current = next;
      save(stateDir, next);
      LOG.info("policy version " + next.version() + " is current (was " + old.version() + ")");
      publish(new PolicyEvent.Swapped(old.version(), next));
      return ReloadResult.ok(next.version(), true);
    }
  }

  /**
   * Loads the policy directory, again when it changed while it was read (a copy in progress, a swapped symlink):
   * the loader reads file after file, and a snapshot must never mix two versions of the directory.
   */
  private PolicySnapshot loadSteady() throws PolicyValidationException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Object before = PolicyDirectoryWatch.stateOf(policyDir);
      PolicySnapshot loaded = PolicyLoader.load(policyDir, types);
      if (Objects.equals(before, PolicyDirectoryWatch.stateOf(policyDir))) return loaded;
      if (attempt == STEADY_ATTEMPTS) {
        throw new PolicyValidationException(List.of(new PolicyError(policyDir.toString(), 0, 0, null,
            "the directory changed while it was read, " + STEADY_ATTEMPTS + " times: reload once the copy is done")));
      }
      Thread.sleep(DEBOUNCE_MILLIS);
    }
  }

  private ReloadResult fail(PolicySnapshot serving, List<PolicyError> errors) {
    LOG.warn("policy reload refused (" + errors.size() + " errors, first: " + errors.get(0)
        + "); still serving version " + serving.version());
    publish(new PolicyEvent.ReloadFailed(errors, serving.version()));
    return ReloadResult.failed(serving.version(), errors);
  }

  private void publish(PolicyEvent e) {
    for (Consumer<PolicyEvent> l : listeners) deliver(l, e);
  }

  private static void deliver(Consumer<PolicyEvent> l, PolicyEvent e) {
    try {
      l.accept(e);
    } catch (RuntimeException ex) {
      LOG.warn("policy listener failed on " + e.getClass().getSimpleName(), ex);
    }
  }

  /**
   * Starts watching the policy directory on a daemon thread: a change is reloaded after {@link #DEBOUNCE_MILLIS} of
   * quiet, so a new rule reaches queries within a second. The watch follows the path: a prepared directory renamed
   * into place or a swapped symlink is picked up too, within about a second more ({@link PolicyDirectoryWatch}).
   * Idempotent.
   */
  public synchronized void watch() throws IOException {
    if (watch != null) return;
    // reload() never throws: a failure is a result, so the watch survives it.
    watch = PolicyDirectoryWatch.start(policyDir, this::reload);
  }

  /** Stops the watch, if any. The registry keeps serving its current snapshot. */
  @Override
  public synchronized void close() {
    if (watch == null) return;
    watch.close();
    watch = null;
  }
}
