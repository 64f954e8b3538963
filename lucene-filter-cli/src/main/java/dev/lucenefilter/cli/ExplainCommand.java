package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Explainer;
import dev.lucenefilter.filter.Explanation;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    try (ContentIndex ix = indexDir.openForReading()) {
      e = IndexAudits.explain(ix, new Explainer(ContentFilters.load(), UnknownJurisdictions.ERROR), snapshot,
          policy.code, kind, id, at.instant()).orElseThrow(() -> CliException.badInput("the index holds no "
              + (kind == null ? "post or channel" : kind) + " with id '" + id + "'" + rejectedAtIndexTime()));
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

  /**
   * Why an absent post is absent, from the index's rejection log ({@link IndexCommand#REJECTION_LOG}): its last line
   * for a post with that id, or nothing. A rejected channel needs none: its tombstone explains it.
   */
  private String rejectedAtIndexTime() {
    if (kind != null && !kind.equals("post")) return "";
    Path log = indexDir.dir.resolve(IndexCommand.REJECTION_LOG);
    JsonNode last = null;
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        JsonNode entry = JSON.readTree(line);
        if ("post".equals(entry.path("kind").asText()) && id.equals(entry.path("id").asText())) last = entry;
      }
    } catch (IOException | UncheckedIOException e) {
      return ""; // no log, or one that cannot be read: the plain answer stands
    }
    if (last == null) return "";
    List<String> rules = new ArrayList<>();
    last.path("rules").forEach(r -> rules.add(r.asText()));
    String version = last.path("policy_version").asText();
    return ": it was rejected when indexed, at " + last.path("time").asText() + ", by " + String.join(", ", rules)
        + " (policy " + version.substring(0, Math.min(12, version.length())) + "), and never stored";
  }

  private static final ObjectMapper JSON = new ObjectMapper();
}
