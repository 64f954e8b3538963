package dev.lucenefilter.policy;

import dev.lucenefilter.model.Dates;
import dev.lucenefilter.policy.JsonTree.Arr;
import dev.lucenefilter.policy.JsonTree.Member;
import dev.lucenefilter.policy.JsonTree.Node;
import dev.lucenefilter.policy.JsonTree.Obj;
import dev.lucenefilter.policy.JsonTree.Str;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates a policy directory into a {@link PolicySnapshot}, all or nothing. Policy files are the
 * regular files named {@code <CODE>.json} with CODE matching {@code [A-Z][A-Z0-9_]*}. Other files (a README, a
 * {@code schema/} folder, the signature's {@code MANIFEST.json}, hidden files, {@code kz-old.json}) are not
 * policies and are ignored, but a directory (or other non-regular file) with a policy file's name is an error, and
 * so is a name that is a policy file's name but for case ({@code kz.json}, {@code KZ.JSON}): skipping it would
 * silently drop a jurisdiction's rules. A directory
 * without {@code GLOBAL.json} is valid: GLOBAL is then empty.
 * Every error of the whole directory is collected and thrown at once in a {@link PolicyValidationException}.
 * The static methods are thread-safe; an instance is one load, with its errors and resource budget.
 */
public final class PolicyLoader {
  private static final Pattern POLICY_FILE = Pattern.compile("[A-Z][A-Z0-9_]*\\.json");
  /** The manifest of a signed policy directory: it looks like a policy file name but never is one. */
  public static final String MANIFEST_FILE = "MANIFEST.json";
  static final Set<String> TOP_FIELDS = Set.of("jurisdiction", "description", "inherits", "rules");
  static final Set<String> COMMON_FIELDS = Set.of("id", "type", "action", "target", "category", "legal_basis",
      "effective_from", "expires", "note");
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:-]*");

  /** True when a file of this name in a policy directory is a policy file. */
  public static boolean isPolicyFile(String fileName) {
    return POLICY_FILE.matcher(fileName).matches() && !fileName.equals(MANIFEST_FILE);
  }

  /**
   * True when a directory entry of this name is no policy file but differs from a policy file's name only by case
   * ({@code kz.json}, {@code Kz.JSON}): a jurisdiction's file renamed by mistake, which the loader refuses rather
   * than skip. Other names ({@code kz-old.json}, {@code README.md}, hidden files, {@link #MANIFEST_FILE}) are not
   * policies, as the format says, and stay ignored.
   */
  static boolean isMisnamedPolicyFile(String fileName) {
    int stem = fileName.length() - ".json".length();
    if (stem <= 0 || !fileName.regionMatches(true, stem, ".json", 0, ".json".length())) return false;
    String upper = fileName.substring(0, stem).toUpperCase(Locale.ROOT) + ".json";
    return !isPolicyFile(fileName) && !fileName.equals(MANIFEST_FILE) && isPolicyFile(upper);
  }

  /** True when the loader reads or refuses a directory entry of this name: what a reload depends on. */
  static boolean concernsLoader(String fileName) {
    return isPolicyFile(fileName) || isMisnamedPolicyFile(fileName);
  }

  /** Why a misnamed {@code *.json} file is refused, with the name it was probably meant to have. */
  private static String misnamed(String fileName) {
    String stem = fileName.substring(0, fileName.length() - ".json".length());
    String meant = stem.toUpperCase(Locale.ROOT) + ".json";
    return "not a policy file name: policy files are named CODE.json, CODE of A-Z, 0-9 and _ starting with A-Z "
        + "(KZ.json, GLOBAL.json); rename it to " + meant + " or move it out of the policy directory";
  }

  /** A declared parent and where it is written. */
  private record Parent(String code, SourceLocation at) {}

  final PolicyLimits limits;
  private final RuleTypes types;
  private final List<PolicyError> errors = new ArrayList<>();
  private final Map<String, SourceLocation> ruleIds = new HashMap<>();
  private final Set<String> codes = new HashSet<>(Set.of(Jurisdiction.GLOBAL));
  private final Map<String, List<Parent>> parentsOf = new HashMap<>();
  private int values;
  private int rules;

  private PolicyLoader(PolicyLimits limits, RuleTypes types) {
    this.limits = limits;
    this.types = types;
  }

  /** Loads {@code dir} with the standard rule types and {@link PolicyLimits#DEFAULT}. */
  public static PolicySnapshot load(Path dir) throws PolicyValidationException {
    return load(dir, RuleTypes.standard());
  }

  /** Loads {@code dir} with the given rule types (the standard ones plus extensions). */
  public static PolicySnapshot load(Path dir, RuleTypes types) throws PolicyValidationException {
    return load(dir, types, PolicyLimits.DEFAULT);
  }

  static PolicySnapshot load(Path dir, RuleTypes types, PolicyLimits limits) throws PolicyValidationException {
    return new PolicyLoader(limits, types).loadDirectory(dir);
  }

  private PolicySnapshot loadDirectory(Path dir) throws PolicyValidationException {
    String dirName = dir.toString();
    if (!Files.isDirectory(dir)) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null, "not a directory")));
    }
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String name = p.getFileName().toString();
        if (isMisnamedPolicyFile(name)) {
          error(new SourceLocation(name, 0, 0), misnamed(name));
          return;
        }
        if (!isPolicyFile(name)) return;
        if (Files.isRegularFile(p)) {
          files.put(name.substring(0, name.length() - ".json".length()), p);
        } else {
          // Named as a policy file but unreadable as one: ignoring it would silently drop a jurisdiction's rules.
          error(new SourceLocation(name, 0, 0),
              Files.isDirectory(p) ? "is a directory, not a policy file" : "is not a regular file, not a policy file");
        }
      });
    } catch (IOException e) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null, "cannot list: " + e.getMessage())));
    }
    if (files.isEmpty() && errors.isEmpty()) {
      // An empty directory is a wrong path, a mount not yet filled or a deploy half done, never a policy: loading
      // it would hide nothing (and a registry would swap it in).
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null,
          "no policy files: a policy directory holds one CODE.json per jurisdiction (GLOBAL.json, KZ.json, ...)")));
    }
    if (files.size() > limits.maxJurisdictions()) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null,
          "too many policy files: " + files.size() + " (at most " + limits.maxJurisdictions() + ")")));
    }
    long total = 0;
    for (Path p : files.values()) {
      try {
        long size = Files.size(p);
        // A file over its own limit is refused by read() without being read: its own error says more.
        if (size <= limits.maxFileBytes()) total += size;
      } catch (IOException e) {
        // read() reports it, at the file
      }
    }
    if (total > limits.maxTotalBytes()) {
      // Nothing is read: the limit bounds what one load holds in memory (each file is read whole).
      error(new SourceLocation(dirName, 0, 0),
          "policy files are too large together: " + total + " bytes (at most " + limits.maxTotalBytes() + ")");
      throw new PolicyValidationException(errors);
    }
    codes.addAll(files.keySet());
    Map<String, Jurisdiction> jurisdictions = new TreeMap<>();
    Map<String, byte[]> sources = new TreeMap<>();
    long budget = limits.maxTotalBytes();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      String code = e.getKey();
      String file = code + ".json";
      byte[] bytes = read(e.getValue(), file, budget);
      if (bytes == null) continue;
      if (bytes.length > budget) {
        // The files grew after the sizes were summed: stop reading, whatever the rest holds.
        error(new SourceLocation(dirName, 0, 0),
            "policy files are too large together: they grew past " + limits.maxTotalBytes() + " bytes while they were read");
        break;
      }
      budget -= bytes.length;
      sources.put(file, bytes);
      String text = decode(bytes, file);
      if (text == null) continue;
      Node root = JsonTree.parse(file, text, errors::add);
      if (root != null) jurisdictions.put(code, parse(code, root));
    }
    Set<String> visited = new HashSet<>();
    for (String code : jurisdictions.keySet()) {
      if (!visited.contains(code)) findCycles(code, visited, new ArrayList<>());
    }
    if (!errors.isEmpty()) throw new PolicyValidationException(errors);
    jurisdictions.putIfAbsent(Jurisdiction.GLOBAL, new Jurisdiction(Jurisdiction.GLOBAL, "", List.of(), List.of()));
    return new PolicySnapshot(Canonical.digests(jurisdictions.values()), jurisdictions, sources);
  }

  /** The bytes of one file, at most the file limit and at most one byte past {@code budget}; null when refused. */
  private byte[] read(Path p, String file, long budget) {
    try {
      long size = Files.size(p);
      if (size > limits.maxFileBytes()) {
        error(new SourceLocation(file, 0, 0),
            "file is too large: " + size + " bytes (at most " + limits.maxFileBytes() + ")");
        return null;
      }
      // Read at most one byte past the limits: a file that grows after the size check is refused, not read whole.
      try (InputStream in = Files.newInputStream(p)) {
        long cap = Math.min(limits.maxFileBytes(), budget) + 1;
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
        if (bytes.length > limits.maxFileBytes()) {
          error(new SourceLocation(file, 0, 0),
              "file is too large: it grew past " + limits.maxFileBytes() + " bytes while it was read");
          return null;
        }
        return bytes;
      }
    } catch (IOException e) {
      error(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage());
      return null;
    }
  }

  private String decode(byte[] bytes, String file) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String s = StandardCharsets.UTF_8.newDecoder().decode(in).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      // Like every other error, located: the line and column of the first bad byte, counted as the JSON parser
      // counts them (after a BOM, which it never sees; CR LF, CR and LF each end a line).
      String s = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
      int from = s.startsWith("\uFEFF") ? 1 : 0;
      int line = 1;
      int lineStart = from;
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
          line++;
          lineStart = i + 1;
        }
      }
      error(new SourceLocation(file, line, s.codePointCount(lineStart, s.length()) + 1),
          "not valid UTF-8 (byte offset " + in.position() + ")");
      return null;
    }
  }

  /** The jurisdiction one file declares, with the rules that validated; every problem of the file reported. */
  private Jurisdiction parse(String code, Node root) {
    List<Parent> parents = new ArrayList<>();
    parentsOf.put(code, parents);
    List<Rule> rules = new ArrayList<>();
    String description = "";
    if (!(root instanceof Obj o)) {
      error(root.at(), "a policy file must be a JSON object, not " + root.kind());
      return new Jurisdiction(code, description, List.of(), rules);
    }
    for (Member m : o.members().values()) {
      if (!TOP_FIELDS.contains(m.name())) error(m.keyAt(), "unknown field '" + m.name() + "'");
    }
    Str j = o.get("jurisdiction", Str.class, "a string", true, this::error);
    if (j != null && !j.value().equals(code)) {
      error(j.at(), "'jurisdiction' is '" + j.value() + "' but the file is " + root.at().file());
    }
    Str d = o.get("description", Str.class, "a string", false, this::error);
    if (d != null) description = d.value();
    Arr inherits = o.get("inherits", Arr.class, "an array of jurisdiction codes", false, this::error);
    for (Node n : inherits == null ? List.<Node>of() : inherits.items()) {
      if (!(n instanceof Str s)) {
        error(n.at(), "'inherits' entries must be jurisdiction codes, not " + n.kind());
        continue;
      }
      parents.add(new Parent(s.value(), s.at()));
      if (code.equals(Jurisdiction.GLOBAL)) {
        error(s.at(), "GLOBAL cannot inherit (it is every jurisdiction's ancestor): '" + s.value() + "'");
      } else if (!codes.contains(s.value())) {
        error(s.at(), "unknown parent jurisdiction '" + s.value() + "' (no " + s.value() + ".json)");
      }
    }
    Arr a = o.get("rules", Arr.class, "an array", true, this::error);
    for (int i = 0; a != null && i < a.items().size(); i++) {
      Rule rule = parseRule(code, a.items().get(i), i);
      if (rule != null) rules.add(rule);
    }
    rules.sort(Comparator.comparing(Rule::id));
    return new Jurisdiction(code, description, parents.stream().map(Parent::code).distinct().toList(), rules);
  }

  private Rule parseRule(String code, Node n, int index) {
    if (!(n instanceof Obj o)) {
      error(n.at(), "rules[" + index + "] must be an object, not " + n.kind());
      return null;
    }
    Str idNode = o.get("id", Str.class, "a string", true, this::error);
    String id = idNode == null ? null : id(idNode);
    if (id != null) {
      SourceLocation first = ruleIds.putIfAbsent(id, idNode.at());
      if (first != null) error(idNode.at(), id, "duplicate rule id (also defined at " + first + ")");
    }
    RuleFields f = new RuleFields(o, id, this);
    if (id == null) f.markFailed();

    Str typeName = o.get("type", Str.class, "a string", true, f::error);
    RuleType type = typeName == null ? null : types.get(typeName.value()).orElse(null);
    if (typeName != null && type == null) {
      f.error(typeName.at(), "unknown rule type '" + typeName.value() + "' (known: "
          + String.join(", ", types.names()) + ")");
    }
    Set<String> allTypeFields = types.allFields();
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
    if (!within(++rules, limits.maxRules(), "rules", o.at(), id)) f.markFailed();
    if (type == null) return null;
    RuleHeader header = new RuleHeader(id == null ? "?" : id, action == null ? Action.HIDE : action,
        target == null ? Target.BOTH : target, category == null ? "?" : category, legalBasis == null ? "?" : legalBasis,
        from, expires, code, note == null ? "" : note.value(), o.at());
    Rule rule = type.parse(header, f);
    if (rule == null && !f.failed()) {
      // An add-on type that gives no rule and says nothing would drop the rule from the policy without a word.
      f.error(o.at(), "rule type '" + type.name() + "' made no rule and reported no error");
    }
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
    if (limits.tooLong(s.value())) {
      error(s.at(), "'id' is longer than " + limits.maxValueLength() + " characters");
    } else if (!ID.matcher(s.value()).matches()) {
      error(s.at(), "'id' '" + s.value()
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

  /** Depth-first search; each back edge is one cycle, reported at the {@code inherits} entry that closes it. */
  private void findCycles(String code, Set<String> visited, List<String> stack) {
    visited.add(code);
    stack.add(code);
    for (Parent parent : parentsOf.get(code)) {
      String next = parent.code();
      if (!parentsOf.containsKey(next) || next.equals(Jurisdiction.GLOBAL) && code.equals(Jurisdiction.GLOBAL)) continue;
      if (stack.contains(next)) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(next), stack.size()));
        cycle.add(next);
        error(parent.at(), "inheritance cycle: " + String.join(" -> ", cycle));
      } else if (!visited.contains(next)) {
        findCycles(next, visited, stack);
      }
    }
    stack.remove(stack.size() - 1);
  }

  void error(SourceLocation at, String ruleId, String message) {
    errors.add(PolicyError.at(at, ruleId, message));
  }

  /** An error of no particular rule. */
  private void error(SourceLocation at, String message) {
    error(at, null, message);
  }

  /** Counts one value; false (and one error, the first time) once the directory exceeds its value limit. */
  boolean countValue(SourceLocation at, String ruleId) {
    return within(++values, limits.maxValues(), "values", at, ruleId);
  }

  /** False (and one error, the first time) once {@code count} exceeds {@code max}. */
  private boolean within(int count, int max, String what, SourceLocation at, String ruleId) {
    if (count == max + 1) error(at, ruleId, "too many " + what + ": a policy directory holds at most " + max);
    return count <= max;
  }
}
