package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rules --jurisdiction CODE [--at INSTANT] [--json] [--blocklists DIR]}: the effective rules of a
 * jurisdiction, sorted by id, each with where it comes from. Without {@code --at} every effective rule is listed
 * with its status now; with {@code --at} only those active at that instant.
 */
@Command(name = "rules", description = "List the effective rules of a jurisdiction and where each comes from.")
final class RulesCommand extends CliCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin SharedOptions.JurisdictionPolicy policy;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Only rules active at this ISO-8601 instant or date (00:00 UTC).") String at;

  @Option(names = "--json", description = "One JSON object per rule.") boolean json;

  @Override
  public Integer call() {
    String code = policy.code;
    Instant when = atInstant(at);
    PolicySnapshot s = policy.load(err());
    for (Rule r : s.effectiveRules(code)) {
      boolean active = r.activeAt(when);
      if (at != null && !active) continue;
      List<String> path = s.inheritancePath(code, r);
      if (json) {
        ObjectNode o = JSON.createObjectNode().put("id", r.id()).put("type", r.type()).put("action", r.action().json())
            .put("target", r.target().json()).put("category", r.category()).put("legal_basis", r.legalBasis())
            .put("jurisdiction", r.jurisdiction());
        path.forEach(o.putArray("path")::add);
        r.effectiveFrom().ifPresent(t -> o.put("effective_from", t.toString()));
        r.expires().ifPresent(t -> o.put("expires", t.toString()));
        o.put("active", active);
        if (!r.note().isEmpty()) o.put("note", r.note());
        o.setAll((ObjectNode) JSON.valueToTree(new TreeMap<>(r.parameters())));
        out().println(o);
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
