package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import org.apache.lucene.document.Document;

/**
 * A record as stored in the index: its key and its {@link FilterFields#SOURCE} JSON, from which the original {@link
 * Post} or {@link Channel} is rebuilt exactly. The one decoder of stored records: search results, explanations and
 * impact reports all read records back through it. Immutable.
 */
public record StoredRecord(String kind, String id, String channelId, String json) {

  /** Reads the stored fields of a document of this schema. */
  public static StoredRecord of(Document doc) {
    return new StoredRecord(doc.get(FilterFields.KIND), doc.get(FilterFields.ID), doc.get(FilterFields.CHANNEL_ID),
        doc.get(FilterFields.SOURCE));
  }

  /** True for a post, false for a channel. */
  public boolean isPost() { return FilterFields.KIND_POST.equals(kind); }

  /** The post; only when {@link #isPost()}. */
  public Post post() {
    if (!isPost()) throw new IllegalStateException(kind + " " + id + " is not a post");
    try {
      return RecordJson.parsePost("index:" + id, json);
    } catch (RecordFormatException e) {
      throw new IllegalStateException("corrupt stored record: " + e.getMessage(), e);
    }
  }

  /** The channel; only when not {@link #isPost()}. */
  public Channel channel() {
    if (isPost()) throw new IllegalStateException(kind + " " + id + " is not a channel");
    try {
      return RecordJson.parseChannel("index:" + id, json);
    } catch (RecordFormatException e) {
      throw new IllegalStateException("corrupt stored record: " + e.getMessage(), e);
    }
  }
}
