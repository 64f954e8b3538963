package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.TransparencyReport;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transparency",
    description = "Count withheld posts and channels per jurisdiction and rule (aggregates only, no ids or content).")
final class TransparencyCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Mixin SharedOptions.Blocklists blocklistsDir;

  @Option(names = "--jurisdiction", paramLabel = "CODE", description = "Only this jurisdiction (default: all).")
  String jurisdiction;

  @Mixin SharedOptions.At at;

  @Option(names = "--json", description = "The report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    PolicySnapshot policy = loadPolicy(blocklistsDir.dir, err());
    List<String> codes = jurisdiction == null ? List.copyOf(policy.jurisdictions()) : List.of(jurisdiction);
    for (String c : codes) requireJurisdiction(policy, c, blocklistsDir.dir);
    List<TransparencyReport.JurisdictionCounts> report;
    try (ContentIndex ix = indexDir.openForReading()) {
      report = IndexAudits.transparency(ix, policy, codes, at.instant(), ContentFilters.load());
    }
    if (json) {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      for (var j : report) {
        ArrayNode rules = arr.addObject().put("jurisdiction", j.jurisdiction()).put("posts", j.posts())
            .put("channels", j.channels()).put("withheld_posts", j.hiddenPosts())
            .put("withheld_channels", j.hiddenChannels()).putArray("by_rule");
        for (var r : j.byRule()) {
          rules.addObject().put("rule", r.ruleId()).put("category", r.category()).put("legal_basis", r.legalBasis()).put("records", r.records());
        }
      }
      out.println(arr.toPrettyString());
      return 0;
    }
    for (var j : report) {
      out.printf("%s: %d of %d posts and %d of %d channels withheld%n", j.jurisdiction(), j.hiddenPosts(), j.posts(),
          j.hiddenChannels(), j.channels());
      for (var r : j.byRule()) out.printf("  %-28s %-20s %8d%n", r.ruleId(), r.category(), r.records());
    }
    return 0;
  }
}
