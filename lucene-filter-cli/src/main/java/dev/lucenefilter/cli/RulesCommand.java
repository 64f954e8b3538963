package dev.lucenefilter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.model.Dates;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import dev.lucenefilter.policy.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rules --jurisdiction CODE [--at INSTANT] [--json] [--blocklists DIR]}: the effective rules of a
 * jurisdiction, sorted by id, each with where it comes from. Without {@code --at} every effective rule is listed
 * with its status now; with {@code --at} only those active at that instant.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "List the effective rules of a jurisdiction and where each comes from.")
final class RulesCommand extends CliCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin SharedOptions.Blocklists blocklists;

  @Mixin SharedOptions.RequiredJurisdiction jurisdiction;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Only rules active at this ISO-8601 instant or date (00:00 UTC).") String at;

  @Option(names = "--json", description = "One JSON object per rule.") boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    Path dir = blocklists.dir;
    String code = jurisdiction.code;
    Instant when = at == null ? Instant.now() : Dates.parse(at).orElseThrow(() -> CliException.usage(
        "--at: '" + at + "' is not an ISO-8601 date or instant (e.g. 2026-06-01T12:00:00Z)"));
    PolicySnapshot s;
    try {
      s = PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      for (PolicyError error : e.errors()) err().println(error);
      throw CliException.badInput(dir + ": invalid policy (" + e.errors().size() + " errors)");
    }
    if (!s.hasJurisdiction(code)) {
      throw CliException.badInput("unknown jurisdiction '" + code + "' (known: " + String.join(", ", s.jurisdictions()) + ")");
    }
    for (Rule r : s.effectiveRules(code)) {
      boolean active = r.activeAt(when);
      if (at != null && !active) continue;
      List<String> path = s.inheritancePath(code, r);
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", r.id());
        o.put("type", r.type());
        o.put("action", r.action().json());
        o.put("target", r.target().json());
        o.put("category", r.category());
        o.put("legal_basis", r.legalBasis());
        o.put("jurisdiction", r.jurisdiction());
        o.put("path", path);
        r.effectiveFrom().ifPresent(t -> o.put("effective_from", t.toString()));
        r.expires().ifPresent(t -> o.put("expires", t.toString()));
        o.put("active", active);
        if (!r.note().isEmpty()) o.put("note", r.note());
        o.putAll(new TreeMap<>(r.parameters()));
        out().println(JSON.writeValueAsString(o));
      } else {
        out().println(String.join("\t", r.id(), r.type(), r.action().json(), r.target().json(), r.category(),
            String.join(" > ", path), status(r, when, at != null), r.legalBasis()));
      }
    }
    return 0;
  }

  private static String status(Rule r, Instant when, boolean explicit) {
    String suffix = explicit ? " at " + when : "";
    if (r.effectiveFrom().isPresent() && when.isBefore(r.effectiveFrom().get())) return "from " + r.effectiveFrom().get();
    if (r.expires().isPresent() && !when.isBefore(r.expires().get())) return "expired " + r.expires().get();
    return "active" + suffix + r.expires().map(e -> " until " + e).orElse("");
  }
}
