package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.ExtractedLinks;
import dev.lucenefilter.text.LinkExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record as an OpenSearch document of the plugin's mapping ({@code lucene-filter-mapping.json}): the same
 * field names, values and analysis the library's own index writes (its {@code Fields} schema), so the library's
 * filters read a shard exactly as they read a {@code ContentIndex} segment. Exact fields ({@code kind}, {@code
 * id}, {@code channel_id}, {@code username}) are single-token text fields stored as strings (the filters read
 * them back as stored strings); {@code nwords}/{@code rwords} carry the text for the library's analyzers; domain
 * suffixes and mentions come from the library's link extraction. Stateless.
 */
final class RecordFields {
  private RecordFields() {}

  /** The document id: {@code kind:id}, unique in the index as the library's {@code uid}. */
  static String uid(String kind, String id) { return kind + ":" + id; }

  static Map<String, Object> post(Post p, List<String> tags) {
    Map<String, Object> d = common(FilterFields.KIND_POST, p.id(), p.channelId(), p.channelUsername(), tags, p.flags());
    d.put(FilterFields.TEXT, p.text());
    d.put(FilterFields.NWORDS, List.of(p.text()));
    d.put(FilterFields.RWORDS, List.of(p.text()));
    extracted(d, LinkExtractor.extract(p.text(), p.links()));
    d.put(FilterFields.MEDIA, List.copyOf(new LinkedHashSet<>(p.mediaSha256())));
    d.put("links", p.links());
    d.put("date", p.date().toString());
    d.put("views", p.views());
    return d;
  }

  static Map<String, Object> channel(Channel c, List<String> tags) {
    Map<String, Object> d = common(FilterFields.KIND_CHANNEL, c.id(), c.id(), c.username(), tags, c.flags());
    d.put(FilterFields.TITLE, c.title());
    d.put(FilterFields.DESCRIPTION, c.description());
    // Two values: the mapping's position gap (100, as the library's) keeps a phrase from spanning both.
    d.put(FilterFields.NWORDS, List.of(c.title(), c.description()));
    d.put(FilterFields.RWORDS, List.of(c.title(), c.description()));
    extracted(d, RecordView.channelLinksOf(c));
    d.put("language", c.language());
    d.put("date", c.created().toString());
    d.put("subscribers", c.subscribers());
    return d;
  }

  /**
   * The tombstone of a record a reject rule matched: kind {@code rejected_channel} or {@code rejected_post}, the
   * record's id and the rule ids, nothing of its content. Written under the record's own document id, so it replaces
   * a stored version of the record, and an admitted version later replaces it. The library's exclusion sets hide
   * every tombstone in every jurisdiction; a channel's tombstone also hides the channel's posts (its {@code
   * RejectedChannels} reads it back).
   */
  static Map<String, Object> tombstone(String tombstoneKind, String id, List<String> ruleIds) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(FilterFields.KIND, tombstoneKind);
    d.put(FilterFields.ID, id);
    d.put(FilterFields.REJECTED_BY, List.copyOf(ruleIds));
    return d;
  }

  private static Map<String, Object> common(String kind, String id, String channelId, String username, List<String> tags,
      Map<String, Double> flags) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(FilterFields.KIND, kind);
    d.put(FilterFields.ID, id);
    d.put(FilterFields.CHANNEL_ID, channelId);
    if (!username.isEmpty()) d.put(FilterFields.USERNAME, username);
    if (!tags.isEmpty()) d.put(FilterFields.TAG, List.copyOf(new LinkedHashSet<>(tags)));
    if (!flags.isEmpty()) {
      Map<String, Object> f = new LinkedHashMap<>();
      for (var e : flags.entrySet()) f.put(e.getKey(), e.getValue());
      // Object "flag" with sub-field "fraud" is the Lucene field "flag.fraud": the library's flag field.
      d.put(FilterFields.FLAG_PREFIX.substring(0, FilterFields.FLAG_PREFIX.length() - 1), f);
    }
    return d;
  }

  private static void extracted(Map<String, Object> d, ExtractedLinks links) {
    Set<String> suffixes = new LinkedHashSet<>();
    for (String domain : links.domains()) suffixes.addAll(Domains.suffixes(domain));
    if (!suffixes.isEmpty()) d.put(FilterFields.DOMAIN, new ArrayList<>(suffixes));
    if (!links.mentions().isEmpty()) d.put(FilterFields.MENTION, new ArrayList<>(links.mentions()));
  }
}
