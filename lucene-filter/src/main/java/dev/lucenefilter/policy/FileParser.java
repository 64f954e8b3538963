package dev.lucenefilter.policy;

import dev.lucenefilter.model.Dates;
import dev.lucenefilter.policy.JsonTree.Arr;
import dev.lucenefilter.policy.JsonTree.Member;
import dev.lucenefilter.policy.JsonTree.Node;
import dev.lucenefilter.policy.JsonTree.Obj;
import dev.lucenefilter.policy.JsonTree.Str;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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

  /** A rule id and where it is written. */
  record IdSeen(String id, SourceLocation at) {}

  /** What one file declares; {@code rules} holds only the rules that validated. */
  record Parsed(String code, String description, List<Parent> parents, List<Rule> rules, List<IdSeen> ids) {}

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
    List<IdSeen> ids = new ArrayList<>();
    String description = "";
    if (!(root instanceof Obj o)) {
      ctx.error(root.at(), null, "a policy file must be a JSON object, not " + root.kind());
      return new Parsed(code, description, parents, rules, ids);
    }
    for (Member m : o.members().values()) {
      if (!TOP_FIELDS.contains(m.name())) ctx.error(m.keyAt(), null, "unknown field '" + m.name() + "'");
    }
    Member j = o.members().get("jurisdiction");
    if (j == null) {
      ctx.error(o.at(), null, "missing required field 'jurisdiction'");
    } else if (!(j.value() instanceof Str s)) {
      ctx.error(j.value().at(), null, "'jurisdiction' must be a string, not " + j.value().kind());
    } else if (!s.value().equals(code)) {
      ctx.error(s.at(), null, "'jurisdiction' is '" + s.value() + "' but the file is " + file);
    }
    Member d = o.members().get("description");
    if (d != null) {
      if (d.value() instanceof Str s) description = s.value();
      else ctx.error(d.value().at(), null, "'description' must be a string, not " + d.value().kind());
    }
    Member inh = o.members().get("inherits");
    if (inh != null) {
      if (inh.value() instanceof Arr a) {
        for (Node n : a.items()) {
          if (n instanceof Str s) parents.add(new Parent(s.value(), s.at()));
          else ctx.error(n.at(), null, "'inherits' entries must be jurisdiction codes, not " + n.kind());
        }
      } else {
        ctx.error(inh.value().at(), null, "'inherits' must be an array of jurisdiction codes, not " + inh.value().kind());
      }
    }
    Member r = o.members().get("rules");
    if (r == null) {
      ctx.error(o.at(), null, "missing required field 'rules'");
    } else if (!(r.value() instanceof Arr a)) {
      ctx.error(r.value().at(), null, "'rules' must be an array, not " + r.value().kind());
    } else {
      for (int i = 0; i < a.items().size(); i++) {
        Rule rule = parseRule(a.items().get(i), i, ids);
        if (rule != null) rules.add(rule);
      }
    }
    return new Parsed(code, description, parents, rules, ids);
  }

  private Rule parseRule(Node n, int index, List<IdSeen> ids) {
    if (!(n instanceof Obj o)) {
      ctx.error(n.at(), null, "rules[" + index + "] must be an object, not " + n.kind());
      return null;
    }
    String id = null;
    Member idm = o.members().get("id");
    boolean idBad = false;
    if (idm == null) {
      ctx.error(o.at(), null, "missing required field 'id'");
      idBad = true;
    } else if (!(idm.value() instanceof Str s)) {
      ctx.error(idm.value().at(), null, "'id' must be a string, not " + idm.value().kind());
      idBad = true;
    } else if (s.value().length() > ctx.limits.maxValueLength()) {
      ctx.error(s.at(), null, "'id' is longer than " + ctx.limits.maxValueLength() + " characters");
      idBad = true;
    } else if (!ID.matcher(s.value()).matches()) {
      ctx.error(s.at(), null, "'id' '" + s.value()
          + "' must start with a letter or digit and hold only letters, digits and . _ : -");
      idBad = true;
    } else {
      id = s.value();
      ids.add(new IdSeen(id, s.at()));
    }
    RuleFields f = new RuleFields(o, id, ctx);
    if (idBad) f.markFailed();

    RuleType type = null;
    Member tm = o.members().get("type");
    if (tm == null) {
      f.error(o.at(), "missing required field 'type'");
    } else if (!(tm.value() instanceof Str s)) {
      f.error(tm.value().at(), "'type' must be a string, not " + tm.value().kind());
    } else {
      type = ctx.types.get(s.value()).orElse(null);
      if (type == null) {
        f.error(s.at(), "unknown rule type '" + s.value() + "' (known: " + String.join(", ", ctx.types.names()) + ")");
      }
    }
    Set<String> allTypeFields = ctx.types.allFields();
    for (Member m : o.members().values()) {
      String name = m.name();
      if (COMMON_FIELDS.contains(name) || (type != null && type.fields().contains(name))) continue;
      if (!allTypeFields.contains(name)) f.error(m.keyAt(), "unknown field '" + name + "'");
      else if (type != null) f.error(m.keyAt(), "field '" + name + "' is not allowed on " + type.name() + " rules");
    }

    Action action = f.string("action", false).map(a -> Action.fromJson(a).orElseGet(() -> {
      f.error(f.locationOf("action"), "invalid action '" + a + "' (expected hide or reject)");
      return null;
    })).orElse(f.has("action") ? null : Action.HIDE);
    if (action == Action.REJECT && !Jurisdiction.GLOBAL.equals(code)) {
      f.error(f.locationOf("action"), "action 'reject' is allowed only in GLOBAL");
    }
    Target target = f.string("target", false).map(t -> Target.fromJson(t).orElseGet(() -> {
      f.error(f.locationOf("target"), "invalid target '" + t + "' (expected post, channel or both)");
      return null;
    })).orElse(f.has("target") ? null : Target.BOTH);
    String category = f.string("category", true).orElse(null);
    String legalBasis = f.string("legal_basis", true).orElse(null);
    Optional<Instant> from = date(f, "effective_from");
    Optional<Instant> expires = date(f, "expires");
    if (from.isPresent() && expires.isPresent() && !expires.get().isAfter(from.get())) {
      f.error(f.locationOf("expires"), "'expires' (" + expires.get() + ") must be after 'effective_from' (" + from.get() + ")");
      expires = Optional.empty();
    }
    String note = "";
    Member nm = o.members().get("note");
    if (nm != null) {
      if (nm.value() instanceof Str s) note = s.value();
      else f.error(nm.value().at(), "'note' must be a string, not " + nm.value().kind());
    }
    if (!ctx.countRule(o.at(), id)) f.markFailed();
    if (type == null) return null;
    RuleHeader header = new RuleHeader(id == null ? "?" : id, action == null ? Action.HIDE : action,
        target == null ? Target.BOTH : target, category == null ? "?" : category, legalBasis == null ? "?" : legalBasis,
        from, expires, code, note, o.at());
    Rule rule = type.parse(header, f);
    return f.failed() ? null : rule;
  }

  /** An optional ISO-8601 date (00:00 UTC) or instant with an offset. */
  private static Optional<Instant> date(RuleFields f, String field) {
    Optional<String> s = f.string(field, false);
    if (s.isEmpty()) return Optional.empty();
    Optional<Instant> t = parseInstant(s.get());
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

  /** A date means 00:00 UTC of that day; an instant needs an offset ({@code Z} or {@code +05:00}). */
  static Optional<Instant> parseInstant(String s) {
    try {
      return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      // not a plain date: try an instant
    }
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
