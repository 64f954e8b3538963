package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordJson;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.ExtractedLinks;
import dev.lucenefilter.text.LinkExtractor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** Turns records into Lucene documents of the {@link Fields} schema. Stateless, thread-safe. */
final class DocumentFactory {
  /** Display text: analyzed, stored, offsets in the postings so the unified highlighter need not re-analyze. */
  static final FieldType DISPLAY_TEXT = new FieldType(TextField.TYPE_STORED);

  static {
    DISPLAY_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    DISPLAY_TEXT.freeze();
  }

  private DocumentFactory() {}

  static Document post(Post p, List<String> tags) {
    Document d = new Document();
    common(d, FilterFields.KIND_POST, p.id(), p.channelId(), p.channelUsername(), tags, p.flags());
    d.add(new Field(FilterFields.TEXT, p.text(), DISPLAY_TEXT));
    d.add(new TextField(FilterFields.NWORDS, p.text(), Field.Store.NO));
    d.add(new TextField(FilterFields.RWORDS, p.text(), Field.Store.NO));
    extracted(d, LinkExtractor.extract(p.text(), p.links()));
    for (String h : new LinkedHashSet<>(p.mediaSha256())) d.add(new StringField(FilterFields.MEDIA, h, Field.Store.NO));
    d.add(new LongField(Fields.DATE, p.date().toEpochMilli(), Field.Store.YES));
    d.add(new LongField(Fields.VIEWS, p.views(), Field.Store.YES));
    d.add(new StoredField(FilterFields.SOURCE, RecordJson.toJson(p)));
    return d;
  }

  static Document channel(Channel c, List<String> tags) {
    Document d = new Document();
    common(d, FilterFields.KIND_CHANNEL, c.id(), c.id(), c.username(), tags, c.flags());
    d.add(new Field(FilterFields.TITLE, c.title(), DISPLAY_TEXT));
    d.add(new Field(FilterFields.DESCRIPTION, c.description(), DISPLAY_TEXT));
    // Two values: the analyzer's position gap keeps a phrase from spanning title and description.
    for (String field : new String[] {FilterFields.NWORDS, FilterFields.RWORDS}) {
      d.add(new TextField(field, c.title(), Field.Store.NO));
      d.add(new TextField(field, c.description(), Field.Store.NO));
    }
    // Title and description: the channel side of a record, as the reference decision reads it.
    extracted(d, RecordView.channelLinksOf(c));
    d.add(new LongField(Fields.DATE, c.created().toEpochMilli(), Field.Store.YES));
    d.add(new LongField(Fields.SUBSCRIBERS, c.subscribers(), Field.Store.YES));
    d.add(new StoredField(FilterFields.SOURCE, RecordJson.toJson(c)));
    return d;
  }

  /**
   * The tombstone of a channel rejected at index time: its id and the rules, nothing of its content (it was
   * rejected so as never to be stored). Keyed by its own uid, so a channel record with the id can coexist.
   */
  static Document tombstone(String channelId, List<String> ruleIds) {
    Document d = new Document();
    key(d, FilterFields.KIND_REJECTED_CHANNEL, channelId);
    for (String rule : ruleIds) d.add(new StoredField(FilterFields.REJECTED_BY, rule));
    return d;
  }

  /** Kind, id and the unique key every document has. */
  private static void key(Document d, String kind, String id) {
    String uid = Fields.uid(kind, id);
    d.add(new StringField(FilterFields.KIND, kind, Field.Store.YES));
    d.add(new StringField(FilterFields.ID, id, Field.Store.YES));
    d.add(new StringField(Fields.UID, uid, Field.Store.NO));
    d.add(new SortedDocValuesField(Fields.UID, new BytesRef(uid)));
  }

  private static void common(Document d, String kind, String id, String channelId, String username,
      List<String> tags, Map<String, Double> flags) {
    key(d, kind, id);
    d.add(new StringField(FilterFields.CHANNEL_ID, channelId, Field.Store.YES));
    if (!username.isEmpty()) d.add(new StringField(FilterFields.USERNAME, username, Field.Store.YES));
    for (String tag : new LinkedHashSet<>(tags)) d.add(new StringField(FilterFields.TAG, tag, Field.Store.NO));
    for (var e : flags.entrySet()) d.add(new DoubleField(FilterFields.flag(e.getKey()), e.getValue(), Field.Store.YES));
  }

  private static void extracted(Document d, ExtractedLinks links) {
    Set<String> suffixes = new LinkedHashSet<>();
    for (String domain : links.domains()) suffixes.addAll(Domains.suffixes(domain));
    for (String s : suffixes) d.add(new StringField(FilterFields.DOMAIN, s, Field.Store.NO));
    for (String m : links.mentions()) d.add(new StringField(FilterFields.MENTION, m, Field.Store.NO));
  }
}
