package dev.lucenefilter.opensearch;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/**
 * The cluster's secret for {@link RecordStamp}: 32 random bytes the elected cluster manager draws once, when the
 * cluster state has none (a new cluster, or one upgraded from a plugin build without stamps). Guarantees: every node
 * sees the same key (it is published in the cluster state); it survives a full-cluster restart (persisted by the
 * gateway); it is never rendered by {@code _cluster/state} or any other API, and never written into a snapshot (its
 * only XContent context is {@code GATEWAY}, and it writes itself only there). It is kept apart from {@link
 * PolicyMetadata}, which {@code _cluster/state} shows to operators, so that a policy put neither sees nor changes it.
 * Immutable.
 */
public final class StampKeyMetadata extends PluginCustomMetadata {
  /** Name in the cluster state. */
  public static final String TYPE = "lucene_filter_stamp_key";
  private static final int BYTES = 32;

  private final byte[] key;

  private StampKeyMetadata(byte[] key) {
    super(TYPE);
    if (key.length != BYTES) throw new IllegalArgumentException("a stamp key has " + BYTES + " bytes, not " + key.length);
    this.key = key.clone();
  }

  public StampKeyMetadata(StreamInput in) throws IOException {
    this(in.readByteArray());
  }

  /** A new random key. */
  static StampKeyMetadata generate() {
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    return new StampKeyMetadata(key);
  }

  /** Reads a diff (this custom is small and replaced whole). */
  public static NamedDiff<Metadata.Custom> readDiffFrom(StreamInput in) throws IOException {
    return readDiffFrom(Metadata.Custom.class, TYPE, in);
  }

  byte[] key() { return key.clone(); }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    out.writeByteArray(key);
  }

  @Override
  public EnumSet<Metadata.XContentContext> context() {
    // Not API (_cluster/state would show it to anyone allowed that endpoint) and not SNAPSHOT (a restore into
    // another cluster would share its key): only the gateway's copy on the nodes' own disks.
    return EnumSet.of(Metadata.XContentContext.GATEWAY);
  }

  @Override
  public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
    // Should a caller render customs regardless of context(), it gets nothing. Losing the key this way costs
    // nothing lasting: a cluster without one draws another, and stored documents are never checked again.
    if (!Metadata.CONTEXT_MODE_GATEWAY.equals(params.param(Metadata.CONTEXT_MODE_PARAM))) return builder;
    return builder.field("key", Base64.getEncoder().encodeToString(key));
  }

  /** Parses what {@link #toXContent} wrote (the gateway's copy). */
  public static StampKeyMetadata fromXContent(XContentParser parser) throws IOException {
    String key = null;
    String field = null;
    XContentParser.Token token;
    if (parser.currentToken() == null) parser.nextToken();
    while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT && token != null) {
      if (token == XContentParser.Token.FIELD_NAME) {
        field = parser.currentName();
      } else if ("key".equals(field) && token == XContentParser.Token.VALUE_STRING) {
        key = parser.text();
      } else if (token == XContentParser.Token.START_OBJECT || token == XContentParser.Token.START_ARRAY) {
        parser.skipChildren();
      }
    }
    if (key == null) throw new IOException(TYPE + " metadata without a key");
    return new StampKeyMetadata(Base64.getDecoder().decode(key));
  }

  @Override
  public boolean equals(Object o) { return o instanceof StampKeyMetadata m && Arrays.equals(m.key, key); }

  @Override
  public int hashCode() { return Arrays.hashCode(key); }

  @Override
  public String toString() { return TYPE; }
}
