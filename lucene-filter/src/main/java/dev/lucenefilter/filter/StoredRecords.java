package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;

/**
 * Reads back what word rules read of a segment's documents (their stored display fields), for the filters that
 * verify candidates against the reference semantics. One instance per segment and thread. Whole records are read
 * by {@link StoredRecord}.
 */
final class StoredRecords {
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
}
