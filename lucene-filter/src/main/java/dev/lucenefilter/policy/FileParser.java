package dev.lucenefilter.policy;

import dev.lucenefilter.model.Dates;
import dev.lucenefilter.policy.JsonTree.Arr;
import dev.lucenefilter.policy.JsonTree.Member;
import dev.lucenefilter.policy.JsonTree.Node;
import dev.lucenefilter.policy.JsonTree.Obj;
import dev.lucenefilter.policy.JsonTree.Str;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the JSON tree of one policy file into its jurisdiction, reporting every problem of the file. */
final class FileParser {
  static final Set<String> TOP_FIELDS = Set.of("jurisdiction", "description", "inherits", "rules");
  static final Set<String> COMMON_FIELDS = Set.of("id", "type", "action", "target", "category", "legal_basis",
      "effective_from", "expires", "note");
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:-]*");

  /** A declared parent and where it is written. */
  record Parent(String code, SourceLocation at) {}

  /** What one file declares; {@code rules} holds only the rules that validated. */
  record Parsed(String code, String description, List<Parent> parents, List<Rule> rules) {}

  private final String code;
  private final LoadContext ctx;

  FileParser(String code, LoadContext ctx) {
    this.code = code;
    this.ctx = ctx;
  }

  Parsed parse(Node root) {
    String file = root.at().file();
    List<Parent> parents = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    String description = "";
    if (!(root instanceof Obj o)) {
      ctx.error(root.at(), "a policy file must be a JSON object, not " + root.kind());
      return new Parsed(code, description, parents, rules);
    }
    for (Member m : o.members().values()) {
      if (!TOP_FIELDS.contains(m.name())) ctx.error(m.keyAt(), "unknown field '" + m.name() + "'");
    }
    Str j = o.get("jurisdiction", Str.class, "a string", true, ctx::error);
    if (j != null && !j.value().equals(code)) {
      ctx.error(j.at(), "'jurisdiction' is '" + j.value() + "' but the file is " + file);
    }
    Str d = o.get("description", Str.class, "a string", false, ctx::error);
    if (d != null) description = d.value();
    Arr inherits = o.get("inherits", Arr.class, "an array of jurisdiction codes", false, ctx::error);
    for (Node n : inherits == null ? List.<Node>of() : inherits.items()) {
      if (n instanceof Str s) parents.add(new Parent(s.value(), s.at()));
      else ctx.error(n.at(), "'inherits' entries must be jurisdiction codes, not " + n.kind());
    }
    Arr a = o.get("rules", Arr.class, "an array", true, ctx::error);
    for (int i = 0; a != null && i < a.items().size(); i++) {
      Rule rule = parseRule(a.items().get(i), i);
      if (rule != null) rules.add(rule);
    }
    return new Parsed(code, description, parents, rules);
  }

  private Rule parseRule(Node n, int index) {
    if (!(n instanceof Obj o)) {
      ctx.error(n.at(), "rules[" + index + "] must be an object, not " + n.kind());
      return null;
    }
    Str idNode = o.get("id", Str.class, "a string", true, ctx::error);
    String id = idNode == null ? null : id(idNode);
    if (id != null) ctx.ruleId(id, idNode.at());
    RuleFields f = new RuleFields(o, id, ctx);
    if (id == null) f.markFailed();

    Str typeName = o.get("type", Str.class, "a string", true, f::error);
    RuleType type = typeName == null ? null : ctx.types.get(typeName.value()).orElse(null);
    if (typeName != null && type == null) {
      f.error(typeName.at(), "unknown rule type '" + typeName.value() + "' (known: "
          + String.join(", ", ctx.types.names()) + ")");
    }
    Set<String> allTypeFields = ctx.types.allFields();
    for (Member m : o.members().values()) {
      String name = m.name();
      if (COMMON_FIELDS.contains(name) || (type != null && type.fields().contains(name))) continue;
      if (!allTypeFields.contains(name)) f.error(m.keyAt(), "unknown field '" + name + "'");
      else if (type != null) f.error(m.keyAt(), "field '" + name + "' is not allowed on " + type.name() + " rules");
    }

    Action action = choice(f, "action", Action.values(), Action.HIDE, "hide or reject");
    if (action == Action.REJECT && !Jurisdiction.GLOBAL.equals(code)) {
      f.error(f.locationOf("action"), "action 'reject' is allowed only in GLOBAL");
    }
    Target target = choice(f, "target", Target.values(), Target.BOTH, "post, channel or both");
    String category = f.string("category", true).orElse(null);
    String legalBasis = f.string("legal_basis", true).orElse(null);
    Optional<Instant> from = date(f, "effective_from");
    Optional<Instant> expires = date(f, "expires");
    if (from.isPresent() && expires.isPresent() && !expires.get().isAfter(from.get())) {
      f.error(f.locationOf("expires"), "'expires' (" + expires.get() + ") must be after 'effective_from' (" + from.get() + ")");
      expires = Optional.empty();
    }
    Str note = o.get("note", Str.class, "a string", false, f::error);
    if (!ctx.countRule(o.at(), id)) f.markFailed();
    if (type == null) return null;
    RuleHeader header = new RuleHeader(id == null ? "?" : id, action == null ? Action.HIDE : action,
        target == null ? Target.BOTH : target, category == null ? "?" : category, legalBasis == null ? "?" : legalBasis,
        from, expires, code, note == null ? "" : note.value(), o.at());
    Rule rule = type.parse(header, f);
    return f.failed() ? null : rule;
  }

  /** An optional enum field spelled in lower case: {@code absent} when missing, null when invalid (reported). */
  private static <E extends Enum<E>> E choice(RuleFields f, String field, E[] values, E absent, String expected) {
    if (!f.has(field)) return absent;
    String s = f.string(field, false).orElse(null);
    if (s == null) return null;
    for (E e : values) if (e.name().toLowerCase(Locale.ROOT).equals(s)) return e;
    f.error(f.locationOf(field), "invalid " + field + " '" + s + "' (expected " + expected + ")");
    return null;
  }

  /** The rule id, or null after reporting why it cannot be one. */
  private String id(Str s) {
    if (s.value().length() > ctx.limits.maxValueLength()) {
      ctx.error(s.at(), "'id' is longer than " + ctx.limits.maxValueLength() + " characters");
    } else if (!ID.matcher(s.value()).matches()) {
      ctx.error(s.at(), "'id' '" + s.value()
          + "' must start with a letter or digit and hold only letters, digits and . _ : -");
    } else {
      return s.value();
    }
    return null;
  }

  /** An optional ISO-8601 date (00:00 UTC) or instant with an offset. */
  private static Optional<Instant> date(RuleFields f, String field) {
    Optional<String> s = f.string(field, false);
    if (s.isEmpty()) return Optional.empty();
    Optional<Instant> t = Dates.parse(s.get());
    if (t.isEmpty()) {
      f.error(f.locationOf(field), "invalid '" + field + "' '" + s.get()
          + "' (expected an ISO-8601 date such as 2026-01-31 or an instant such as 2026-01-31T12:00:00Z)");
    } else if (!Dates.inRange(t.get())) {
      // The same range as record dates: rule bounds are compared with them and cached per epoch millisecond.
      f.error(f.locationOf(field), "'" + field + "' '" + s.get() + "' is outside " + Dates.RANGE);
      return Optional.empty();
    }
    return t;
  }
}
