package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.SearchResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@code search} prints hits. JSON Lines: one object per hit; a post has {@code id, kind, channel_id, date,
 * views, score, snippet}, a channel {@code id, kind, created, subscribers, score, snippet}; {@code score} is
 * {@code null} when the order is not by relevance (never {@code "NaN"}); the snippet keeps the highlighter's
 * {@code <b>}…{@code </b>} marks; the last hit of a page that has a next page carries {@code next_cursor}.
 * Text: one row per hit whose columns are named, the matches in bold on a terminal and unmarked otherwise.
 */
final class HitOutput {
  private static final Pattern MARK = Pattern.compile("</?b>");
  private static final String BOLD = "\u001b[1m";
  private static final String PLAIN = "\u001b[0m";

  private final PrintWriter out;
  private final boolean terminal;

  HitOutput(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** The query the words given on the command line make: unquoted words are one query, joined by spaces. */
  static String query(List<String> words) {
    for (String w : words) {
      // Single-dash words are excluded query words; a double dash is a mistyped option, not a query.
      if (w.startsWith("--")) throw CliException.usage("unknown option '" + w + "'");
    }
    return String.join(" ", words);
  }

  void printText(Hit h) {
    String snippet = snippet(h.snippet().replace('\n', ' '));
    String score = Float.isNaN(h.score()) ? "" : String.format("  score %.2f", h.score());
    if (h.kind().equals("channel")) {
      out.printf("%s  created %s  subscribers %d%s%n    %s%n", h.id(), h.date().toString().substring(0, 10),
          h.views(), score, snippet);
    } else {
      out.printf("%s  channel %s  date %s  views %d%s%n    %s%n", h.id(), h.channelId(),
          h.date().toString().substring(0, 10), h.views(), score, snippet);
    }
  }

  void printSummary(SearchResult result) {
    out.printf("%d of %s hits%s%n", result.hits().size(), result.totalHitsText(),
        result.timedOut() ? " (timed out: incomplete)" : "");
    if (result.nextCursor() != null) out.printf("next page: --cursor %s%n", result.nextCursor());
  }

  private String snippet(String s) {
    if (!terminal) return MARK.matcher(s).replaceAll("");
    return s.replace("<b>", BOLD).replace("</b>", PLAIN);
  }

  static String toJson(Hit h, String nextCursor) {
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
