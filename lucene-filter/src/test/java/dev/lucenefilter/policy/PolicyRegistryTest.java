package dev.lucenefilter.policy;

import static dev.lucenefilter.policy.PolicyDirs.policy;
import static dev.lucenefilter.policy.PolicyDirs.rule;
import static dev.lucenefilter.policy.PolicyDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swaps, failed reloads, saved copies, hooks, listeners and the file watch. */
class PolicyRegistryTest {
  @TempDir Path tmp;

  private Path policyDir() { return tmp.resolve("policy"); }

  private Path state() { return tmp.resolve("state"); }

  private void good(String... channels) {
    String[] rules = new String[channels.length];
    for (int i = 0; i < channels.length; i++) rules[i] = rule("k" + i, "channel", "\"values\": [\"" + channels[i] + "\"]");
    policy(policyDir(), "KZ", "[]", rules);
  }

  private void broken() { write(policyDir(), "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [\n"); }

  @Test
  void reloadSwapsOrKeepsServingTheLastGoodSnapshot() throws Exception {
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      List<PolicyEvent> events = new CopyOnWriteArrayList<>();
      reg.addListener(events::add);
      String v1 = reg.current().version();
      assertThat(reg.startedFromSavedCopy()).isFalse();
      assertThat(Files.readString(state().resolve("saved-" + v1).resolve("version")).strip()).isEqualTo(v1);

      assertThat(reg.reload()).isEqualTo(new ReloadResult(true, false, v1, List.of()));
      broken();
      ReloadResult failed = reg.reload();
      assertThat(failed.success()).isFalse();
      assertThat(failed.version()).isEqualTo(v1);
      assertThat(failed.errors()).map(PolicyError::toString)
          .containsExactly("KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array");
      assertThat(reg.current().version()).isEqualTo(v1);

      good("a", "b");
      ReloadResult ok = reg.reload();
      assertThat(ok.success()).isTrue();
      assertThat(ok.changed()).isTrue();
      assertThat(reg.current().version()).isEqualTo(ok.version()).isNotEqualTo(v1);
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).containsExactlyInAnyOrder("a", "b");
      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isInstanceOf(PolicyEvent.ReloadFailed.class);
      assertThat(events.get(1)).isEqualTo(new PolicyEvent.Swapped(v1, reg.current()));
      // The saved copy follows the current version and the old one is gone.
      assertThat(Files.readString(state().resolve("CURRENT")).strip()).isEqualTo("saved-" + ok.version());
      assertThat(Files.exists(state().resolve("saved-" + v1))).isFalse();
    }
  }

  @Test
  void failingPreSwapHookAbortsTheSwap() throws Exception {
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      String v1 = reg.current().version();
      AtomicReference<PolicySnapshot> warmed = new AtomicReference<>();
      AtomicBoolean fail = new AtomicBoolean(true);
      reg.addPreSwapHook(s -> {
        assertThat(reg.current().version()).isEqualTo(v1); // not yet current while warming
        if (fail.get()) throw new IllegalStateException("cache warm-up ran out of memory");
        warmed.set(s);
      });
      good("a", "b");
      ReloadResult r = reg.reload();
      assertThat(r.success()).isFalse();
      assertThat(r.errors()).map(PolicyError::toString)
          .containsExactly(policyDir() + ": pre-swap hook failed: cache warm-up ran out of memory");
      assertThat(reg.current().version()).isEqualTo(v1);
      fail.set(false);
      assertThat(reg.reload().success()).isTrue();
      assertThat(warmed.get()).isSameAs(reg.current());
    }
  }

  @Test
  void brokenAtStartUsesTheSavedCopyLoudly() throws Exception {
    good("a");
    String v1;
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      v1 = reg.current().version();
    }
    broken();
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      assertThat(reg.startedFromSavedCopy()).isTrue();
      assertThat(reg.current().version()).isEqualTo(v1);
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).containsExactly("a");
      List<PolicyEvent> events = new CopyOnWriteArrayList<>();
      reg.addListener(events::add);
      assertThat(events).singleElement().isInstanceOfSatisfying(PolicyEvent.StartedFromSavedCopy.class, e -> {
        assertThat(e.savedVersion()).isEqualTo(v1);
        assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly("KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array");
      });
    }
  }

  @Test
  void brokenAtStartWithoutSavedCopyFailsClosed() {
    broken();
    assertThatThrownBy(() -> PolicyRegistry.open(policyDir(), state()))
        .isInstanceOf(PolicyValidationException.class)
        .hasMessage("KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array");
  }

  @Test
  void concurrentReadersAlwaysSeeACompleteSnapshot() throws Exception {
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Runnable reader = () -> {
        while (!stop.get()) {
          try {
            PolicySnapshot s = reg.current();
            Active a = Active.at(s, "KZ", Instant.now());
            int n = a.channelIds().size();
            // Good directories hold either one channel rule ("a") or three ("a", "b", "c"); never a mix.
            if (!(n == 1 || n == 3) || a.rules().size() != n || !a.channelIds().contains("a")) {
              throw new AssertionError("incomplete snapshot: " + a.channelIds());
            }
            reads.incrementAndGet();
          } catch (Throwable t) {
            failures.add(t);
            return;
          }
        }
      };
      Thread[] readers = {new Thread(reader), new Thread(reader), new Thread(reader)};
      for (Thread t : readers) t.start();
      int okReloads = 0;
      for (int i = 0; i < 60; i++) {
        switch (i % 3) {
          case 0 -> good("a", "b", "c");
          case 1 -> broken();
          default -> good("a");
        }
        ReloadResult r = reg.reload();
        assertThat(r.success()).isEqualTo(i % 3 != 1);
        if (r.success()) okReloads++;
      }
      stop.set(true);
      for (Thread t : readers) t.join();
      assertThat(failures).isEmpty();
      assertThat(okReloads).isEqualTo(40);
      assertThat(reads.get()).isPositive();
    }
  }

  @Test
  void aPolicyFileRenamedToAnotherCaseFailsTheReloadInsteadOfDroppingTheJurisdiction() throws Exception {
    policy(policyDir(), "GLOBAL", "[]", rule("g0", "channel", "\"values\": [\"g\"]"));
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      String v1 = reg.current().version();
      Object seen = PolicyDirectoryWatch.stateOf(policyDir());
      Files.move(policyDir().resolve("KZ.json"), policyDir().resolve("kz.json"));
      // The watch sees the rename (the misnamed file is part of what it compares), and the reload refuses it.
      assertThat(PolicyDirectoryWatch.stateOf(policyDir())).isNotEqualTo(seen);
      ReloadResult r = reg.reload();
      assertThat(r.success()).isFalse();
      assertThat(r.errors()).map(PolicyError::toString).containsExactly("kz.json: not a policy file name: policy files"
          + " are named CODE.json, CODE of A-Z, 0-9 and _ starting with A-Z (KZ.json, GLOBAL.json); rename it to KZ.json"
          + " or move it out of the policy directory");
      assertThat(reg.current().version()).isEqualTo(v1);
      assertThat(reg.current().jurisdictions()).containsExactly("GLOBAL", "KZ");
      // Changing only the misnamed file is a change too: a fix of it must be reloaded.
      seen = PolicyDirectoryWatch.stateOf(policyDir());
      write(policyDir(), "kz.json", "{}");
      assertThat(PolicyDirectoryWatch.stateOf(policyDir())).isNotEqualTo(seen);
    }
  }

  @Test
  void watchPicksUpAChange() throws Exception {
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      reg.watch();
      good("a", "new-one");
      // A generous bound on waiting, not a latency assertion (normally well under a second).
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!Active.at(reg.current(), "KZ", Instant.now()).channelIds().contains("new-one") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).contains("new-one");
    }
  }

  /** Waits (generously: not a latency assertion) until KZ's channels include {@code channel}. */
  private static void awaitChannel(PolicyRegistry reg, String channel) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Active.at(reg.current(), "KZ", Instant.now()).channelIds().contains(channel) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).contains(channel);
  }

  @Test
  void aCopyOverTheServedFilesThatPausesIsServedHalfCopied() throws Exception {
    // Why blocklists/README.md says to deploy by swapping a directory or a symlink: a copy over the files is read
    // file by file, and a pause between two files is a quiet directory to the watch.
    policy(policyDir(), "GLOBAL", "[]");
    good("moved");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      reg.watch();
      // The new version moves rule k0 from KZ.json to GLOBAL.json; the copy writes KZ.json, then pauses.
      policy(policyDir(), "KZ", "[]", rule("k1", "channel", "\"values\": [\"stays\"]"));
      awaitChannel(reg, "stays");
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).containsExactly("stays");
      policy(policyDir(), "GLOBAL", "[]", rule("k0", "channel", "\"values\": [\"moved\"]"));
      awaitChannel(reg, "moved");
    }
  }

  @Test
  void watchFollowsADirectoryRenamedIntoPlaceAndTheOldOneDeleted() throws Exception {
    good("a");
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state())) {
      reg.watch();
      Path prepared = tmp.resolve("prepared");
      policy(prepared, "KZ", "[]", rule("k0", "channel", "\"values\": [\"renamed-in\"]"));
      Files.move(policyDir(), tmp.resolve("old"));
      Files.move(prepared, policyDir());
      awaitChannel(reg, "renamed-in");
      // The old directory going away must not end the watch either.
      policy(tmp.resolve("old"), "KZ", "[]", rule("k0", "channel", "\"values\": [\"in-the-old-one\"]"));
      Files.walk(tmp.resolve("old")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      good("after-delete");
      awaitChannel(reg, "after-delete");
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).doesNotContain("in-the-old-one");
    }
  }

  @Test
  void aReloadNeverServesADirectoryThatChangedWhileItWasRead() throws Exception {
    good("a");
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger changing = new AtomicInteger();
    RuleType channel = RuleTypes.standard().get("channel").orElseThrow();
    // A rule type that, while its file is read, rewrites another file of the directory (as a copy in progress
    // would) as long as {@code changing} is positive.
    RuleType touching = new RuleType() {
      @Override public String name() { return "touching"; }

      @Override public Set<String> fields() { return channel.fields(); }

      @Override public Rule parse(RuleHeader header, RuleFields fields) {
        reads.incrementAndGet();
        if (changing.getAndDecrement() > 0) {
          policy(policyDir(), "FR", "[]", rule("f" + reads.get(), "channel", "\"values\": [\"fr\"]"));
        }
        return channel.parse(header, fields);
      }
    };
    try (PolicyRegistry reg = PolicyRegistry.open(policyDir(), state(), RuleTypes.standard().with(touching))) {
      policy(policyDir(), "KZ", "[]", rule("t", "touching", "\"values\": [\"read-twice\"]"));
      changing.set(1);
      reads.set(0);
      ReloadResult steady = reg.reload();
      assertThat(steady.success()).isTrue();
      assertThat(reads.get()).isEqualTo(2);
      assertThat(Active.at(reg.current(), "KZ", Instant.now()).channelIds()).contains("read-twice");
      String serving = reg.current().version();
      policy(policyDir(), "KZ", "[]", rule("t", "touching", "\"values\": [\"never-steady\"]"));
      changing.set(Integer.MAX_VALUE);
      ReloadResult failed = reg.reload();
      assertThat(failed.success()).isFalse();
      assertThat(failed.errors()).map(PolicyError::toString).containsExactly(policyDir()
          + ": the directory changed while it was read, 3 times: reload once the copy is done");
      assertThat(reg.current().version()).isEqualTo(serving);
    }
  }
}
