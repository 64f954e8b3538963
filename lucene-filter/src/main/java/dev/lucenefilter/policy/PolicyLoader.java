package dev.lucenefilter.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates a policy directory into a {@link PolicySnapshot}, all or nothing. Policy files are the
 * regular files named {@code <CODE>.json} with CODE matching {@code [A-Z][A-Z0-9_]*}; anything else (a README, a
 * {@code schema/} folder) is ignored, but a directory (or other non-regular file) with a policy file's name is an
 * error. A directory without {@code GLOBAL.json} is valid: GLOBAL is then empty.
 * Every error of the whole directory is collected and thrown at once in a {@link PolicyValidationException}.
 * Stateless and thread-safe.
 */
public final class PolicyLoader {
  private static final Pattern POLICY_FILE = Pattern.compile("[A-Z][A-Z0-9_]*\\.json");
  /** The manifest of a signed policy directory: it looks like a policy file name but never is one. */
  public static final String MANIFEST_FILE = "MANIFEST.json";

  /** True when a file of this name in a policy directory is a policy file. */
  public static boolean isPolicyFile(String fileName) {
    return POLICY_FILE.matcher(fileName).matches() && !fileName.equals(MANIFEST_FILE);
  }

  private PolicyLoader() {}

  /** Loads {@code dir} with the standard rule types and {@link PolicyLimits#DEFAULT}. */
  public static PolicySnapshot load(Path dir) throws PolicyValidationException {
    return load(dir, RuleTypes.standard());
  }

  /** Loads {@code dir} with the given rule types (the standard ones plus extensions). */
  public static PolicySnapshot load(Path dir, RuleTypes types) throws PolicyValidationException {
    return load(dir, types, PolicyLimits.DEFAULT);
  }

  static PolicySnapshot load(Path dir, RuleTypes types, PolicyLimits limits) throws PolicyValidationException {
    LoadContext ctx = new LoadContext(limits, types);
    String dirName = dir.toString();
    if (!Files.isDirectory(dir)) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null, "not a directory")));
    }
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String name = p.getFileName().toString();
        if (!isPolicyFile(name)) return;
        if (Files.isRegularFile(p)) {
          files.put(name.substring(0, name.length() - ".json".length()), p);
        } else {
          // Named as a policy file but unreadable as one: ignoring it would silently drop a jurisdiction's rules.
          ctx.error(new SourceLocation(name, 0, 0),
              Files.isDirectory(p) ? "is a directory, not a policy file" : "is not a regular file, not a policy file");
        }
      });
    } catch (IOException e) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null, "cannot list: " + e.getMessage())));
    }
    if (files.size() > limits.maxJurisdictions()) {
      throw new PolicyValidationException(List.of(new PolicyError(dirName, 0, 0, null,
          "too many policy files: " + files.size() + " (at most " + limits.maxJurisdictions() + ")")));
    }
    Map<String, FileParser.Parsed> parsed = new LinkedHashMap<>();
    Map<String, byte[]> sources = new TreeMap<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      String code = e.getKey();
      String file = code + ".json";
      byte[] bytes = read(e.getValue(), file, limits, ctx);
      if (bytes == null) continue;
      sources.put(file, bytes);
      String text = decode(bytes, file, ctx);
      if (text == null) continue;
      JsonTree.Node root = JsonTree.parse(file, text, ctx.errors::add);
      if (root != null) parsed.put(code, new FileParser(code, ctx).parse(root));
    }
    checkInheritance(files.keySet(), parsed, ctx);
    if (!ctx.errors.isEmpty()) throw new PolicyValidationException(ctx.errors);

    Map<String, Jurisdiction> jurisdictions = new TreeMap<>();
    for (FileParser.Parsed p : parsed.values()) {
      jurisdictions.put(p.code(), new Jurisdiction(p.code(), p.description(),
          p.parents().stream().map(FileParser.Parent::code).distinct().toList(),
          p.rules().stream().sorted(Comparator.comparing(Rule::id)).toList()));
    }
    jurisdictions.putIfAbsent(Jurisdiction.GLOBAL, new Jurisdiction(Jurisdiction.GLOBAL, "", List.of(), List.of()));
    return new PolicySnapshot(Canonical.version(jurisdictions.values()), jurisdictions, sources);
  }

  private static byte[] read(Path p, String file, PolicyLimits limits, LoadContext ctx) {
    try {
      long size = Files.size(p);
      if (size > limits.maxFileBytes()) {
        ctx.error(new SourceLocation(file, 0, 0),
            "file is too large: " + size + " bytes (at most " + limits.maxFileBytes() + ")");
        return null;
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      ctx.error(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage());
      return null;
    }
  }

  private static String decode(byte[] bytes, String file, LoadContext ctx) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String s = StandardCharsets.UTF_8.newDecoder().decode(in).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      // Like every other error, located: the line and column of the first bad byte.
      String s = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
      int line = 1 + (int) s.chars().filter(c -> c == '\n').count();
      int column = s.length() - s.lastIndexOf('\n');
      ctx.error(new SourceLocation(file, line, column), "not valid UTF-8 (byte offset " + in.position() + ")");
      return null;
    }
  }

  private static void checkInheritance(Set<String> existing, Map<String, FileParser.Parsed> parsed, LoadContext ctx) {
    Set<String> known = new HashSet<>(existing);
    known.add(Jurisdiction.GLOBAL);
    for (FileParser.Parsed p : parsed.values()) {
      for (FileParser.Parent parent : p.parents()) {
        if (p.code().equals(Jurisdiction.GLOBAL)) {
          ctx.error(parent.at(),
              "GLOBAL cannot inherit (it is every jurisdiction's ancestor): '" + parent.code() + "'");
        } else if (!known.contains(parent.code())) {
          ctx.error(parent.at(), "unknown parent jurisdiction '" + parent.code() + "' (no " + parent.code() + ".json)");
        }
      }
    }
    Set<String> visited = new HashSet<>();
    for (String code : new TreeMap<>(parsed).keySet()) {
      if (!visited.contains(code)) findCycles(code, parsed, visited, new ArrayList<>(), ctx);
    }
  }

  /** Depth-first search; each back edge is one cycle, reported at the {@code inherits} entry that closes it. */
  private static void findCycles(String code, Map<String, FileParser.Parsed> parsed, Set<String> visited,
      List<String> stack, LoadContext ctx) {
    visited.add(code);
    stack.add(code);
    for (FileParser.Parent parent : parsed.get(code).parents()) {
      String next = parent.code();
      if (!parsed.containsKey(next) || next.equals(Jurisdiction.GLOBAL) && code.equals(Jurisdiction.GLOBAL)) continue;
      if (stack.contains(next)) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(next), stack.size()));
        cycle.add(next);
        ctx.error(parent.at(), "inheritance cycle: " + String.join(" -> ", cycle));
      } else if (!visited.contains(next)) {
        findCycles(next, parsed, visited, stack, ctx);
      }
    }
    stack.remove(stack.size() - 1);
  }
}
