package dev.lucenefilter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.InvalidRequestException;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.time.Clock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code search}: one page of results for a jurisdiction. */
@Command(name = "search", description = "Search the index as seen from a jurisdiction.")
final class SearchCommand implements Callable<Integer> {
  private static final JsonFactory JSON = new JsonFactory();

  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory.")
  Path index;

  @Option(names = "--jurisdiction", required = true, paramLabel = "CODE", description = "Whose visibility applies (KZ, FR, GLOBAL, ...).")
  String jurisdiction;

  @Option(names = "--blocklists", paramLabel = "DIR", defaultValue = "blocklists", description = "Policy directory (default ./${DEFAULT-VALUE}).")
  Path blocklists;

  @Option(names = "--target", paramLabel = "posts|channels", defaultValue = "posts", description = "What to search (default ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--sort", paramLabel = "relevance|date|views", description = "Order (default: relevance, or date for an empty query).")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Hits to show (default ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  @Option(names = "--json", description = "One JSON object per hit.")
  boolean json;

  @Parameters(arity = "0..1", paramLabel = "QUERY", defaultValue = "",
      description = "Words, \"phrases\", -excluded, a OR b, prefix*; empty lists everything, newest first.")
  String query;

  @Override
  public Integer call() throws Exception {
    SearchRequest.Builder b = SearchRequest.builder(jurisdiction).query(query).pageSize(limit);
    b.target(switch (target) {
      case "posts" -> SearchRequest.Target.POSTS;
      case "channels" -> SearchRequest.Target.CHANNELS;
      default -> throw CliException.usage("--target must be posts or channels, not '" + target + "'");
    });
    if (sort != null) {
      try {
        b.order(SearchRequest.Order.valueOf(sort.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--sort must be relevance, date or views, not '" + sort + "'");
      }
    }
    SearchRequest request;
    try {
      request = b.build();
    } catch (InvalidRequestException e) {
      throw CliException.usage(e.getMessage());
    }
    if (!ContentIndex.exists(index)) throw CliException.badInput("no index at " + index);
    PrintWriter err = spec.commandLine().getErr();
    // The blocklists given now apply, whatever policy the index was built under: a newer rule hides at once.
    PolicySnapshot policy = CliPolicies.load(blocklists, err);
    CliPolicies.requireJurisdiction(policy, jurisdiction, blocklists);
    SearchResult result;
    try (ContentIndex ix = ContentIndex.open(index)) {
      SearchService service = SearchService.builder(ix)
          .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.systemUTC())).build();
      try {
        result = service.search(request);
      } catch (InvalidRequestException e) {
        throw CliException.badInput(e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Hit h : result.hits()) out.println(json ? toJson(h) : toText(h));
    if (!json) {
      out.printf("%d of %s hits%s%n", result.hits().size(), result.totalHitsText(),
          result.timedOut() ? " (timed out: incomplete)" : "");
    }
    return 0;
  }

  static String toJson(Hit h) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", h.id());
      g.writeStringField("kind", h.kind());
      g.writeStringField("channel_id", h.channelId());
      g.writeStringField("date", h.date().toString());
      g.writeNumberField("views", h.views());
      g.writeNumberField("score", h.score());
      g.writeStringField("snippet", h.snippet());
      g.writeEndObject();
    }
    return w.toString();
  }

  static String toText(Hit h) {
    return String.format("%s  [%s]  %s  views %d  score %.2f%n    %s", h.id(), h.channelId(),
        h.date().toString().substring(0, 10), h.views(), h.score(), h.snippet().replace('\n', ' '));
  }
}
