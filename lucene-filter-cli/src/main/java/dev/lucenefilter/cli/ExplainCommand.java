package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Explainer;
import dev.lucenefilter.filter.Explanation;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "explain", description = "Explain why a post or channel is visible or hidden in a jurisdiction.")
final class ExplainCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Mixin SharedOptions.JurisdictionPolicy policy;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The post or channel id.")
  String id;

  @Option(names = "--kind", paramLabel = "post|channel",
      description = "Which record the id names; required when a post and a channel share the id.")
  String kind;

  @Mixin SharedOptions.At at;

  @Option(names = "--json", description = "The explanation as JSON.")
  boolean json;

  @Option(names = "--statement", description = "Print the statement of reasons (EU DSA transparency database fields) as JSON.")
  boolean statement;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    if (kind != null && !kind.equals("post") && !kind.equals("channel")) {
      throw CliException.usage("--kind must be post or channel, not '" + kind + "'");
    }
    PolicySnapshot snapshot = policy.load(err());
    Explanation e;
    try (ContentIndex ix = indexDir.open()) {
      e = IndexAudits.explain(ix, new Explainer(ContentFilters.load(), UnknownJurisdictions.ERROR), snapshot,
          policy.code, kind, id, at.instant()).orElseThrow(() -> CliException.badInput("the index holds no "
              + (kind == null ? "post or channel" : kind) + " with id '" + id + "'"));
    } catch (Explainer.AmbiguousIdException ambiguous) {
      throw CliException.usage("both a post and a channel have id '" + id + "': give --kind post or --kind channel");
    }
    if (statement) {
      if (e.decision().visible()) {
        throw CliException.badInput(id + " is visible in " + policy.code + ": there is no statement of reasons");
      }
      out.println(e.statementOfReasons().toPrettyString());
    } else if (json) {
      out.println(e.toJson().toString());
    } else {
      e.lines().forEach(line -> out.println(Printable.of(line)));
    }
    return 0;
  }
}
