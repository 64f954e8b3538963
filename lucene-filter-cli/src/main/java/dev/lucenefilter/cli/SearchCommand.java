package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.InvalidRequestException;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code search}: one page of results for a jurisdiction, or with {@code --all} every visible hit. JSON Lines: one
 * object per hit; a post has {@code id, kind, channel_id, date, views, score, snippet}, a channel {@code id, kind,
 * created, subscribers, score, snippet}; {@code score} is {@code null} when the order is not by relevance (never
 * {@code "NaN"}); the snippet keeps the highlighter's {@code <b>}…{@code </b>} marks; the last hit of a page that
 * has a next page carries {@code next_cursor}. Text: one row per hit whose columns are named, the matches in bold
 * on a terminal and unmarked otherwise.
 */
@Command(name = "search", description = "Search the index as seen from a jurisdiction.")
final class SearchCommand extends CliCommand {
  private static final Pattern MARK = Pattern.compile("</?b>");

  @Mixin SharedOptions.IndexDir indexDir;

  @Mixin SharedOptions.JurisdictionPolicy jurisdictionPolicy;

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
    for (String w : words) {
      // Single-dash words are excluded query words; a double dash is a mistyped option, not a query.
      if (w.startsWith("--")) throw CliException.usage("unknown option '" + w + "'");
    }
    if (all && cursor != null) throw CliException.usage("--all and --cursor exclude each other");
    if (limit < 1 || limit > SearchRequest.MAX_PAGE_SIZE) {
      throw CliException.usage("--limit is the page size: between 1 and " + SearchRequest.MAX_PAGE_SIZE + ", not " + limit
          + " (use --all to export every hit, or --cursor to page)");
    }
    SearchRequest.Builder b = SearchRequest.builder(jurisdictionPolicy.code).query(String.join(" ", words))
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
    // The blocklists given now apply, whatever policy the index was built under: a newer rule hides at once.
    PolicySnapshot policy = jurisdictionPolicy.load(err());
    PrintWriter out = out();
    boolean terminal = terminal("stdout", false);
    try (ContentIndex ix = indexDir.openForReading()) {
      SearchService.Builder sb = SearchService.builder(ix)
          .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.systemUTC()));
      // An export walks every visible hit: the result window bounds interactive paging only.
      if (all) sb.maxResultWindow(Long.MAX_VALUE);
      SearchService service = sb.build();
      if (all) return exportAll(service, b, request);
      SearchResult result = service.search(request);
      List<Hit> hits = result.hits();
      for (int i = 0; i < hits.size(); i++) {
        if (json) out.println(toJson(hits.get(i), i == hits.size() - 1 ? result.nextCursor() : null));
        else printText(out, hits.get(i), terminal);
      }
      if (!json) {
        out.printf("%d of %s hits%s%n", hits.size(), result.totalHitsText(),
            result.timedOut() ? " (timed out: incomplete)" : "");
        if (result.nextCursor() != null) out.printf("next page: --cursor %s%n", result.nextCursor());
      }
    }
    return 0;
  }

  /** Every visible hit, page by page; each page continues from the previous page's cursor. */
  private int exportAll(SearchService service, SearchRequest.Builder b, SearchRequest first) throws IOException {
    SearchRequest request = first;
    while (true) {
      SearchResult page = service.search(request);
      for (Hit h : page.hits()) out().println(toJson(h, null));
      if (page.timedOut()) throw CliException.badInput("the search timed out: the export is incomplete");
      if (page.nextCursor() == null || page.hits().isEmpty()) return 0;
      request = b.cursor(page.nextCursor()).build();
    }
  }

  private static void printText(PrintWriter out, Hit h, boolean terminal) {
    String snippet = Printable.of(h.snippet().replace('\n', ' '));
    snippet = terminal ? snippet.replace("<b>", "\u001b[1m").replace("</b>", "\u001b[0m")
        : MARK.matcher(snippet).replaceAll("");
    String score = Float.isNaN(h.score()) ? "" : String.format("  score %.2f", h.score());
    String day = h.date().toString().substring(0, 10);
    if (h.kind().equals("channel")) {
      out.printf("%s  created %s  subscribers %d%s%n    %s%n", Printable.of(h.id()), day, h.views(), score, snippet);
    } else {
      out.printf("%s  channel %s  date %s  views %d%s%n    %s%n", Printable.of(h.id()), Printable.of(h.channelId()), day,
          h.views(), score, snippet);
    }
  }

  private static String toJson(Hit h, String nextCursor) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", h.id()).put("kind", h.kind());
    if (h.kind().equals("channel")) {
      o.put("created", h.date().toString()).put("subscribers", h.views());
    } else {
      o.put("channel_id", h.channelId()).put("date", h.date().toString()).put("views", h.views());
    }
    if (Float.isNaN(h.score())) o.putNull("score");
    else o.put("score", h.score());
    o.put("snippet", h.snippet());
    if (nextCursor != null) o.put("next_cursor", nextCursor);
    return o.toString();
  }
}
