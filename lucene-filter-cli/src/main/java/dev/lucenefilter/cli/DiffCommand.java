package dev.lucenefilter.cli;

import dev.lucenefilter.policy.PolicyDiff;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import dev.lucenefilter.policy.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code diff OLD_DIR NEW_DIR}: per jurisdiction, the effective rules added ({@code +}), removed ({@code -}) and
 * changed ({@code ~}), inherited ones included, each with where it comes from. Exit 0 whether or not they differ; 1
 * when either directory is invalid (its errors on stderr).
 */
@Command(name = "diff",
    description = "Show the effective rules added, removed and changed per jurisdiction between two blocklists directories.")
final class DiffCommand extends CliCommand {
  private static final int MAX_LISTED_VALUES = 5;

  @Parameters(index = "0", paramLabel = "OLD_DIR") Path oldDir;

  @Parameters(index = "1", paramLabel = "NEW_DIR") Path newDir;

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    PolicySnapshot before = load(oldDir, err);
    PolicySnapshot after = load(newDir, err);
    if (before == null || after == null) return CliException.BAD_INPUT;
    PolicyDiff diff = PolicyDiff.between(before, after);
    for (PolicyDiff.JurisdictionDiff j : diff.jurisdictions()) {
      String code = j.code();
      out.println(code + ": " + (!j.existedBefore() ? "new jurisdiction" : !j.existsAfter() ? "removed jurisdiction"
          : j.isEmpty() ? "no changes"
          : j.added().size() + " added, " + j.removed().size() + " removed, " + j.changed().size() + " changed"));
      for (Rule r : j.added()) out.println("  + " + describe(r) + " " + origin(after, code, r));
      for (Rule r : j.removed()) out.println("  - " + describe(r) + " " + origin(before, code, r));
      for (PolicyDiff.Change c : j.changed()) {
        out.println("  ~ " + describe(c.after()) + " " + origin(after, code, c.after()) + ": " + changes(c));
      }
    }
    out.println(diff.isEmpty() ? "no differences (version " + after.version() + ")"
        : "version " + before.version() + " -> " + after.version());
    return 0;
  }

  private static PolicySnapshot load(Path dir, PrintWriter err) {
    try {
      return PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      // An error of the directory itself already names it; one of a file inside names the file alone.
      for (PolicyError error : e.errors()) {
        err.println(error.file().equals(dir.toString()) ? error.toString() : dir + "/" + error);
      }
      return null;
    }
  }

  private static String describe(Rule r) {
    return r.id() + " (" + r.type() + ", " + r.action().json() + ", " + r.category() + ")";
  }

  private static String origin(PolicySnapshot s, String code, Rule r) {
    List<String> path = s.inheritancePath(code, r);
    return path.size() == 1 ? "[own]" : "[via " + String.join(" > ", path.subList(1, path.size())) + "]";
  }

  /** Each changed field: a collection as the values added and removed, anything else as {@code old -> new}. */
  private static String changes(PolicyDiff.Change c) {
    Map<String, Object> a = c.before().parameters();
    Map<String, Object> b = c.after().parameters();
    return c.fields().stream().map(f -> a.get(f) instanceof Collection<?> x && b.get(f) instanceof Collection<?> y
        ? f + " +" + list(minus(y, x)) + " -" + list(minus(x, y))
        : f + " " + value(c.before(), f) + " -> " + value(c.after(), f)).collect(Collectors.joining("; "));
  }

  /** The values of {@code a} that {@code b} lacks, as sorted strings. */
  private static TreeSet<String> minus(Collection<?> a, Collection<?> b) {
    TreeSet<String> out = new TreeSet<>();
    a.forEach(v -> out.add(String.valueOf(v)));
    b.forEach(v -> out.remove(String.valueOf(v)));
    return out;
  }

  private static String list(Collection<String> values) {
    List<String> shown = values.stream().limit(MAX_LISTED_VALUES).toList();
    String more = values.size() > shown.size() ? ", … " + (values.size() - shown.size()) + " more" : "";
    return "[" + String.join(", ", shown) + more + "]";
  }

  private static String value(Rule r, String field) {
    return switch (field) {
      case "type" -> r.type();
      case "jurisdiction" -> r.jurisdiction();
      case "action" -> r.action().json();
      case "target" -> r.target().json();
      case "category" -> r.category();
      case "legal_basis" -> r.legalBasis();
      case "effective_from" -> r.effectiveFrom().map(Object::toString).orElse("(none)");
      case "expires" -> r.expires().map(Object::toString).orElse("(none)");
      case "note" -> r.note();
      default -> String.valueOf(r.parameters().get(field));
    };
  }
}
