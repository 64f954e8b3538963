package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>A post an active {@code reject} rule matches fails with 422 and the rule ids, and nothing is written. A
 * channel it matches is written as its tombstone instead ({@link RecordFields#tombstone}: id and rule ids, no
 * content) under the channel's document id: the request succeeds, the stored version of the channel is replaced,
 * and the channel's posts, stored before or after, are hidden in every jurisdiction until an admitted version of
 * the channel replaces the tombstone (as the library's {@code ContentIndex} does).
 */
final class RecordProcessor extends AbstractProcessor {
  static final String TYPE = "lucene_filter";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyIndexHook hook;
  private final NodePolicy policy;

  RecordProcessor(String tag, String description, PolicyIndexHook hook, NodePolicy policy) {
    super(tag, description);
    this.hook = hook;
    this.policy = policy;
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
        fields = RecordFields.post(p, admitted(v, kind, p.id()));
        id = p.id();
        routing = p.channelId();
      } else if (FilterFields.KIND_CHANNEL.equals(kind)) {
        Channel c = RecordJson.parseChannel("document", json);
        IndexTimeHook.Verdict v = hook.inspect(c);
        // A 422 would leave the channel's posts (stored before or after) with nothing to match them: a post holds
        // its channel's id, not its title or flags. The tombstone is what hides them, so it is what gets written.
        fields = v instanceof IndexTimeHook.Reject r ? RecordFields.tombstone(c.id(), r.ruleIds())
            : RecordFields.channel(c, ((IndexTimeHook.Admit) v).tags());
        id = c.id();
        routing = c.id();
      } else {
        throw new IllegalArgumentException("kind must be 'post' or 'channel', not '" + kind + "'");
      }
    } catch (RecordFormatException e) {
      throw new IllegalArgumentException("lucene-filter: invalid record: " + e.getMessage(), e);
    }
    for (String key : List.copyOf(all.keySet())) if (!key.startsWith("_")) all.remove(key);
    all.putAll(fields);
    doc.setFieldValue(IngestDocument.Metadata.ID.getFieldName(), RecordFields.uid(kind, id));
    doc.setFieldValue(IngestDocument.Metadata.ROUTING.getFieldName(), routing);
    return doc;
  }

  private static List<String> admitted(IndexTimeHook.Verdict v, String kind, String id) {
    if (v instanceof IndexTimeHook.Reject r) {
      // The message names the record and the rules, never its content (as the rejection log does).
      throw new OpenSearchStatusException("lucene-filter: " + kind + " [" + id + "] rejected by rules " + r.ruleIds(),
          RestStatus.UNPROCESSABLE_ENTITY);
    }
    return ((IndexTimeHook.Admit) v).tags();
  }
}
