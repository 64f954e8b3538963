package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import java.io.IOException;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;

/**
 * A record as stored in the index: its key and its {@link FilterFields#SOURCE} JSON, from which the original {@link
 * Post} or {@link Channel} is rebuilt exactly. The one decoder of stored records: search results, explanations,
 * impact reports and the phrase filter's verification all read records back through it. Immutable.
 */
public record StoredRecord(String kind, String id, String channelId, String json) {
  private static final Set<String> WORD_FIELDS = Set.of(FilterFields.KIND, FilterFields.ID, FilterFields.CHANNEL_ID,
      FilterFields.TEXT, FilterFields.TITLE, FilterFields.DESCRIPTION);

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

  /**
   * What word rules read of a document, from its stored display fields (cheaper than parsing the whole record): a
   * post's text, or a channel's title and description.
   */
  static RecordView wordView(StoredFields stored, int doc) throws IOException {
    Document d = stored.document(doc, WORD_FIELDS);
    String kind = d.get(FilterFields.KIND);
    String id = d.get(FilterFields.ID);
    if (kind == null || id == null) {
      throw new IllegalStateException("document " + doc
          + " has no stored kind and id: the index was not built by lucene-filter");
    }
    if (FilterFields.KIND_POST.equals(kind)) {
      return RecordView.post(Post.of(id, d.get(FilterFields.CHANNEL_ID), orEmpty(d.get(FilterFields.TEXT))), null);
    }
    return RecordView.channel(new Channel(id, "", orEmpty(d.get(FilterFields.TITLE)),
        orEmpty(d.get(FilterFields.DESCRIPTION)), "", 0, null, null));
  }

  private static String orEmpty(String s) { return s == null ? "" : s; }
}
