package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.ingest.AbstractProcessor;
import org.opensearch.ingest.IngestDocument;

/**
 * The {@code lucene_filter} ingest processor: the library's index-time hook inside OpenSearch. It reads the
 * document as a record in the library's input format (a post when it has {@code channel_id}, else a channel;
 * an explicit {@code "kind": "post"|"channel"} wins), validates it as {@code lucene-filter index} does, runs
 * {@link PolicyIndexHook} (a rejection is written to the rejection log exactly as the library writes it: time,
 * kind, id, rules, policy version, no content), and replaces the document with the library's field layout
 * ({@link RecordFields}), the tags the filters asked for, id {@code kind:id} and routing by channel id (a channel
 * and its posts share a shard, so a channel-side match hides its posts there).
 *
 * <p>A record an active {@code reject} rule matches is written as its tombstone ({@link RecordFields#tombstone}:
 * id and rule ids, no content) under the record's document id: the request succeeds, a stored version of the
 * record is replaced (failing the write would leave it searchable), and the tombstone is hidden in every
 * jurisdiction. A channel's tombstone also hides the channel's posts, stored before or after, until an admitted
 * version of the channel replaces it (as the library's {@code ContentIndex} does). The rejection log is where a
 * rejection is reported.
 */
final class RecordProcessor extends AbstractProcessor {
  static final String TYPE = "lucene_filter";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METADATA =
      Arrays.stream(IngestDocument.Metadata.values()).map(IngestDocument.Metadata::getFieldName).collect(Collectors.toUnmodifiableSet());

  private final PolicyIndexHook hook;
  private final NodePolicy policy;
  private final RecordStamp stamps;

  RecordProcessor(String tag, String description, PolicyIndexHook hook, NodePolicy policy, RecordStamp stamps) {
    super(tag, description);
    this.hook = hook;
    this.policy = policy;
    this.stamps = stamps;
  }

  @Override
  public String getType() { return TYPE; }

  @Override
  public IngestDocument execute(IngestDocument doc) throws Exception {
    if (policy.serving() == null) {
      throw new OpenSearchStatusException("lucene-filter: this node has no policy yet: refusing to index", RestStatus.SERVICE_UNAVAILABLE);
    }
    Map<String, Object> all = doc.getSourceAndMetadata();
    Map<String, Object> source = new LinkedHashMap<>();
    for (var e : all.entrySet()) if (!e.getKey().startsWith("_")) source.put(e.getKey(), e.getValue());
    for (String derived : List.of(FilterFields.NWORDS, FilterFields.RWORDS)) {
      if (source.containsKey(derived)) {
        // A stored document fed back (_update_by_query, _reindex between filtered indices): its media hashes and
        // flags are under the stored names (media, flag), which a record does not have, so reading it as a record
        // would drop them and store it unchecked against media and classifier rules.
        throw new IllegalArgumentException("lucene-filter: the document has field [" + derived + "] of the index's stored"
            + " layout: it is a stored document, not a record; index the record from its source instead");
      }
    }
    if (source.containsKey(RecordStamp.FIELD)) {
      // Only this processor writes it. Its output replaces the input, so a stamp sent in would not survive anyway;
      // refusing it says plainly that a document cannot vouch for itself.
      throw new IllegalArgumentException("lucene-filter: the document has field [" + RecordStamp.FIELD + "], which only"
          + " the [" + TYPE + "] processor writes; send the record without it");
    }
    Object kindValue = source.remove(FilterFields.KIND);
    String kind = kindValue != null ? kindValue.toString()
        : source.containsKey(FilterFields.CHANNEL_ID) ? FilterFields.KIND_POST : FilterFields.KIND_CHANNEL;
    String json = JSON.writeValueAsString(source);
    Map<String, Object> fields;
    String id;
    String routing;
    try {
      if (FilterFields.KIND_POST.equals(kind)) {
        Post p = RecordJson.parsePost("document", json);
        IndexTimeHook.Verdict v = hook.inspect(p);
        // Failing the write would leave a stored version of the post in place; the tombstone replaces it.
        fields = v instanceof IndexTimeHook.Reject r ? RecordFields.tombstone(FilterFields.KIND_REJECTED_POST, p.id(), r.ruleIds())
            : RecordFields.post(p, ((IndexTimeHook.Admit) v).tags());
        id = p.id();
        routing = p.channelId();
      } else if (FilterFields.KIND_CHANNEL.equals(kind)) {
        Channel c = RecordJson.parseChannel("document", json);
        IndexTimeHook.Verdict v = hook.inspect(c);
        // A 422 would leave the channel's posts (stored before or after) with nothing to match them: a post holds
        // its channel's id, not its title or flags. The tombstone is what hides them, so it is what gets written.
        fields = v instanceof IndexTimeHook.Reject r ? RecordFields.tombstone(FilterFields.KIND_REJECTED_CHANNEL, c.id(), r.ruleIds())
            : RecordFields.channel(c, ((IndexTimeHook.Admit) v).tags());
        id = c.id();
        routing = c.id();
      } else {
        throw new IllegalArgumentException("kind must be 'post' or 'channel', not '" + kind + "'");
      }
    } catch (RecordFormatException e) {
      throw new IllegalArgumentException("lucene-filter: invalid record: " + e.getMessage(), e);
    }
    // Everything but the request's metadata goes, "_"-named source fields included: the stamp covers the whole
    // stored source, so the shard would refuse a document that kept anything the processor did not write.
    for (String key : List.copyOf(all.keySet())) if (!METADATA.contains(key)) all.remove(key);
    String uid = RecordFields.uid(kind, id);
    fields.put(RecordStamp.FIELD, stamps.stamp(uid, routing, fields));
    all.putAll(fields);
    doc.setFieldValue(IngestDocument.Metadata.ID.getFieldName(), uid);
    doc.setFieldValue(IngestDocument.Metadata.ROUTING.getFieldName(), routing);
    return doc;
  }
}
