package dev.lucenefilter.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of rules and policies: fixed key order, sorted collections, dates as instants, written as
 * JSON without whitespace. Versions are the SHA-256 of it, so reformatting, reordering keys, rules or files never
 * changes one.
 */
final class Canonical {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields every rule has, in canonical order; its {@link Rule#parameters} follow, sorted by name. */
  static final List<String> HEADER = List.of("id", "type", "jurisdiction", "action", "target", "category",
      "legal_basis", "effective_from", "expires", "note");

  private Canonical() {}

  /** The rule's content by JSON field name, in canonical order; absent dates and an empty note are left out. */
  static Map<String, Object> fields(Rule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("type", r.type());
    m.put("jurisdiction", r.jurisdiction());
    m.put("action", r.action().json());
    m.put("target", r.target().json());
    m.put("category", r.category());
    m.put("legal_basis", r.legalBasis());
    r.effectiveFrom().ifPresent(t -> m.put("effective_from", t.toString()));
    r.expires().ifPresent(t -> m.put("expires", t.toString()));
    if (!r.note().isEmpty()) m.put("note", r.note());
    new TreeMap<>(r.parameters()).forEach((name, v) -> m.put(name, value(v)));
    return m;
  }

  /** Collections become sorted lists of strings; anything but a string, number or boolean its string. */
  private static Object value(Object v) {
    if (v instanceof Collection<?> c) return c.stream().map(String::valueOf).sorted().toList();
    return v == null || v instanceof String || v instanceof Number || v instanceof Boolean ? v : v.toString();
  }

  /**
   * SHA-256 hex of the canonical text of all jurisdictions (sorted by code) and their rules (sorted by id): the
   * snapshot version; and, from the same text, of each jurisdiction's own part, by code.
   */
  static Digests digests(Collection<Jurisdiction> jurisdictions) {
    MessageDigest all = sha256();
    Map<String, String> each = new TreeMap<>();
    for (Jurisdiction j : jurisdictions.stream().sorted(Comparator.comparing(Jurisdiction::code)).toList()) {
      MessageDigest own = sha256();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("jurisdiction", j.code());
      header.put("description", j.description());
      header.put("inherits", value(j.inherits()));
      line(header, all, own);
      for (Rule r : j.rules().stream().sorted(Comparator.comparing(Rule::id)).toList()) line(fields(r), all, own);
      each.put(j.code(), HexFormat.of().formatHex(own.digest()));
    }
    return new Digests(HexFormat.of().formatHex(all.digest()), each);
  }

  /** The snapshot version and each jurisdiction's digest (see {@link #digests}). */
  record Digests(String version, Map<String, String> byJurisdiction) {}

  private static void line(Map<String, Object> fields, MessageDigest... into) {
    byte[] text;
    try {
      text = JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    for (MessageDigest md : into) {
      md.update(text);
      md.update((byte) '\n');
    }
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
