package dev.lucenefilter.cli;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code search}: one page of results for a jurisdiction, or with {@code --all} every visible hit. */
@Command(name = "search", description = "Search the index as seen from a jurisdiction.")
final class SearchCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Mixin SharedOptions.RequiredJurisdiction jurisdictionCode;

  @Mixin SharedOptions.Blocklists blocklistsDir;

  @Option(names = "--target", paramLabel = "posts|channels", defaultValue = "posts", description = "What to search (default ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--sort", paramLabel = "relevance|date|views", description = "Order (default: relevance, or date for an empty query).")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "Hits per page (default ${DEFAULT-VALUE}, at most " + SearchRequest.MAX_PAGE_SIZE + "; --all exports every hit).")
  int limit;

  @Option(names = "--json", description = "JSON Lines: one JSON object per hit.")
  boolean json;

  @Option(names = "--all", description = "Export every visible hit as JSON Lines, page after page through cursors (no result window).")
  boolean all;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the page that gave this cursor (its next_cursor).")
  String cursor;

  // Several unquoted words are one query; a word may begin with '-' (an excluded word), see Main.
  @Parameters(arity = "0..*", paramLabel = "QUERY",
      description = "Words, \"phrases\", -excluded, a OR b, prefix*; empty lists everything, newest first.")
  List<String> words = List.of();

  @Override
  public Integer call() throws Exception {
    String query = HitOutput.query(words);
    if (all && cursor != null) throw CliException.usage("--all and --cursor exclude each other");
    if (limit < 1 || limit > SearchRequest.MAX_PAGE_SIZE) {
      throw CliException.usage("--limit is the page size: between 1 and " + SearchRequest.MAX_PAGE_SIZE + ", not " + limit
          + " (use --all to export every hit, or --cursor to page)");
    }
    SearchRequest.Builder b = SearchRequest.builder(jurisdictionCode.code).query(query)
        .pageSize(all ? SearchRequest.MAX_PAGE_SIZE : limit).cursor(cursor);
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
    if (!ContentIndex.exists(indexDir.dir)) throw CliException.badInput("no index at " + indexDir.dir);
    // The blocklists given now apply, whatever policy the index was built under: a newer rule hides at once.
    PolicySnapshot policy = CliPolicies.load(blocklistsDir.dir, err());
    CliPolicies.requireJurisdiction(policy, jurisdictionCode.code, blocklistsDir.dir);
    PrintWriter out = out();
    HitOutput output = new HitOutput(out, CliCommand.terminal("stdout", false));
    try (ContentIndex ix = ContentIndex.open(indexDir.dir)) {
      SearchService.Builder sb = SearchService.builder(ix)
          .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.systemUTC()));
      // An export walks every visible hit: the result window bounds interactive paging only.
      if (all) sb.maxResultWindow(Long.MAX_VALUE);
      SearchService service = sb.build();
      try {
        if (all) return exportAll(service, b, request);
        SearchResult result = service.search(request);
        List<Hit> hits = result.hits();
        for (int i = 0; i < hits.size(); i++) {
          String next = i == hits.size() - 1 ? result.nextCursor() : null;
          if (json) out.println(HitOutput.toJson(hits.get(i), next));
          else output.printText(hits.get(i));
        }
        if (!json) output.printSummary(result);
      } catch (InvalidRequestException e) {
        throw CliException.badInput(e.getMessage());
      }
    }
    return 0;
  }

  /** Every visible hit, page by page; each page continues from the previous page's cursor. */
  private int exportAll(SearchService service, SearchRequest.Builder b, SearchRequest first) throws IOException {
    SearchRequest request = first;
    while (true) {
      SearchResult page = service.search(request);
      for (Hit h : page.hits()) out().println(HitOutput.toJson(h, null));
      if (page.timedOut()) throw CliException.badInput("the search timed out: the export is incomplete");
      if (page.nextCursor() == null || page.hits().isEmpty()) break;
      request = b.cursor(page.nextCursor()).build();
    }
    out().flush();
    return 0;
  }
}
