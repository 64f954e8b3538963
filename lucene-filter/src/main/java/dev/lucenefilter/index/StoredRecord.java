package dev.lucenefilter.index;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import org.apache.lucene.document.Document;

/**
 * A record as stored in the index: its key and its {@link Fields#SOURCE} JSON, from which the original {@link
 * Post} or {@link Channel} is rebuilt exactly (the filter layer re-evaluates stored records). Immutable.
 */
public record StoredRecord(String kind, String id, String channelId, String json) {

  /** Reads the stored fields of a document of this schema. */
  public static StoredRecord of(Document doc) {
    return new StoredRecord(doc.get(Fields.KIND), doc.get(Fields.ID), doc.get(Fields.CHANNEL_ID),
        doc.get(Fields.SOURCE));
  }

  public boolean isPost() { return Fields.POST.equals(kind); }

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
