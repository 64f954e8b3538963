package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Paired}'s figures of a run as the benchmarks README shows them: one row per group and figure, one column per
 * index size ({@code @100000} in a group's name), each cell the median, its interval (the median's 95% confidence
 * interval, or the IQR in files written before Paired had it) and the verdict; groups without a size (indexing,
 * {@code check}) in a table of their own, the diagnostic {@code hidden share} groups as one line each; then the count
 * of each verdict and every figure whose verdict is not {@code MET}. Reads only what Paired wrote, so a README table
 * copied from it is the run's, cell for cell.
 */
final class VerdictsBySize {
  private VerdictsBySize() {}

  private static final Pattern SIZE = Pattern.compile(" @(\\d+)");
  private static final String DIAGNOSTIC = "hidden share";

  /** A figure of one group: where it sits in the table, the target node Paired wrote and the group's ways. */
  private record Figure(String group, String row, int size, JsonNode target, JsonNode ways) {}

  /** Appends the section for the given Paired files (their parsed JSON, in the order the report lists them). */
  static void render(StringBuilder md, List<JsonNode> paired) {
    List<Figure> sized = new ArrayList<>();
    List<Figure> unsized = new ArrayList<>();
    List<String> diagnostics = new ArrayList<>();
    for (JsonNode doc : paired) {
      for (JsonNode g : doc.get("groups")) {
        String group = g.get("group").asText();
        Matcher m = SIZE.matcher(group);
        int size = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String row = SIZE.matcher(group).replaceFirst("");
        if (group.startsWith(DIAGNOSTIC)) {
          diagnostics.add(diagnostic(group, g));
          continue;
        }
        for (JsonNode t : g.get("targets")) {
          (size > 0 ? sized : unsized).add(new Figure(group, row, size, t, g.get("ways")));
        }
      }
    }
    if (sized.isEmpty() && unsized.isEmpty()) return;
    md.append("## Verdicts by size (Paired)\n\n");
    sizedTable(md, sized);
    if (!diagnostics.isEmpty()) md.append('\n').append(String.join("\n", diagnostics)).append('\n');
    if (!unsized.isEmpty()) unsizedTable(md, unsized);
    summary(md, sized, unsized);
  }

  private static void sizedTable(StringBuilder md, List<Figure> sized) {
    TreeSet<Integer> sizes = new TreeSet<>();
    Map<String, Map<Integer, Figure>> rows = new LinkedHashMap<>();
    for (Figure f : sized) {
      sizes.add(f.size);
      rows.computeIfAbsent(f.row + "\u0000" + f.target.get("target").asText(), k -> new LinkedHashMap<>()).put(f.size, f);
    }
    md.append("| group | figure | bound |");
    sizes.forEach(s -> md.append(' ').append(sizeLabel(s)).append(" |"));
    md.append("\n| --- | --- | --- |");
    sizes.forEach(s -> md.append(" --- |"));
    md.append('\n');
    for (Map<Integer, Figure> cells : rows.values()) {
      Figure any = cells.values().iterator().next();
      md.append("| ").append(any.row).append(" | ").append(any.target.get("target").asText()).append(" | ")
          .append(bound(any.target)).append(" |");
      for (int s : sizes) {
        Figure f = cells.get(s);
        md.append(' ').append(f == null ? "–" : value(f.target) + " (" + interval(f.target) + ") " + verdict(f.target))
            .append(" |");
      }
      md.append('\n');
    }
  }

  private static void unsizedTable(StringBuilder md, List<Figure> unsized) {
    md.append("\n| group | figure | median (interval) | bound | verdict |\n| --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < unsized.size(); i++) {
      Figure f = unsized.get(i);
      md.append("| ").append(f.group).append(" | ").append(f.target.get("target").asText()).append(" | ")
          .append(value(f.target)).append(" (").append(interval(f.target)).append(") | ").append(bound(f.target))
          .append(" | ").append(verdict(f.target)).append(" |\n");
      if (i + 1 == unsized.size() || !unsized.get(i + 1).group.equals(f.group)) callTimes(md, f);
    }
  }

