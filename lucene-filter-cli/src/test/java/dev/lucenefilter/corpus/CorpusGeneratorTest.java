package dev.lucenefilter.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  @TempDir Path dir;

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
    CorpusGenerator.of(3000, 30, 7).generate(dir.resolve("a"));
    CorpusGenerator.of(3000, 30, 7).generate(dir.resolve("b"));
    CorpusGenerator.of(3000, 30, 8).generate(dir.resolve("c"));
    for (String f : List.of("posts.jsonl", "channels.jsonl")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
    assertThat(Files.readAllBytes(dir.resolve("a/posts.jsonl"))).isNotEqualTo(Files.readAllBytes(dir.resolve("c/posts.jsonl")));
  }

  /** Benchmarks cache datasets by seed: a refactoring of the generator must not change a single byte. */
  @Test
  void outputIsPinnedBySeed() throws Exception {
    CorpusGenerator.Summary s = CorpusGenerator.of(2000, 25, 42).generate(dir);
    assertThat(s.targetPosts()).isEqualTo(TARGETS);
    assertThat(SampleTargets.sha256(Files.readString(dir.resolve("channels.jsonl")))).isEqualTo(CHANNELS_SHA256);
    assertThat(SampleTargets.sha256(Files.readString(dir.resolve("posts.jsonl")))).isEqualTo(POSTS_SHA256);
  }

  private static final long TARGETS = 38;
  private static final String CHANNELS_SHA256 = "20ed53edd761f2e6486d894067f4464d1d7d79df042ea11fb883bbf7203c1f80";
  private static final String POSTS_SHA256 = "d1c6e0eedcf858d26a924c3306689d08d4bd20c85a9d9dae5d0506eec287c7f4";

  @Test
  void shape() throws Exception {
    CorpusGenerator.Summary s = CorpusGenerator.of(25_000, CorpusGenerator.defaultChannels(25_000), 1).generate(dir);
    List<Channel> channels = RecordReader.readAllChannels(dir.resolve("channels.jsonl"));
    List<Post> posts = RecordReader.readAllPosts(dir.resolve("posts.jsonl"));
    assertThat(posts).hasSize(25_000);
    assertThat(CorpusGenerator.defaultChannels(25_000)).isEqualTo(125);
    assertThat(channels).hasSize(125 + SampleTargets.CHANNELS.size());
    assertThat(s.channels()).isEqualTo(channels.size());
    for (int i = 0; i < SampleTargets.CHANNELS.size(); i++) {
      assertThat(channels.get(i).id()).isEqualTo(SampleTargets.CHANNELS.get(i).id());
      assertThat(channels.get(i).username()).isEqualTo(SampleTargets.CHANNELS.get(i).username());
    }
    Set<String> channelIds = new HashSet<>();
    channels.forEach(c -> channelIds.add(c.id()));
    assertThat(posts).allSatisfy(p -> {
      assertThat(channelIds).contains(p.channelId());
      assertThat(p.date()).isBetween(CorpusGenerator.FROM, CorpusGenerator.TO.minusNanos(1));
    });
    assertThat(posts.stream().map(Post::id).distinct().count()).isEqualTo(25_000);
    // ~2 % target content, a known share.
    assertThat(s.targetPosts()).isBetween(350L, 650L);
    long targetChannelPosts = posts.stream().filter(p -> p.channelId().startsWith("t-")).count();
    assertThat(targetChannelPosts).isBetween(150L, 350L);
    assertThat(posts.stream().filter(p -> p.mediaSha256().contains(SampleTargets.REJECTED_MEDIA)).count()).isEqualTo(2);
    // Zipf: the biggest ordinary channel posts far more than the median one.
    long top = posts.stream().filter(p -> p.channelId().equals("c-1")).count();
    long mid = posts.stream().filter(p -> p.channelId().equals("c-60")).count();
    assertThat(top).isGreaterThan(20 * Math.max(1, mid));
    // Languages and features.
    String all = String.join("\n", posts.stream().limit(5000).map(Post::text).toList());
    for (String letter : List.of("ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "і")) assertThat(all).contains(letter);
    assertThat(all).contains("#", "@", "https://", "Алматы", "the ");
    long highFraud = posts.stream().filter(p -> p.flags().getOrDefault("fraud", 0.0) >= 0.9).count();
    long lowFraud = posts.stream().filter(p -> p.flags().getOrDefault("fraud", 1.0) < 0.1).count();
    assertThat(lowFraud).isGreaterThan(20_000);
    assertThat(highFraud).isBetween(10L, 500L);
    String targets = String.join("\n", posts.stream().filter(p -> p.channelId().startsWith("t-")).map(Post::text).toList());
    assertThat(targets).contains("[.]").contains("\u200B");
  }

  @Test
  void sizesAreChecked() {
    assertThatThrownBy(() -> CorpusGenerator.of(999, 20, 1)).hasMessage("--posts must be between 1000 and 5000000, not 999");
    assertThatThrownBy(() -> CorpusGenerator.of(1000, 0, 1)).hasMessage("--channels must be between 1 and the number of posts, not 0");
  }
}
