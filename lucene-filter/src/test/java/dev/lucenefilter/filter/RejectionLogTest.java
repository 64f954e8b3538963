package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's lines reach the log only when it commits; readers never see those of a running or rolled-back run. */
class RejectionLogTest {
  @TempDir Path dir;

  private static String line(String id) {
    return "{\"time\":\"1970-01-01T00:00:00Z\",\"kind\":\"post\",\"id\":\"" + id + "\",\"rules\":[\"r\"],\"policy_version\":\"v\"}";
  }

  @Test
  void aRunsLinesWaitForItsCommit() throws Exception {
    Path file = dir.resolve("rejections.jsonl");
    Path run = dir.resolve("rejections.jsonl.run");
    try (RejectionLog log = RejectionLog.append(file)) {
      log.log(Instant.EPOCH, "post", "single", List.of("r"), "v");
      log.beginRun();
      log.log(Instant.EPOCH, "post", "kept", List.of("r"), "v");
      assertThat(Files.readAllLines(file)).as("while the run goes on").containsExactly(line("single"));
      log.endRun(true);
      assertThat(Files.readAllLines(file)).containsExactly(line("single"), line("kept"));
      assertThat(run).doesNotExist();

      log.beginRun();
      log.log(Instant.EPOCH, "post", "dropped", List.of("r"), "v");
      log.endRun(false);
      assertThat(run).doesNotExist();
      log.log(Instant.EPOCH, "post", "after", List.of("r"), "v");
      log.beginRun();
      log.log(Instant.EPOCH, "post", "open when closed", List.of("r"), "v");
    }
    assertThat(Files.readAllLines(file)).containsExactly(line("single"), line("kept"), line("after"));
    assertThat(run).doesNotExist();
  }

  @Test
  void aCrashedRunsLeftoverNeverCounts() throws Exception {
    Path file = dir.resolve("rejections.jsonl");
    Files.writeString(dir.resolve("rejections.jsonl.run"), line("crashed") + "\n");
    try (RejectionLog log = RejectionLog.append(file)) {
      log.beginRun();
      log.log(Instant.EPOCH, "post", "new", List.of("r"), "v");
      log.endRun(true);
    }
    assertThat(Files.readAllLines(file)).containsExactly(line("new"));
  }
}
