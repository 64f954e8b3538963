package dev.lucenefilter.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The measurements that are not JMH benchmarks, run in one JVM so the warmed query fixture is built once:
 * {@link MemoryReport} then {@link ReloadLatency}. Usage: {@code Harness POSTS RESULTS_DIR PROFILE JURISDICTIONS
 * QUIET_SECONDS}; writes {@code <PROFILE>-memory.json} and {@code <PROFILE>-reload-latency.json}.
 */
public final class Harness {
  private Harness() {}

  public static void main(String[] args) throws Exception {
    String posts = args[0];
    Path dir = Paths.get(args[1]);
    String profile = args[2];
    MemoryReport.run(new String[] {posts, dir.resolve(profile + "-memory.json").toString(), args[3]});
    ReloadLatency.run(new String[] {posts, dir.resolve(profile + "-reload-latency.json").toString(), args[4]});
    System.exit(0);
  }
}
