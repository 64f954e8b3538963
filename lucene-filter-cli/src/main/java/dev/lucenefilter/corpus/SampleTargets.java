package dev.lucenefilter.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The invented entities that the sample corpus contains and the sample blocklists ({@code blocklists/*.json})
 * target, in one place ({@code sample-targets.json} beside this class) so that both sides line up. Everything
 * there is fictional: every domain ends in {@code .example}, every channel id starts with {@code t-}.
 *
 * <p>The generator puts a small, known share of this content into the corpus (see {@link CorpusGenerator}); the
 * sample blocklists list these values for the jurisdictions where the theme is unlawful. Changing a value there
 * means changing the blocklists too ({@code SampleBlocklistsAlignmentTest} checks it).
 */
public final class SampleTargets {
  private SampleTargets() {}

  /** What a target is about. */
  public enum Theme { GAMBLING, DRUGS, FRAUD, COUNTERFEIT, PIRACY, EXTREMISM, HATE }

  /** A channel whose whole content is about one theme. */
  public record TargetChannel(String id, String username, String title, Theme theme) {}

  /** A domain used in links and text of one theme. */
  public record TargetDomain(String domain, Theme theme) {}

  /** A phrase (plain spelling) of one theme, with its language. */
  public record TargetPhrase(String phrase, String language, Theme theme) {}

  /** A media item whose SHA-256 the blocklists list. */
  public record TargetMedia(String sha256, Theme theme) {}

  /** The layout of {@code sample-targets.json}, in snake case. */
  private record Targets(List<TargetChannel> channels, List<TargetDomain> domains, List<TargetPhrase> phrases,
      List<String> mentionedUsernames, List<TargetMedia> media, String rejectedMedia) {}

  private static final Targets TARGETS = read("sample-targets.json");

  public static final List<TargetChannel> CHANNELS = List.copyOf(TARGETS.channels());
  public static final List<TargetDomain> DOMAINS = List.copyOf(TARGETS.domains());
  public static final List<TargetPhrase> PHRASES = List.copyOf(TARGETS.phrases());
  /** Usernames that target posts mention ({@code @name}, {@code t.me/name}) without being channels here. */
  public static final List<String> MENTIONED_USERNAMES = List.copyOf(TARGETS.mentionedUsernames());
  public static final List<TargetMedia> MEDIA = List.copyOf(TARGETS.media());
  /** The SHA-256 the GLOBAL sample policy rejects at index time (a stand-in for a hash list of illegal material). */
  public static final String REJECTED_MEDIA = Objects.requireNonNull(TARGETS.rejectedMedia());

  private static Targets read(String resource) {
    try (InputStream in = SampleTargets.class.getResourceAsStream(resource)) {
      return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .readValue(in, Targets.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
