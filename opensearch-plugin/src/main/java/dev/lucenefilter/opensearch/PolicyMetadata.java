package dev.lucenefilter.opensearch;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/**
 * The cluster's policy: its files, the policy version the library computes from them, their hash and a serial
 * number that grows with every accepted put. Lives in the cluster state's custom metadata, so the elected
 * cluster manager orders every change, every node receives the same value in the same published state, and the
 * gateway persists it (a restarted or joining node gets it with its first cluster state). Immutable.
 */
public final class PolicyMetadata extends PluginCustomMetadata {
  /** Name in the cluster state. */
  public static final String TYPE = "lucene_filter_policy";

  private final long serial;
  private final String version;
  private final String hash;
  private final PolicyFiles files;

  public PolicyMetadata(long serial, String version, PolicyFiles files) {
    super(TYPE);
    this.serial = serial;
    this.version = Objects.requireNonNull(version);
    this.files = Objects.requireNonNull(files);
    this.hash = files.hash();
  }

  public PolicyMetadata(StreamInput in) throws IOException {
    this(in.readVLong(), in.readString(), new PolicyFiles(new TreeMap<>(in.readMap(StreamInput::readString, StreamInput::readString))));
  }

  /** Reads a diff (this custom is small and replaced whole). */
  public static NamedDiff<Metadata.Custom> readDiffFrom(StreamInput in) throws IOException {
    return readDiffFrom(Metadata.Custom.class, TYPE, in);
  }

  public long serial() { return serial; }

  public String version() { return version; }

  public String hash() { return hash; }

  public PolicyFiles files() { return files; }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    out.writeVLong(serial);
    out.writeString(version);
    out.writeMap(files.files(), StreamOutput::writeString, StreamOutput::writeString);
  }

  @Override
  public EnumSet<Metadata.XContentContext> context() {
    // GATEWAY: persisted on disk, so a full-cluster restart keeps the policy. API: visible in _cluster/state.
    return EnumSet.of(Metadata.XContentContext.API, Metadata.XContentContext.GATEWAY);
  }

  @Override
  public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
    builder.field("serial", serial);
    builder.field("version", version);
    builder.field("hash", hash);
    builder.startObject("files");
    for (var e : files.files().entrySet()) builder.field(e.getKey(), e.getValue());
    builder.endObject();
    return builder;
  }

  /** Parses what {@link #toXContent} wrote (the gateway's copy). */
  public static PolicyMetadata fromXContent(XContentParser parser) throws IOException {
    long serial = 0;
    String version = null;
    SortedMap<String, String> files = new TreeMap<>();
    XContentParser.Token token;
    String field = null;
    if (parser.currentToken() == null) parser.nextToken();
    while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT && token != null) {
      if (token == XContentParser.Token.FIELD_NAME) {
        field = parser.currentName();
      } else if ("files".equals(field) && token == XContentParser.Token.START_OBJECT) {
        for (var e : parser.mapStrings().entrySet()) files.put(e.getKey(), e.getValue());
      } else if ("serial".equals(field)) {
        serial = parser.longValue();
      } else if ("version".equals(field)) {
        version = parser.text();
      } else if (token == XContentParser.Token.START_OBJECT || token == XContentParser.Token.START_ARRAY) {
        parser.skipChildren();
      }
    }
    if (version == null) throw new IOException("lucene_filter_policy metadata without a version");
    return new PolicyMetadata(serial, version, new PolicyFiles(files));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyMetadata m && m.serial == serial && m.version.equals(version) && m.files.equals(files);
  }

  @Override
  public int hashCode() { return Objects.hash(serial, version, files); }
}
