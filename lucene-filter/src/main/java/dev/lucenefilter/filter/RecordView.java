package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.ExtractedLinks;
import dev.lucenefilter.text.LinkExtractor;
import dev.lucenefilter.text.LinkFinding;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.TextNormalizer;
import dev.lucenefilter.text.Tokens;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record as filters see it, with its two sides (docs/reference.md §2, {@code target}):
 *
 * <ul>
 *   <li>the <b>post side</b> (posts only): the post's text, links, media, flags, and its own {@code channel_id}
 *       and {@code channel_username};</li>
 *   <li>the <b>channel side</b>: the channel record's id, username, title, description and flags. For a post
 *       it is the post's channel: its {@code channel_id}, its {@code channel_username} (which counts the same as
 *       the channel record's username) and, when the channel record is known, that record.</li>
 * </ul>
 *
 * <p>Normalized words and extracted links are computed once, on first use; the channel side's once per distinct
 * title and description, shared by the channel's posts. Not thread-safe.
 */
public final class RecordView {
  /** Which kind of record this is. */
  public enum Kind { POST, CHANNEL }

  private final Kind kind;
  private final Post post;
  private final Channel channel;
  private Tokens postTokens;
  private ExtractedLinks postLinks;
  private ChannelText channelText;
  private List<LinkFinding> postFindings;
  private Set<String> postSuffixes;

  private RecordView(Kind kind, Post post, Channel channel) {
    this.kind = kind;
    this.post = post;
    this.channel = channel;
  }

  /** A post, with its channel record when known ({@code channel} may be null). */
  public static RecordView post(Post post, Channel channel) {
    Objects.requireNonNull(post, "post");
    if (channel != null && !channel.id().equals(post.channelId())) {
      throw new IllegalArgumentException("channel " + channel.id() + " is not the channel of post " + post.id());
    }
    return new RecordView(Kind.POST, post, channel);
  }

  /** A channel record. */
  public static RecordView channel(Channel channel) {
    return new RecordView(Kind.CHANNEL, null, Objects.requireNonNull(channel, "channel"));
  }

  public Kind kind() { return kind; }

  /** The post, or null for a channel record. */
  public Post post() { return post; }

  /** The channel record: the record itself, or the post's channel when known; null otherwise. */
  public Channel channel() { return channel; }

  /** The record's id. */
  public String id() { return kind == Kind.POST ? post.id() : channel.id(); }

  /** The channel id: the post's {@code channel_id}, or the channel's own id. Same on both sides. */
  public String channelId() { return kind == Kind.POST ? post.channelId() : channel.id(); }

  /** True when the record has a post side. */
  public boolean hasPostSide() { return kind == Kind.POST; }

  /** Usernames seen on the post side: the post's own {@code channel_username}, if any. */
  public Set<String> postSideUsernames() {
    return kind == Kind.POST && !post.channelUsername().isEmpty() ? Set.of(post.channelUsername()) : Set.of();
  }

  /** Usernames seen on the channel side: the channel record's username and, for a post, its channel_username. */
  public Set<String> channelSideUsernames() {
    Set<String> out = new LinkedHashSet<>(2);
    if (channel != null && !channel.username().isEmpty()) out.add(channel.username());
    if (kind == Kind.POST && !post.channelUsername().isEmpty()) out.add(post.channelUsername());
    return out;
  }

  /** The post text's words (steps 1–5); empty for a channel. */
  public Tokens postTokens() {
    if (postTokens == null) postTokens = TextNormalizer.standard().tokenize(kind == Kind.POST ? post.text() : "");
    return postTokens;
  }

  /** Domains and mentions of the post's text and links; empty for a channel. */
  public ExtractedLinks postLinks() {
    if (postLinks == null) postLinks = LinkExtractor.of(postLinkFindings());
    return postLinks;
  }

  /** Every domain and mention of the post with where it was found (for explanations); empty for a channel. */
  public List<LinkFinding> postLinkFindings() {
    if (postFindings == null) postFindings = kind == Kind.POST ? LinkExtractor.find(post.text(), post.links()) : List.of();
    return postFindings;
  }

  /** The channel title's words; empty when the channel record is unknown. */
  public Tokens titleTokens() { return channelText().title; }

  /** The channel description's words; empty when the channel record is unknown. */
  public Tokens descriptionTokens() { return channelText().description; }

  /** Domains in the channel's title and description; empty when the channel record is unknown. */
  public Set<String> channelDomains() { return channelText().links.domains(); }

  /** Every label-boundary suffix of every post-side domain (see {@link Domains#suffixes}), computed once. */
  public Set<String> postDomainSuffixes() {
    if (postSuffixes == null) postSuffixes = suffixesOf(postLinks().domains());
    return postSuffixes;
  }

  /** Every label-boundary suffix of every channel-side domain. */
  public Set<String> channelDomainSuffixes() { return channelText().suffixes; }

  private static Set<String> suffixesOf(Set<String> domains) {
    if (domains.isEmpty()) return Set.of();
    Set<String> out = new LinkedHashSet<>();
    for (String d : domains) out.addAll(Domains.suffixes(d));
    return out;
  }

