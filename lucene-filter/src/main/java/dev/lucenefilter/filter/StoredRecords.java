package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import java.io.IOException;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;

/**
 * Reads records back from the {@link FilterFields#SOURCE} stored field, for the filters that verify candidates
 * against the reference semantics. One instance per segment and thread.
 */
final class StoredRecords {
  private static final Set<String> FIELDS = Set.of(FilterFields.SOURCE, FilterFields.KIND);
  private final StoredFields stored;

  StoredRecords(LeafReader leaf) throws IOException { this.stored = leaf.storedFields(); }

  private static final Set<String> WORD_FIELDS =
      Set.of(FilterFields.KIND, FilterFields.ID, FilterFields.CHANNEL_ID, FilterFields.TEXT, FilterFields.TITLE,
          FilterFields.DESCRIPTION);

  /**
   * What word rules read of a document, from its stored display fields: a post's text, or a channel's title and
   * description (cheaper than parsing the whole stored record).
   */
  RecordView wordView(int doc) throws IOException {
    Document d = stored.document(doc, WORD_FIELDS);
    String kind = d.get(FilterFields.KIND);
    String id = d.get(FilterFields.ID);
    if (kind == null || id == null) {
      throw new IllegalStateException("document " + doc + " has no stored kind and id: the index was not built by lucene-filter");
    }
    if (FilterFields.KIND_POST.equals(kind)) {
      return RecordView.post(Post.of(id, d.get(FilterFields.CHANNEL_ID), orEmpty(d.get(FilterFields.TEXT))), null);
    }
    return RecordView.channel(new Channel(id, "", orEmpty(d.get(FilterFields.TITLE)), orEmpty(d.get(FilterFields.DESCRIPTION)),
        "", 0, null, null));
  }

  private static String orEmpty(String s) { return s == null ? "" : s; }

  /** The record of a document, as a view without its channel record (only its own sides' content). */
  RecordView view(int doc) throws IOException {
    Document d = stored.document(doc, FIELDS);
    String source = d.get(FilterFields.SOURCE);
    String kind = d.get(FilterFields.KIND);
    if (source == null || kind == null) {
      throw new IllegalStateException("document " + doc + " has no stored record: the index was not built by lucene-filter");
    }
    try {
      return FilterFields.KIND_POST.equals(kind)
          ? RecordView.post(RecordJson.parsePost(FilterFields.SOURCE, source), null)
          : RecordView.channel(RecordJson.parseChannel(FilterFields.SOURCE, source));
    } catch (RecordFormatException e) {
      throw new IllegalStateException("stored record of document " + doc + " is unreadable: " + e.getMessage(), e);
    }
  }
}
