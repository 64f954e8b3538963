package dev.lucenefilter.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One-line JSON for {@link Post}s and {@link Channel}s in the field names of docs/reference.md §1, and back.
 *
 * <p>Guarantees: the output is one line (no raw line breaks; Jackson escapes them inside strings), every field is
 * written (defaults included), flags in name order, so the same record always gives the same bytes; doubles are
 * written with {@link Double#toString} and so read back to the identical value. {@link #parsePost}/{@link
 * #parseChannel} apply exactly the validation of {@link RecordReader}: {@code parsePost(toJson(p)).equals(p)}.
 * Thread-safe (the static methods); a {@link LineWriter} belongs to one thread.
 */
public final class RecordJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RecordJson() {}

  /** The post as one line of JSON, without a line break. */
  public static String toJson(Post post) {
    return toJson(128 + post.text().length(), g -> write(g, post));
  }

  /** The channel as one line of JSON, without a line break. */
  public static String toJson(Channel channel) {
    return toJson(128 + channel.description().length(), g -> write(g, channel));
  }

  private static String toJson(int sizeHint, Body body) {
    StringWriter w = new StringWriter(sizeHint);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** Parses one JSON object as {@link RecordReader} parses a line; errors read {@code SOURCE:1: field 'F': problem}. */
  public static Post parsePost(String source, String json) throws RecordFormatException {
    return RecordReader.parse(source, 1, json, RecordReader::parsePost);
  }

  /** Parses one JSON object into a channel; see {@link #parsePost}. */
  public static Channel parseChannel(String source, String json) throws RecordFormatException {
    return RecordReader.parse(source, 1, json, RecordReader::parseChannel);
  }

  /** A JSON Lines writer over {@code out}: one record per line. Closing it closes {@code out}. */
  public static LineWriter lineWriter(Writer out) {
    return new LineWriter(out);
  }

  /** Writes records as JSON Lines through one reused generator; not thread-safe. */
  public static final class LineWriter implements Closeable {
    private final Writer out;
    private final JsonGenerator g;

    private LineWriter(Writer out) {
      this.out = out;
      try {
        // The root separator is what ends each line; records never contain a raw line break.
        this.g = JSON.createGenerator(out).setRootValueSeparator(null)
            // Flushing the generator per record must not flush the file: that would be one write call per record.
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Appends one post and a line break. */
    public void write(Post post) throws IOException { line(g -> RecordJson.write(g, post)); }

    /** Appends one channel and a line break. */
    public void write(Channel channel) throws IOException { line(g -> RecordJson.write(g, channel)); }

    private void line(Body body) throws IOException {
      body.write(g);
      g.flush();
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      g.close();
      out.close();
    }
  }

  private static void write(JsonGenerator g, Post p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    // Absent rather than empty: the reader refuses an empty id, and absent reads back as no channel.
    if (!p.channelId().isEmpty()) g.writeStringField("channel_id", p.channelId());
    g.writeStringField("channel_username", p.channelUsername());
    g.writeStringField("text", p.text());
    g.writeStringField("date", p.date().toString());
    g.writeNumberField("views", p.views());
    writeStrings(g, "links", p.links());
    writeStrings(g, "media_sha256", p.mediaSha256());
    writeFlags(g, p.flags());
    g.writeEndObject();
  }

  private static void write(JsonGenerator g, Channel c) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("username", c.username());
    g.writeStringField("title", c.title());
    g.writeStringField("description", c.description());
    g.writeStringField("language", c.language());
    g.writeNumberField("subscribers", c.subscribers());
    g.writeStringField("created", c.created().toString());
    writeFlags(g, c.flags());
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  private static void writeFlags(JsonGenerator g, Map<String, Double> flags) throws IOException {
    g.writeObjectFieldStart("flags");
    // Map.copyOf iterates in a per-JVM random order; sorting keeps the bytes deterministic.
    for (var e : new TreeMap<>(flags).entrySet()) g.writeNumberField(e.getKey(), e.getValue());
    g.writeEndObject();
  }
}
