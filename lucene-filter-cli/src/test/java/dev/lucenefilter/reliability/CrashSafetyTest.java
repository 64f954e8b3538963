package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.cli.Main;
import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: {@code index} runs in a child JVM and is killed with SIGKILL early, mid-run and during its
 * final commit; the index then opens and holds exactly the state before the run (a bulk run commits only at its
 * end) or, if the kill came after the commit, all of it; re-running the same input completes it with {@code stats}
 * equal to a clean run's (writes are idempotent by id). And a policy directory left half-written: the registry
 * starts on its saved last good copy, and refuses to start without one.
 */
class CrashSafetyTest {
  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private int kills;
  private int killsBeforeCommit;
  private int killsAfterCommit;
  private final List<String> killedAt = new ArrayList<>();

  @Test
  void killedIndexRunsLeaveThePreviousStateAndARerunCompletesIt() throws Exception {
    int nPosts = LONG ? 50_000 : 1_000;
    Path corpus = tmp.resolve("corpus");
    CorpusGenerator.of(nPosts, CorpusGenerator.defaultChannels(nPosts), 42).generate(corpus);
    Path posts = corpus.resolve("posts.jsonl");
    Path channels = corpus.resolve("channels.jsonl");

    // The clean run, for reference (the same library code as the child's).
    Path clean = tmp.resolve("clean");
    try (ContentIndex ix = ContentIndex.open(clean)) {
      ix.index(posts, channels, BulkOptions.defaults());
    }
    JsonNode expected = stats(clean);
    assertTrue(expected.get("posts").asLong() > nPosts * 0.9, "clean run indexed too few posts: " + expected);

    // Previous state: the first 30% of the posts, committed by an earlier run.
    Path crashed = tmp.resolve("crashed");
    Path prefix = tmp.resolve("prefix.jsonl");
    List<String> lines = Files.readAllLines(posts, StandardCharsets.UTF_8);
    Files.write(prefix, lines.subList(0, lines.size() * 3 / 10), StandardCharsets.UTF_8);
    try (ContentIndex ix = ContentIndex.open(crashed)) {
      ix.index(prefix, channels, BulkOptions.defaults());
    }
    JsonNode before = stats(crashed);
    assertTrue(before.get("posts").asLong() > 0 && before.get("posts").asLong() < expected.get("posts").asLong());

    int rounds = LONG ? 4 : 1;
    for (int round = 0; round < rounds; round++) {
      // During the final commit: a flush writes segment infos (.si) and then a pending commit point; stored
      // fields stream to disk earlier, so they do not count.
      Set<String> initial = files(crashed);
      long commitAt = killAndCheck(crashed, posts, channels, before, expected,
          dir -> files(dir).stream().anyMatch(f -> !initial.contains(f)
              && (f.endsWith(".si") || f.startsWith("pending_segments") || f.startsWith("segments_"))), 0);
      // Mid-run: half-way to the commit, documents are buffered, nothing committed.
      killAndCheck(crashed, posts, channels, before, expected, dir -> true, Math.max(1, commitAt / 2));
      // Early: the child is still starting or has just opened the index.
      killAndCheck(crashed, posts, channels, before, expected, dir -> true, 200 + round * 150L);
    }
    System.out.println("RELIABILITY crash-safety: kill times " + killedAt);
    assertTrue(killsBeforeCommit >= 2, "too few kills landed before the commit: " + killsBeforeCommit);

    Process rerun = indexProcess(crashed, posts, channels);
    assertEquals(0, rerun.waitFor());
    JsonNode after = stats(crashed);
    assertEquals(expected.get("posts").asLong(), after.get("posts").asLong(), "posts after kill -9 and re-run");
    assertEquals(expected.get("channels").asLong(), after.get("channels").asLong(), "channels after kill -9 and re-run");
    // The re-run replaced the earlier run's records by id: the same records, no duplicates.
    assertEquals(before.get("channels").asLong(), after.get("channels").asLong());
    System.out.printf("RELIABILITY crash-safety: corpus %d posts, kill -9 injected %d (before commit %d, after %d),"
        + " stats after re-run equal clean run: posts %d, channels %d%n", nPosts, kills,
        killsBeforeCommit, killsAfterCommit, after.get("posts").asLong(), after.get("channels").asLong());
  }