  /**
   * A text of the record with its words: what word rules (phrases, regexes) read.
   *
   * @param tokens its words
   * @param text   the original text the tokens' offsets point into
   * @param where  its name in explanations: {@code text}, {@code channel title}, {@code channel description}
   * @param side   the side of the record it belongs to
   */
  public record WordSource(Tokens tokens, String text, String where, MatchSink.Side side) {}

  /**
   * The non-empty texts word rules read: the post text (post side), and the channel's title and description
   * (channel side) when the channel record is known.
   */
  public List<WordSource> wordSources() {
    List<WordSource> out = new java.util.ArrayList<>(3);
    if (kind == Kind.POST && postTokens().size() > 0) {
      out.add(new WordSource(postTokens(), post.text(), "text", MatchSink.Side.POST));
    }
    if (channel != null) {
      if (titleTokens().size() > 0) out.add(new WordSource(titleTokens(), channel.title(), "channel title", MatchSink.Side.CHANNEL));
      if (descriptionTokens().size() > 0) {
        out.add(new WordSource(descriptionTokens(), channel.description(), "channel description", MatchSink.Side.CHANNEL));
      }
    }
    return out;
  }

  /** Flags of the post side (empty for a channel). */
  public Map<String, Double> postFlags() { return kind == Kind.POST ? post.flags() : Map.of(); }

  /** Flags of the channel side (empty when the channel record is unknown). */
  public Map<String, Double> channelFlags() { return channel == null ? Map.of() : channel.flags(); }

  /** Media hashes of the post (empty for a channel). */
  public List<String> media() { return kind == Kind.POST ? post.mediaSha256() : List.of(); }

  /**
   * Calls {@code sink} for every match of {@code m} in {@code src}, one of {@link #wordSources}. A channel-side
   * source replays the matches kept with its channel text for the last matcher asked: the channel's posts share
   * them, so the title and description are matched once per matcher, not once per post.
   */
  public void matchPhrases(PhraseMatcher m, WordSource src, PhraseMatcher.Sink sink) {
    if (src.side() == MatchSink.Side.POST) {
      m.match(src.tokens(), sink);
      return;
    }
    ChannelText t = channelText();
    PhraseHits hits = t.hits;
    if (hits == null || hits.matcher != m) {
      t.hits = hits = new PhraseHits(m, PhraseHits.of(m, t.title), PhraseHits.of(m, t.description));
    }
    for (PhraseHits.Hit h : src.tokens() == t.title ? hits.title : hits.description) {
      sink.match(h.ruleId(), h.start(), h.end());
    }
  }

  /** The domains a channel record contributes: those in its title and its description. */
  public static ExtractedLinks channelLinksOf(Channel c) { return ChannelText.of(c.title(), c.description()).links; }

  private ChannelText channelText() {
    if (channelText == null) {
      channelText = channel == null ? ChannelText.of("", "") : ChannelText.of(channel.title(), channel.description());
    }
    return channelText;
  }

  /**
   * What a channel's title and description yield (words, domains, their suffixes, phrase matches): a function of
   * the two texts alone, so a channel's posts share one, and an edited channel (other texts) never meets a stale
   * one. Kept in a small direct-mapped table; immutable but for {@link #hits}, which is replaced whole.
   */
  private static final class ChannelText {
    /** Table size (a power of two) and the longest texts kept: bounds the table's memory to a few megabytes. */
    private static final int SLOTS = 512, MAX_CHARS = 4096;
    private static final ChannelText[] TABLE = new ChannelText[SLOTS];
    final String titleText, descriptionText;
    final Tokens title, description;
    final ExtractedLinks links;
    final Set<String> suffixes;
    volatile PhraseHits hits;

    private ChannelText(String title, String description) {
      titleText = title;
      descriptionText = description;
      this.title = TextNormalizer.standard().tokenize(title);
      this.description = TextNormalizer.standard().tokenize(description);
      // The description scanned as a second source: what a scan finds does not depend on its source's name.
      links = LinkExtractor.extract(title, List.of(description));
      suffixes = suffixesOf(links.domains());
    }

    static ChannelText of(String title, String description) {
      if (title.length() + description.length() > MAX_CHARS) return new ChannelText(title, description);
      int h = title.hashCode() * 31 + description.hashCode();
      int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
      ChannelText t = TABLE[slot];
      if (t == null || !t.titleText.equals(title) || !t.descriptionText.equals(description)) {
        TABLE[slot] = t = new ChannelText(title, description);
      }
      return t;
    }
  }

  /** One matcher's phrase matches in a channel's title and description. */
  private record PhraseHits(PhraseMatcher matcher, List<Hit> title, List<Hit> description) {
    record Hit(String ruleId, int start, int end) {}

    static List<Hit> of(PhraseMatcher m, Tokens tokens) {
      List<Hit> out = new java.util.ArrayList<>();
      m.match(tokens, (id, s, e) -> out.add(new Hit(id, s, e)));
      return List.copyOf(out);
    }
  }
}
