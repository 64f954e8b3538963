package dev.lucenefilter.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of rules and policies: fixed key order, sorted collections, dates as instants, no
 * whitespace. Versions are the SHA-256 of it, so reformatting, reordering keys, rules or files never changes one.
 */
final class Canonical {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Canonical() {}

  static String ruleJson(Rule r) {
    return json(g -> writeRule(g, r));
  }

  private static String json(Body body) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
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

  private static void writeRule(JsonGenerator g, Rule r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("type", r.type());
    g.writeStringField("jurisdiction", r.jurisdiction());
    g.writeStringField("action", r.action().json());
    g.writeStringField("target", r.target().json());
    g.writeStringField("category", r.category());
    g.writeStringField("legal_basis", r.legalBasis());
    if (r.effectiveFrom().isPresent()) g.writeStringField("effective_from", r.effectiveFrom().get().toString());
    if (r.expires().isPresent()) g.writeStringField("expires", r.expires().get().toString());
    if (!r.note().isEmpty()) g.writeStringField("note", r.note());
    for (Map.Entry<String, Object> e : new TreeMap<>(r.parameters()).entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Double d -> g.writeNumber(d);
      case Number n -> g.writeNumber(n.toString());
      case Collection<?> c -> {
        g.writeStartArray();
        for (String s : c.stream().map(String::valueOf).sorted().toList()) g.writeString(s);
        g.writeEndArray();
      }
      default -> g.writeString(v.toString());
    }
  }

  /** SHA-256 hex of the canonical text of all jurisdictions (sorted by code) and their rules (sorted by id). */
  static String version(Collection<Jurisdiction> jurisdictions) {
    MessageDigest md = sha256();
    for (Jurisdiction j : jurisdictions.stream().sorted(Comparator.comparing(Jurisdiction::code)).toList()) {
      String header = json(g -> {
        g.writeStartObject();
        g.writeStringField("jurisdiction", j.code());
        g.writeStringField("description", j.description());
        g.writeFieldName("inherits");
        writeValue(g, j.inherits());
        g.writeEndObject();
      });
      md.update(header.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      for (Rule r : j.rules().stream().sorted(Comparator.comparing(Rule::id)).toList()) {
        md.update(ruleJson(r).getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A new SHA-256 digest, which every JDK has. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
