package dev.lucenefilter.policy;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Watches a directory with a {@link WatchService} and runs an action once changes have been quiet for {@link
 * #DEBOUNCE_MILLIS} (an editor's save or a copy of several files becomes one reload). Runs on a daemon thread.
 */
final class PolicyWatcher implements AutoCloseable {
  /** Quiet time before a reload. */
  static final long DEBOUNCE_MILLIS = 150;
  private static final Logger LOG = LoggerFactory.getLogger(PolicyWatcher.class);

  private final WatchService service;
  private final Thread thread;

  private PolicyWatcher(WatchService service, Path dir, Runnable action) {
    this.service = service;
    this.thread = Thread.ofPlatform().daemon().name("policy-watch-" + dir.getFileName()).unstarted(() -> loop(action));
  }

  static PolicyWatcher start(Path dir, Runnable action) throws IOException {
    WatchService ws = FileSystems.getDefault().newWatchService();
    dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    PolicyWatcher w = new PolicyWatcher(ws, dir, action);
    w.thread.start();
    return w;
  }

  private void loop(Runnable action) {
    try {
      while (true) {
        WatchKey key = service.take();
        drain(key);
        // Debounce: wait until nothing happened for DEBOUNCE_MILLIS.
        for (WatchKey more; (more = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) drain(more);
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("policy reload after a file change failed", e);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service", e);
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
