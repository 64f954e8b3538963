package dev.lucenefilter.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams {@link Post}s or {@link Channel}s from a JSON Lines file, one object per line, UTF-8.
 *
 * <p>Guarantees: records come back in file order; blank lines are skipped; a UTF-8 byte order mark at the start
 * of the file is skipped; unknown fields are ignored; instants must lie within {@link Dates#RANGE} and scores be
 * finite ({@code -0.0} reads as {@code 0.0}); every malformed line (bad UTF-8, bad JSON, a missing or mistyped
 * field, a value out of range, a record over {@link RecordLimits}) is reported as a {@link RecordFormatException}
 * naming the file, the 1-based line and the field. With {@link OnError#FAIL} the first such line ends the read;
 * with {@link OnError#SKIP} it is counted ({@link #skipped()}) and handed to the listener, and reading goes on.
 * Not thread-safe: one reader per thread.
 *
 * @param <T> {@link Post} or {@link Channel}
 */
public final class RecordReader<T> implements Closeable {

  /** What a malformed line does to the run. */
  public enum OnError {
    /** The first malformed line ends the read with its error. */
    FAIL,
    /** Malformed lines are skipped and counted. */
    SKIP
  }

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(16)
          .maxStringLength(RecordLimits.MAX_LINE_CHARS)
          .maxNumberLength(64)
          .build())
      .build();

  private final String fileName;
  private final ByteLines in;
  private final LineParser<T> parser;
  private final OnError onError;
  private final Consumer<RecordFormatException> listener;
  private long lineNo;
  private long skipped;

  private RecordReader(String fileName, InputStream stream, LineParser<T> parser, OnError onError,
      Consumer<RecordFormatException> listener) {
    this.fileName = fileName;
    this.in = new ByteLines(stream);
    this.parser = parser;
    this.onError = onError;
    this.listener = listener == null ? e -> {} : listener;
  }

  /** Opens a posts file; {@code skipped} receives the error of each line skipped under {@link OnError#SKIP}. */
  public static RecordReader<Post> posts(Path file, OnError onError, Consumer<RecordFormatException> skipped)
      throws IOException {
    return posts(file.toString(), Files.newInputStream(file), onError, skipped);
  }

  /** Reads posts from a stream (for {@code --input -}); {@code name} is used in error messages. */
  public static RecordReader<Post> posts(String name, InputStream in, OnError onError,
      Consumer<RecordFormatException> skipped) {
    return new RecordReader<>(name, in, RecordReader::parsePost, onError, skipped);
  }

  /** Opens a channels file; see {@link #posts(Path, OnError, Consumer)}. */
  public static RecordReader<Channel> channels(Path file, OnError onError, Consumer<RecordFormatException> skipped)
      throws IOException {
    return new RecordReader<>(file.toString(), Files.newInputStream(file), RecordReader::parseChannel, onError,
        skipped);
  }

  /** Reads every channel of a file, failing on the first malformed line. */
  public static List<Channel> readAllChannels(Path file) throws IOException, RecordFormatException {
    return readAll(channels(file, OnError.FAIL, null));
  }

  /** Reads every post of a file, failing on the first malformed line. */
  public static List<Post> readAllPosts(Path file) throws IOException, RecordFormatException {
    return readAll(posts(file, OnError.FAIL, null));
  }

  private static <R> List<R> readAll(RecordReader<R> reader) throws IOException, RecordFormatException {
    List<R> out = new ArrayList<>();
    try (reader) {
      for (R r; (r = reader.next()) != null; ) out.add(r);
    }
    return out;
  }

  /** The next record, or {@code null} at the end of the file; a malformed line throws under {@link OnError#FAIL}. */
  public T next() throws IOException, RecordFormatException {
    while (true) {
      if (!in.next()) return null;
      lineNo++;
      try {
        String line = in.decode(fileName, lineNo);
        // A byte order mark is legal at the start of a UTF-8 file (some editors write one), as in policy files.
        if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
        if (line.isBlank()) continue;
        return parse(fileName, lineNo, line, parser);
      } catch (RecordFormatException err) {
        if (onError == OnError.FAIL) throw err;
        skipped++;
        listener.accept(err);
      }
    }
  }

  /** Parses one line, a JSON object; errors name {@code source} and {@code lineNo}. */
  static <R> R parse(String source, long lineNo, String line, LineParser<R> parser) throws RecordFormatException {
    if (line.length() > RecordLimits.MAX_LINE_CHARS) {
      throw new RecordFormatException(source, lineNo, null,
          "line longer than " + RecordLimits.MAX_LINE_CHARS + " characters");
    }
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new BadField(null, "expected a JSON object");
      R value = parser.parse(p);
      if (p.nextToken() != null) throw new BadField(null, "unexpected content after the JSON object");
      return value;
    } catch (BadField b) {
      throw new RecordFormatException(source, lineNo, b.field, b.getMessage());
    } catch (JacksonException e) {
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      if (nl >= 0) msg = msg.substring(0, nl);
      var loc = e.getLocation();
      throw new RecordFormatException(source, lineNo, null,
          "invalid JSON" + (loc != null ? " at column " + loc.getColumnNr() : "") + ": " + msg);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file name (or stream name) errors name. */
  public String source() { return fileName; }

  /** 1-based number of the last line read. */
  public long line() { return lineNo; }

  /** Lines skipped as malformed so far. */
  public long skipped() { return skipped; }

  @Override
  public void close() throws IOException { in.close(); }

  /**
   * The lines of a stream as bytes, each decoded on its own as strict UTF-8: a bad byte is an error of its own line
   * (which can be skipped like any other), not of the line a decoder reading ahead happened to be on, and a line
   * too long is refused without being held whole. A line ends at '\n' (a '\r' before it is dropped).
   */
  static final class ByteLines implements Closeable {
    /** Bytes kept of one line: enough for the longest line allowed, at 4 bytes a char. */
    static final int MAX_LINE_BYTES = 4 * RecordLimits.MAX_LINE_CHARS;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private int pos;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean tooLong;

    ByteLines(InputStream in) { this.in = in; }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
      length = 0;
      tooLong = false;
      boolean any = false;
      while (true) {
        if (pos == limit) {
          limit = in.read(chunk, 0, chunk.length);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            return any;
          }
        }
        any = true;
        int end = pos;
        while (end < limit && chunk[end] != '\n') end++;
        append(pos, end);
        if (end < limit) {
          pos = end + 1;
          if (length > 0 && line[length - 1] == '\r') length--;
          return true;
        }
        pos = limit;
      }
    }

    private void append(int from, int to) {
      int n = Math.min(to - from, MAX_LINE_BYTES - length);
      if (n < to - from) tooLong = true;
      if (length + n > line.length) line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + n)));
      System.arraycopy(chunk, from, line, length, n);
      length += n;
    }

    /** The line read last, decoded; errors name {@code source} and {@code lineNo}. */
    String decode(String source, long lineNo) throws RecordFormatException {
      if (tooLong) {
        throw new RecordFormatException(source, lineNo, null,
            "line longer than " + RecordLimits.MAX_LINE_CHARS + " characters");
      }
      ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
      try {
        return utf8.reset().decode(bytes).toString();
      } catch (CharacterCodingException e) {
        throw new RecordFormatException(source, lineNo, null, "not valid UTF-8 (byte " + (bytes.position() + 1)
            + " of the line)");
      }
    }

    @Override
    public void close() throws IOException { in.close(); }
  }

  @FunctionalInterface
  interface LineParser<T> {
    T parse(JsonParser p) throws IOException, BadField;
  }

  /** A malformed field; carries the field path to the reader, which adds file and line. */
  static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    BadField(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  static Post parsePost(JsonParser p) throws IOException, BadField {
    String id = null, channelId = null, channelUsername = null, text = null;
    Instant date = null;
    long views = 0;
    List<String> links = null, media = null;
    Map<String, Double> flags = null;
    boolean[] seen = new boolean[9];
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "id" -> { once(seen, 0, name); id = id(p, name); }
        case "channel_id" -> { once(seen, 1, name); channelId = p.currentToken() == JsonToken.VALUE_NULL ? null : id(p, name); }
        case "channel_username" -> { once(seen, 2, name); channelUsername = optionalString(p, name, RecordLimits.MAX_ID_CHARS); }
        case "text" -> { once(seen, 3, name); text = optionalString(p, name, RecordLimits.MAX_TEXT_CHARS); }
        case "date" -> { once(seen, 4, name); date = instant(p, name); }
        case "views" -> { once(seen, 5, name); views = count(p, name); }
        case "links" -> { once(seen, 6, name); links = strings(p, name, RecordLimits.MAX_LINKS, false); }
        case "media_sha256" -> { once(seen, 7, name); media = strings(p, name, RecordLimits.MAX_MEDIA, true); }
        case "flags" -> { once(seen, 8, name); flags = flags(p, name); }
        default -> p.skipChildren();
      }
    }
    if (id == null) throw new BadField("id", "required field is missing");
    return new Post(id, channelId, channelUsername, text, date, views, links, media, flags);
  }

  static Channel parseChannel(JsonParser p) throws IOException, BadField {
    String id = null, username = null, title = null, description = null, language = null;
    long subscribers = 0;
    Instant created = null;
    Map<String, Double> flags = null;
    boolean[] seen = new boolean[8];
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "id" -> { once(seen, 0, name); id = id(p, name); }
        case "username" -> { once(seen, 1, name); username = optionalString(p, name, RecordLimits.MAX_ID_CHARS); }
        case "title" -> { once(seen, 2, name); title = optionalString(p, name, RecordLimits.MAX_TEXT_CHARS); }
        case "description" -> { once(seen, 3, name); description = optionalString(p, name, RecordLimits.MAX_TEXT_CHARS); }
        case "language" -> { once(seen, 4, name); language = optionalString(p, name, 64); }
        case "subscribers" -> { once(seen, 5, name); subscribers = count(p, name); }
        case "created" -> { once(seen, 6, name); created = instant(p, name); }
        case "flags" -> { once(seen, 7, name); flags = flags(p, name); }
        default -> p.skipChildren();
      }
    }
    if (id == null) throw new BadField("id", "required field is missing");
    return new Channel(id, username, title, description, language, subscribers, created, flags);
  }

  private static void once(boolean[] seen, int i, String name) throws BadField {
    if (seen[i]) throw new BadField(name, "field appears twice");
    seen[i] = true;
  }

  /**
   * {@code s}, refused when an escape left a surrogate unpaired: that is no text, Lucene would store it as U+FFFD,
   * and an id so stored would then name another record than the one read.
   */
  private static String text(String s, String field) throws BadField {
    int i = Utf16.unpairedSurrogateAt(s);
    if (i >= 0) {
      throw new BadField(field,
          String.format("holds an unpaired surrogate \\u%04X at character %d", (int) s.charAt(i), i + 1));
    }
    return s;
  }

  private static String id(JsonParser p, String field) throws IOException, BadField {
    if (p.currentToken() != JsonToken.VALUE_STRING) throw new BadField(field, "expected a string, got " + describe(p));
    String s = text(p.getText(), field);
    if (s.isBlank()) throw new BadField(field, "must not be empty");
    if (s.length() > RecordLimits.MAX_ID_CHARS) throw new BadField(field, "longer than " + RecordLimits.MAX_ID_CHARS + " characters");
    return s;
  }

  private static String optionalString(JsonParser p, String field, int max) throws IOException, BadField {
    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
    if (p.currentToken() != JsonToken.VALUE_STRING) throw new BadField(field, "expected a string, got " + describe(p));
    String s = p.getText();
    if (s.length() > max) throw new BadField(field, "longer than " + max + " characters");
    text(s, field);
    return s;
  }

  private static Instant instant(JsonParser p, String field) throws IOException, BadField {
    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
    if (p.currentToken() != JsonToken.VALUE_STRING) throw new BadField(field, "expected an ISO-8601 instant string, got " + describe(p));
    Instant t;
    try {
      t = Instant.parse(p.getText());
    } catch (DateTimeParseException e) {
      throw new BadField(field, "not an ISO-8601 instant (like 2026-06-01T12:00:00Z): '" + abbreviate(p.getText()) + "'");
    }
    // Checked here, not when indexing: the index stores epoch milliseconds, and a far date would overflow there,
    // after the line had been accepted (by check, and by --on-error skip).
    if (!Dates.inRange(t)) throw new BadField(field, "outside " + Dates.RANGE + ": '" + abbreviate(p.getText()) + "'");
    return t;
  }

  private static long count(JsonParser p, String field) throws IOException, BadField {
    if (p.currentToken() == JsonToken.VALUE_NULL) return 0;
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw new BadField(field, "expected a whole number, got " + describe(p));
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw new BadField(field, "number too large");
    long v = p.getLongValue();
    if (v < 0) throw new BadField(field, "must not be negative, got " + v);
    return v;
  }

  private static List<String> strings(JsonParser p, String field, int max, boolean sha256) throws IOException, BadField {
    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
    if (p.currentToken() != JsonToken.START_ARRAY) throw new BadField(field, "expected an array of strings, got " + describe(p));
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String f = field + "[" + i + "]";
      if (t != JsonToken.VALUE_STRING) throw new BadField(f, "expected a string, got " + describe(p));
      if (out.size() == max) throw new BadField(field, "more than " + max + " entries");
      String s = p.getText();
      if (s.length() > RecordLimits.MAX_ID_CHARS) throw new BadField(f, "longer than " + RecordLimits.MAX_ID_CHARS + " characters");
      text(s, f);
      if (sha256 && !isSha256(s)) throw new BadField(f, "expected 64 hex characters (SHA-256), got '" + abbreviate(s) + "'");
      out.add(s);
    }
    return out;
  }

  private static Map<String, Double> flags(JsonParser p, String field) throws IOException, BadField {
    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
    if (p.currentToken() != JsonToken.START_OBJECT) throw new BadField(field, "expected an object of scores, got " + describe(p));
    Map<String, Double> out = new HashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      String f = field + "." + name;
      p.nextToken();
      if (!p.currentToken().isNumeric()) throw new BadField(f, "expected a number in [0, 1], got " + describe(p));
      double v = p.getValueAsDouble();
      if (!Double.isFinite(v)) throw new BadField(f, "expected a finite number in [0, 1], got " + p.getText());
      if (!(v >= 0 && v <= 1)) throw new BadField(f, "expected a number in [0, 1], got " + p.getText());
      if (name.isEmpty() || name.length() > RecordLimits.MAX_FLAG_NAME_CHARS) {
        throw new BadField(f, "flag names must have 1 to " + RecordLimits.MAX_FLAG_NAME_CHARS + " characters");
      }
      if (out.put(name, v) != null) throw new BadField(f, "flag appears twice");
      if (out.size() > RecordLimits.MAX_FLAGS) throw new BadField(field, "more than " + RecordLimits.MAX_FLAGS + " flags");
    }
    return out;
  }

  private static boolean isSha256(String s) {
    return s.length() == 64 && s.chars().allMatch(HexFormat::isHexDigit);
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case VALUE_STRING -> "the string '" + abbreviate(p.getText()) + "'";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