  /**
   * Starts {@code index}, waits until {@code ready} holds (polling about every 0.2 ms) and at least {@code
   * minMillis} passed, kills it with SIGKILL, and checks the index holds the previous state or all of it.
   * Returns the milliseconds from start to kill.
   */
  private long killAndCheck(Path dir, Path posts, Path channels, JsonNode before, JsonNode all,
      Predicate<Path> ready, long minMillis) throws Exception {
    Process p = indexProcess(dir, posts, channels);
    long start = System.nanoTime();
    while (p.isAlive()) {
      if ((System.nanoTime() - start) / 1_000_000 >= minMillis && ready.test(dir)) break;
      Thread.sleep(0, 200_000);
    }
    boolean killed = p.isAlive();
    long at = (System.nanoTime() - start) / 1_000_000;
    killedAt.add((System.nanoTime() - start) / 1_000_000 + " ms" + (killed ? "" : " (finished)"));
    p.destroyForcibly();
    p.waitFor();
    kills++;
    JsonNode now = stats(dir);
    boolean previous = now.get("posts").asLong() == before.get("posts").asLong()
        && now.get("channels").asLong() == before.get("channels").asLong();
    boolean complete = now.get("posts").asLong() == all.get("posts").asLong()
        && now.get("channels").asLong() == all.get("channels").asLong();
    assertTrue(previous || complete, "after kill -9 the index holds neither the previous state " + before
        + " nor all " + all + ": " + now);
    if (!killed) assertTrue(complete, "the child finished but the index is not complete: " + now);
    killedAt.set(killedAt.size() - 1, killedAt.get(killedAt.size() - 1) + (previous ? " -> previous" : " -> all"));
    if (previous) {
      killsBeforeCommit++;
    } else {
      killsAfterCommit++;
      // Put the previous state back so the next kill starts from it: a full rebuild from the prefix.
      rebuild(dir, before);
    }
    return at;
  }

  private void rebuild(Path dir, JsonNode before) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
    try (ContentIndex ix = ContentIndex.open(dir)) {
      ix.index(tmp.resolve("prefix.jsonl"), tmp.resolve("corpus/channels.jsonl"), BulkOptions.defaults());
    }
    assertEquals(before, stats(dir));
  }

  private static Set<String> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return new java.util.HashSet<>(s.map(f -> f.getFileName().toString()).toList());
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static Process indexProcess(Path index, Path posts, Path channels) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        "dev.lucenefilter.cli.Main", "index", "--index", index.toString(), "--posts", posts.toString(),
        "--channels", channels.toString(), "--no-policy"));
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** {@code stats --index DIR --json} through the CLI, parsed. */
  static JsonNode stats(Path index) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"stats", "--index", index.toString(), "--json"}, new PrintWriter(out),
        new PrintWriter(err));
    assertEquals(0, code, "stats failed: " + err);
    JsonNode n = JSON.readTree(out.toString());
    return JSON.createObjectNode().put("posts", n.get("posts").asLong()).put("channels", n.get("channels").asLong());
  }

  // ---------------------------------------------------------------- policy directory left half-written

  @Test
  void halfWrittenPolicyStartsOnTheSavedCopyAndRefusesWithoutOne() throws Exception {
    Path policy = tmp.resolve("policy");
    Path state = tmp.resolve("state");
    Worlds.writePolicy(policy, 1);
    String good;
    try (PolicyRegistry r = PolicyRegistry.open(policy, state)) {
      good = r.current().version();
      assertFalse(r.startedFromSavedCopy());
    }
    // A writer crashed mid-file: KZ.json is cut in the middle of its JSON.
    Path kz = policy.resolve("KZ.json");
    byte[] bytes = Files.readAllBytes(kz);
    Files.write(kz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    // A save that crashed half-way leaves a temporary directory behind; it must not confuse the start.
    Files.createDirectories(state.resolve(".tmp-123"));
    Files.writeString(state.resolve(".tmp-123/KZ.json"), "{\"jurisdiction\": ");
    try (PolicyRegistry r = PolicyRegistry.open(policy, state)) {
      assertTrue(r.startedFromSavedCopy());
      assertEquals(good, r.current().version());
      assertTrue(r.current().hasJurisdiction("KZ"));
      // A reload of the still broken directory keeps the saved copy serving.
      assertFalse(r.reload().success());
      assertEquals(good, r.current().version());
    }
    // No saved copy: refuse to start, with every error located.
    PolicyValidationException e = assertThrows(PolicyValidationException.class,
        () -> PolicyRegistry.open(policy, tmp.resolve("empty-state")));
    for (PolicyError err : e.errors()) {
      assertEquals("KZ.json", err.file());
      assertTrue(err.line() > 0 && err.column() > 0, err.toString());
    }
    // A saved copy that is itself damaged is not trusted: refuse to start.
    Path savedKz;
    try (Stream<Path> s = Files.walk(state)) {
      savedKz = s.filter(f -> f.getFileName().toString().equals("KZ.json") && f.getParent().getFileName().toString()
          .startsWith("saved-")).findFirst().orElseThrow();
    }
    Files.write(savedKz, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    assertThrows(PolicyValidationException.class, () -> PolicyRegistry.open(policy, state));
    System.out.printf("RELIABILITY crash-safety: half-written policy file: started on saved copy %s; without a"
        + " good copy: refused (%d errors)%n", good.substring(0, 12), e.errors().size());
  }
}
