package dev.lucenefilter.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lucenefilter.model.Utf16;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON value tree in which every value and every key keeps its {@link SourceLocation}, read with Jackson's
 * streaming parser (databind would lose the locations). Duplicate keys are reported, the later one ignored.
 */
final class JsonTree {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonTree() {}

  sealed interface Node permits Obj, Arr, Str, Num, Bool, Null {
    SourceLocation at();

    /** How the node is called in messages: "an object", "a string", … */
    default String kind() {
      return switch (this) {
        case Obj o -> "an object";
        case Arr a -> "an array";
        case Str s -> "a string";
        case Num n -> "a number";
        case Bool b -> "a boolean";
        case Null n -> "null";
      };
    }
  }

  record Member(String name, SourceLocation keyAt, Node value) {}

  record Obj(SourceLocation at, Map<String, Member> members) implements Node {
    /**
     * The value of {@code field} when it is a {@code type}; null when absent (reported to {@code error} if
     * required) or of another kind (reported as {@code 'FIELD' must be EXPECTED, not KIND}).
     */
    <T extends Node> T get(String field, Class<T> type, String expected, boolean required,
        BiConsumer<SourceLocation, String> error) {
      Member m = members.get(field);
      if (m == null) {
        if (required) error.accept(at, "missing required field '" + field + "'");
        return null;
      }
      if (type.isInstance(m.value())) return type.cast(m.value());
      error.accept(m.value().at(), "'" + field + "' must be " + expected + ", not " + m.value().kind());
      return null;
    }
  }

  record Arr(SourceLocation at, List<Node> items) implements Node {}

  record Str(SourceLocation at, String value) implements Node {}

  record Num(SourceLocation at, double value) implements Node {}

  record Bool(SourceLocation at, boolean value) implements Node {}

  record Null(SourceLocation at) implements Node {}

  /**
   * Parses one JSON document from {@code text}. Problems go to {@code errors}: duplicate keys (the later one is
   * ignored), and invalid JSON or content after the document, for which the result is null.
   */
  static Node parse(String file, String text, Consumer<PolicyError> errors) {
    SourceLocation start = new SourceLocation(file, 1, 1);
    Locator locator = new Locator(file, text);
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return refuse(errors, start, "invalid JSON: the file is empty");
      Node root = read(locator, p, t, errors);
      if (p.nextToken() != null) {
        return refuse(errors, locator.at(p.currentTokenLocation(), 0),
            "invalid JSON: content after the end of the document");
      }
      return root;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      return refuse(errors, locator.at(e.getLocation(), tokenBefore(message)),
          "invalid JSON: " + clean(message));
    } catch (IOException e) {
      return refuse(errors, start, "cannot read: " + e.getMessage());
    }
  }

  private static Node refuse(Consumer<PolicyError> errors, SourceLocation at, String message) {
    errors.accept(PolicyError.at(at, null, message));
    return null;
  }

  private static Node read(Locator locator, JsonParser p, JsonToken t, Consumer<PolicyError> errors)
      throws IOException {
    SourceLocation at = locator.at(p.currentTokenLocation(), 0);
    switch (t) {
      case START_OBJECT -> {
        Map<String, Member> members = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          SourceLocation keyAt = locator.at(p.currentTokenLocation(), 0);
          checkUtf16(name, keyAt, errors);
          Node value = read(locator, p, p.nextToken(), errors);
          if (members.containsKey(name)) {
            errors.accept(PolicyError.at(keyAt, null, "duplicate field '" + name + "'"));
          } else {
            members.put(name, new Member(name, keyAt, value));
          }
        }
        return new Obj(at, members);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          items.add(read(locator, p, v, errors));
        }
        return new Arr(at, items);
      }
      case VALUE_STRING -> {
        String text = p.getText();
        checkUtf16(text, at, errors);
        return new Str(at, text);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> { return new Num(at, p.getDoubleValue()); }
      case VALUE_TRUE -> { return new Bool(at, true); }
      case VALUE_FALSE -> { return new Bool(at, false); }
      case VALUE_NULL -> { return new Null(at); }
      default -> throw new IllegalStateException("unexpected token " + t);
    }
  }

  /**
   * Reports a string whose escapes leave a surrogate unpaired: it is no Unicode text, and encoded as UTF-8 (for
   * the policy's version digest) it would become '?', so two different policies would share one version.
   */
  private static void checkUtf16(String s, SourceLocation at, Consumer<PolicyError> errors) {
    int i = Utf16.unpairedSurrogateAt(s);
    if (i < 0) return;
    errors.accept(PolicyError.at(at, null, String.format(
        "invalid JSON: a string holds an unpaired surrogate \\u%04X (escape a character outside the BMP as a pair)",
        (int) s.charAt(i))));
  }

  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("^Non-standard token '([^']*)'");

  /**
   * How many chars before Jackson's error location the offending token starts: Jackson reports some errors after
   * the token ({@code NaN}, {@code Infinity}, a control character between tokens, a leading {@code +}).
   */
  private static int tokenBefore(String message) {
    if (message == null) return 0;
    Matcher m = NON_STANDARD_TOKEN.matcher(message);
    if (m.find()) return m.group(1).length();
    if (message.startsWith("Illegal character ((CTRL-CHAR")) return 1;
    return message.startsWith("Unexpected character ('+'") && message.contains("in numeric value") ? 1 : 0;
  }

  /**
   * Locations in one file's text: Jackson's line, and the column in characters (code points, as an editor counts
   * them: an emoji is one column, though two chars).
   */
  private record Locator(String file, String text) {
    SourceLocation at(JsonLocation l, int back) {
      if (l == null) return new SourceLocation(file, 1, 1);
      long offset = l.getCharOffset() - back;
      if (offset < 0 || offset > text.length()) {
        return new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr() - back));
      }
      int end = (int) offset;
      int lineStart = end;
      while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') lineStart--;
      return new SourceLocation(file, Math.max(1, l.getLineNr()), text.codePointCount(lineStart, end) + 1);
    }
  }

  /** Jackson's message without its source excerpt: one line. */
  private static String clean(String m) {
    if (m == null) return "syntax error";
    for (String tail : new String[] {" (start marker at", " (for Array starting at", " (for Object starting at", " at [Source"}) {
      int cut = m.indexOf(tail);
      if (cut >= 0) m = m.substring(0, cut);
    }
    int nl = m.indexOf('\n');
    if (nl >= 0) m = m.substring(0, nl);
    return m.strip();
  }
}
