package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RejectedChannels;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

/**
 * The channels a {@link ContentIndex} remembers as rejected at index time, kept in memory as a mirror of the
 * tombstones it writes ({@link RejectedChannels}): loaded from the index when the writer opens (so later runs know
 * the rejections of earlier ones), updated with each write in the same writer transaction, and reloaded after a
 * rollback. Only ids and rule ids: a few bytes per rejected channel. Thread-safe for reads; writes happen under
 * the index's write lock.
 */
final class ChannelRejections {
  private final Map<String, List<String>> rulesById = new ConcurrentHashMap<>();

  /** Replaces what is remembered with the live tombstones of {@code reader}. */
  void reload(IndexReader reader) throws IOException {
    Map<String, RejectedChannels.Tombstone> all = RejectedChannels.all(reader);
    rulesById.clear();
    all.forEach((id, t) -> rulesById.put(id, t.rules()));
  }

  /** The rules that rejected the channel, or null when it was not rejected. */
  List<String> rules(String channelId) { return rulesById.get(channelId); }

  /** Writes the channel's tombstone (replacing an older one) in the writer's current transaction. */
  void rejected(IndexWriter writer, String channelId, List<String> ruleIds) throws IOException {
    writer.updateDocument(term(channelId), DocumentFactory.tombstone(channelId, ruleIds));
    rulesById.put(channelId, List.copyOf(ruleIds));
  }

  /** The channel's record was admitted: it is judged on that record from now on, so its tombstone goes. */
  void admitted(IndexWriter writer, String channelId) throws IOException {
    if (rulesById.remove(channelId) != null) writer.deleteDocuments(term(channelId));
  }

  /** A copy, sorted by channel id. */
  Map<String, List<String>> copy() { return new TreeMap<>(rulesById); }

  private static Term term(String channelId) {
    return new Term(Fields.UID, Fields.uid(FilterFields.KIND_REJECTED_CHANNEL, channelId));
  }
}
