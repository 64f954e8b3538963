package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ImpactAnalysis;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "impact",
    description = "Preview a policy change: records newly hidden and unhidden, per jurisdiction and rule, with samples.")
final class ImpactCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Option(names = "--from", required = true, paramLabel = "OLD_DIR", description = "The policy in force.")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "NEW_DIR", description = "The policy to deploy.")
  Path to;

  @Option(names = "--jurisdiction", paramLabel = "CODE", description = "Only this jurisdiction (default: every jurisdiction of either policy).")
  String jurisdiction;

  @Mixin SharedOptions.At at;

  @Option(names = "--samples", defaultValue = "5", paramLabel = "N", description = "Sample record ids per rule (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--json", description = "The report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    PolicySnapshot old = loadPolicy(from, err());
    PolicySnapshot neu = loadPolicy(to, err());
    TreeSet<String> codes = new TreeSet<>(old.jurisdictions());
    codes.addAll(neu.jurisdictions());
    if (jurisdiction != null) {
      if (!codes.contains(jurisdiction)) {
        throw CliException.badInput("unknown jurisdiction '" + jurisdiction + "' in both " + from + " and " + to);
      }
      codes.retainAll(List.of(jurisdiction));
    }
    List<ImpactAnalysis.JurisdictionImpact> report;
    try (ContentIndex ix = indexDir.openForReading()) {
      report = IndexAudits.impact(ix, old, neu, codes, at.instant(), ContentFilters.load(), samples);
    }
    if (json) {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      for (var j : report) {
        ObjectNode o = arr.addObject().put("jurisdiction", j.jurisdiction())
            .put("presence", j.presence().name().toLowerCase(Locale.ROOT))
            .put("newly_hidden", j.newlyHidden()).put("unhidden", j.unhidden());
        rules(o.putArray("hidden_by"), j.hiddenBy());
        rules(o.putArray("unhidden_from"), j.unhiddenFrom());
      }
      out.println(arr.toPrettyString());
      return 0;
    }
    out.printf("impact of %s -> %s (versions %s -> %s)%n", from, to, old.version().substring(0, 12), neu.version().substring(0, 12));
    for (var j : report) {
      String code = j.jurisdiction();
      switch (j.presence()) {
        case KEPT -> out.printf("%s: %d newly hidden, %d unhidden%n", code, j.newlyHidden(), j.unhidden());
        case ADDED -> out.printf("%s: new jurisdiction (searches for it were refused before): %d hidden%n", code,
            j.newlyHidden());
        case REMOVED -> out.printf("%s: removed jurisdiction: searches for it will be refused (unknown jurisdiction,"
            + " fail closed); nothing becomes visible%n", code);
      }
      for (var r : j.hiddenBy()) printRule(out, '+', r);
      for (var r : j.unhiddenFrom()) printRule(out, '-', r);
    }
    return 0;
  }

  /** One rule's line: its id, how many records it hides ({@code +}) or no longer hides ({@code -}), and samples. */
  private static void printRule(PrintWriter out, char sign, ImpactAnalysis.RuleImpact r) {
    out.printf("  %c %-28s %6d  e.g. %s%n", sign, r.ruleId(), r.records(), Printable.of(String.join(", ", r.samples())));
  }

  private static void rules(ArrayNode arr, List<ImpactAnalysis.RuleImpact> rules) {
    for (var r : rules) {
      ObjectNode o = arr.addObject().put("rule", r.ruleId()).put("records", r.records());
      r.samples().forEach(o.putArray("samples")::add);
    }
  }
}
