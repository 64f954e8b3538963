package dev.lucenefilter.cli;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.corpus.SampleTargets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Write a deterministic sample corpus: DIR/channels.jsonl and DIR/posts.jsonl.")
final class GenerateCommand extends CliCommand {
  @Option(names = "--posts", required = true, paramLabel = "N", description = "Number of posts (1000 to 5000000).")
  int posts;

  @Option(names = "--channels", paramLabel = "M",
      description = "Channels written in all, the sample target channels included (default: posts/200, at least 20, plus the target channels).")
  Integer channels;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
  Path out;

  @Mixin SharedOptions.Progress progress;

  @Override
  public Integer call() throws Exception {
    CorpusGenerator generator = corpus(posts, channels, seed);
    CorpusGenerator.Summary s;
    try (SharedOptions.Progress bar = progress.start("generate", "posts", posts)) {
      s = generator.generate(out, bar::stepTo);
    }
    out().printf("generated %d posts (%d with target content) and %d channels in %s in %.1f s (%.0f posts/s)%n",
        s.posts(), s.targetPosts(), s.channels(), out, s.nanos() / 1e9, s.postsPerSecond());
    return 0;
  }

  /**
   * The generator for {@code --posts} and {@code --channels} (total, target channels included; null for the
   * default). Out-of-range values are usage errors (exit 2) wherever the options appear ({@code demo} too).
   */
  static CorpusGenerator corpus(int posts, Integer totalChannels, long seed) {
    int targets = SampleTargets.CHANNELS.size();
    if (totalChannels != null && totalChannels <= targets) {
      throw CliException.usage("--channels must be more than the " + targets
          + " sample target channels the corpus always holds, not " + totalChannels);
    }
    try {
      return CorpusGenerator.of(posts, totalChannels == null ? CorpusGenerator.defaultChannels(posts) : totalChannels - targets, seed);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