  /** The group's median time per call of each way: what the ratios above it are ratios of. */
  private static void callTimes(StringBuilder md, Figure last) {
    List<String> ways = new ArrayList<>();
    last.ways.fields().forEachRemaining(e -> ways.add(String.format(Locale.ROOT, "%s %,.1f ms", e.getKey(),
        e.getValue().get("medianMicros").asDouble() / 1e3)));
    md.append("| ").append(last.group).append(" | median time per call | ").append(String.join(", ", ways))
        .append(" | – | – |\n");
  }

  private static void summary(StringBuilder md, List<Figure> sized, List<Figure> unsized) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String v : List.of("MET", "AT TARGET", "NOT MET")) counts.put(v, 0);
    List<String> notMet = new ArrayList<>();
    List<Figure> all = new ArrayList<>(sized);
    all.addAll(unsized);
    for (Figure f : all) {
      String v = verdict(f.target);
      if (!counts.containsKey(v)) continue;
      counts.merge(v, 1, Integer::sum);
      if (!v.equals("MET")) {
        notMet.add(String.format(Locale.ROOT, "- %s, %s: %s (%s), `%s` (bound %s)", f.group,
            f.target.get("target").asText(), value(f.target), interval(f.target), v, bound(f.target)));
      }
    }
    md.append(String.format(Locale.ROOT, "%nFigures with a bound: %d MET, %d AT TARGET, %d NOT MET.%n",
        counts.get("MET"), counts.get("AT TARGET"), counts.get("NOT MET")));
    if (!notMet.isEmpty()) md.append("\nNot MET (within noise of the bound, or beyond it):\n\n")
        .append(String.join("\n", notMet)).append('\n');
    md.append('\n');
  }

  private static String diagnostic(String group, JsonNode g) {
    List<String> parts = new ArrayList<>();
    for (JsonNode t : g.get("targets")) {
      parts.add(String.format(Locale.ROOT, "%s %.2f×", t.get("num").asText(), t.get("median").asDouble()));
    }
    return "`" + group + "` (÷ unfiltered, no bound): " + String.join(", ", parts) + ".";
  }

  private static String sizeLabel(int size) {
    return size % 1_000_000 == 0 ? size / 1_000_000 + "M" : size % 1_000 == 0 ? size / 1_000 + "k" : String.valueOf(size);
  }

  private static boolean rate(JsonNode t) {
    return t.get("target").asText().contains("/s");
  }

  private static String format(JsonNode t, double x) {
    return rate(t) ? String.format(Locale.ROOT, "%,.0f/s", x) : String.format(Locale.ROOT, "%.2f×", x);
  }

  private static String value(JsonNode t) {
    return format(t, t.get("median").asDouble());
  }

  /** The median's 95% confidence interval, or the IQR where the file predates it (then said so). */
  private static String interval(JsonNode t) {
    boolean ci = t.has("ciLow");
    double lo = t.get(ci ? "ciLow" : "q1").asDouble();
    double hi = t.get(ci ? "ciHigh" : "q3").asDouble();
    String range = rate(t) ? format(t, lo) + "–" + format(t, hi)
        : String.format(Locale.ROOT, "%.2f–%.2f", lo, hi);
    return ci ? range : "IQR " + range;
  }

  private static String bound(JsonNode t) {
    double b = t.get("bound").asDouble();
    return Double.isNaN(b) ? "–" : (t.get("atMost").asBoolean() ? "≤ " : "≥ ") + format(t, b);
  }

  /** The verdict word alone: Paired may append why (AT TARGET's "within noise: ..."). */
  private static String verdict(JsonNode t) {
    String v = t.get("verdict").asText();
    int paren = v.indexOf(" (");
    return paren < 0 ? v : v.substring(0, paren);
  }
}
