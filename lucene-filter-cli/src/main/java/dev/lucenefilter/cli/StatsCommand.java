package dev.lucenefilter.cli;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stats", description = "Show what the index holds.")
final class StatsCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Option(names = "--json", description = "One JSON object: posts, channels, segments, deleted, bytes.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    IndexStats s;
    try (ContentIndex ix = indexDir.openForReading()) {
      s = ix.stats();
    }
    var out = out();
    if (json) {
      out.printf("{\"posts\": %d, \"channels\": %d, \"segments\": %d, \"deleted\": %d, \"bytes\": %d}%n",
          s.posts(), s.channels(), s.segments(), s.deleted(), s.bytes());
    } else {
      out.printf("posts     %d%nchannels  %d%nsegments  %d%ndeleted   %d%nsize      %.1f MB%n",
          s.posts(), s.channels(), s.segments(), s.deleted(), s.bytes() / 1e6);
    }
    return 0;
  }
}
