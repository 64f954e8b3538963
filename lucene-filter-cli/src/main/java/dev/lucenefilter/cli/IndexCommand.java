package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader.OnError;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code index}: indexes records files as one run that commits or changes nothing. */
@Command(name = "index", description = "Index channels and posts (JSON Lines) into the index at DIR.")
final class IndexCommand extends CliCommand {
  /** The rejection log, JSON Lines, kept in the index directory (Lucene ignores files it does not name). */
  static final String REJECTION_LOG = "rejections.jsonl";
  /** Skipped lines reported one by one before only counting. */
  private static final int MAX_REPORTED_SKIPS = 20;

  @Mixin SharedOptions.IndexDir indexDir;

  @Option(names = "--posts", required = true, paramLabel = "FILE", description = "Posts, JSON Lines.")
  Path posts;

  @Option(names = "--channels", paramLabel = "FILE", description = "Channels, JSON Lines.")
  Path channels;

  @Mixin SharedOptions.Blocklists blocklistsDir;

  @Option(names = "--no-policy", description = "Index without policies: no reject rule applies at index time.")
  boolean noPolicy;

  @Mixin SharedOptions.OnError onError;

  @Mixin SharedOptions.Progress progress;

  @Override
  public Integer call() throws Exception {
    OnError mode = onError.mode();
    PrintWriter err = err();
    PolicySnapshot policy = noPolicy ? null : loadPolicy(blocklistsDir.dir, err);
    for (Path f : channels == null ? new Path[] {posts} : new Path[] {channels, posts}) {
      if (!Files.isRegularFile(f)) throw CliException.badInput("no such file: " + f);
    }
    long[] skipped = {0};
    long[] rejected = {0};
    IndexReport report;
    Files.createDirectories(indexDir.dir);
    try (RejectionLog log = policy == null ? null : RejectionLog.append(indexDir.dir.resolve(REJECTION_LOG));
        ContentIndex ix = policy == null ? ContentIndex.open(indexDir.dir) : ContentIndex.open(indexDir.dir,
            new PolicyIndexHook(() -> policy, ContentFilters.load(), Clock.systemUTC(), log));
        SharedOptions.Progress bar = progress.start("index", "records", -1)) {
      BulkOptions options = BulkOptions.builder()
          .onError(mode)
          .progress((n, rate) -> bar.stepTo(n))
          .onSkipped(e -> {
            if (++skipped[0] <= MAX_REPORTED_SKIPS) {
              err.println("lucene-filter: skipped " + Printable.of(e.getMessage()));
            }
          })
          .onRejected((kind, id, rules) -> {
            if (++rejected[0] <= MAX_REPORTED_SKIPS) {
              err.println("lucene-filter: rejected " + kind + " " + Printable.of(id) + " by " + rules);
            }
          })
          .build();
      report = ix.index(posts, channels, options);
    } catch (RecordFormatException e) {
      throw CliException.badInput(e.getMessage() + " (nothing was indexed)");
    }
    StringBuilder line = new StringBuilder(String.format("indexed %d posts", report.posts()));
    if (channels != null) line.append(String.format(" and %d channels", report.channels()));
    line.append(String.format(" in %.1f s (%.0f records/s)", report.seconds(), report.recordsPerSecond()));
    if (report.skipped() > 0) line.append(String.format("; skipped %d malformed lines", report.skipped()));
    if (report.duplicates() > 0) line.append("; ").append(report.duplicatesNote());
    if (report.rejected() > 0) {
      line.append(String.format("; rejected %d records (logged in %s)", report.rejected(), indexDir.dir.resolve(REJECTION_LOG)));
    }
    if (policy == null) line.append("; no policy: reject rules were not applied (they still apply at query time)");
    else line.append("; policy ").append(policy.version(), 0, 12);
    out().println(line);
    return 0;
  }
}
