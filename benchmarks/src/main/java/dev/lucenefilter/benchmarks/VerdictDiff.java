package dev.lucenefilter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the verdicts of two runs ({@code <profile>-verdicts.txt} files, as {@code run.sh} writes them): which
 * figures with a bound kept their verdict, which moved, and whether any moved between a firm "met" and a firm "not
 * met". This is how "the same verdict twice in a row" is checked, by a program rather than by eye.
 *
 * <p>A verdict line is {@code VERDICT [group] label: figure: verdict}; the figure is keyed by its group and label
 * (a label that appears again is numbered: {@code #2}), so runs of different profiles or query classes share only
 * what they both measured. Verdicts fall in three
 * classes: met ({@code MET}, {@code yes ...}), not met ({@code NOT MET}, {@code no ...}) and within noise
 * ({@code AT TARGET}); figures without a bound ({@code reported}) are not compared. Usage: {@code VerdictDiff
 * BEFORE AFTER}; prints the summary and every moved figure, and exits 1 when any verdict moved (2 on bad input).
 */
public final class VerdictDiff {
  private VerdictDiff() {}

  /** One figure of a run: its key ({@code [group] label}), its figure text and its verdict class. */
  record Line(String key, String figure, Verdict verdict) {}

  /** The three classes a verdict falls in. */
  enum Verdict { MET, NOT_MET, WITHIN_NOISE }

  /** One figure both runs judged against a bound, with each run's figure and verdict. */
  record Pair(String key, Line before, Line after) {
    boolean moved() { return before.verdict() != after.verdict(); }

    /** Moved between a firm met and a firm not met, skipping within noise. */
    boolean firmFlip() { return moved() && before.verdict() != Verdict.WITHIN_NOISE && after.verdict() != Verdict.WITHIN_NOISE; }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: VerdictDiff BEFORE-verdicts.txt AFTER-verdicts.txt");
      System.exit(2);
    }
    List<Pair> pairs;
    try {
      pairs = compare(read(Path.of(args[0])), read(Path.of(args[1])));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(describe(pairs));
    System.exit(pairs.stream().anyMatch(Pair::moved) ? 1 : 0);
  }

  /** The figures with a bound of a verdicts file, in its order. */
  static Map<String, Line> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    Map<String, Line> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("VERDICT ")) continue;
      Line l;
      try {
        l = parse(lines.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
      if (l == null) continue;
      // A label twice (the 1k-rule edit, once per index size) is told apart by its order, the same in every run.
      String key = l.key();
      for (int n = 2; out.containsKey(key); n++) key = l.key() + " #" + n;
      out.put(key, new Line(key, l.figure(), l.verdict()));
    }
    return out;
  }

  /** One verdict line; null for a figure without a bound. */
  static Line parse(String line) {
    // AT TARGET carries its reason in parentheses, with a colon of its own (worded differently in older runs).
    String body = line.substring("VERDICT ".length()).replaceFirst(": AT TARGET \\(within noise: [^)]*\\)$",
        ": AT TARGET");
    int group = body.indexOf("] ");
    int labelEnd = group < 0 ? -1 : body.indexOf(": ", group);
    int verdictStart = body.lastIndexOf(": ");
    if (!body.startsWith("[") || labelEnd < 0 || verdictStart <= labelEnd) {
      throw new IllegalArgumentException("not a verdict line ('VERDICT [group] label: figure: verdict'): " + line);
    }
    String verdict = body.substring(verdictStart + 2).strip();
    Verdict v;
    if (verdict.equals("reported")) return null;
    else if (verdict.equals("MET") || verdict.equals("yes") || verdict.startsWith("yes ")) v = Verdict.MET;
    else if (verdict.equals("NOT MET") || verdict.equals("no") || verdict.startsWith("no ")) v = Verdict.NOT_MET;
    else if (verdict.equals("AT TARGET")) v = Verdict.WITHIN_NOISE;
    else throw new IllegalArgumentException("unknown verdict '" + verdict + "' in: " + line);
    return new Line(body.substring(0, labelEnd), body.substring(labelEnd + 2, verdictStart).strip(), v);
  }

  /** The figures both runs have, in {@code before}'s order. */
  static List<Pair> compare(Map<String, Line> before, Map<String, Line> after) {
    List<Pair> out = new ArrayList<>();
    for (Line b : before.values()) {
      Line a = after.get(b.key());
      if (a != null) out.add(new Pair(b.key(), b, a));
    }
    return out;
  }

  /** The summary line and one line per moved figure. */
  static String describe(List<Pair> pairs) {
    long moved = pairs.stream().filter(Pair::moved).count();
    long firm = pairs.stream().filter(Pair::firmFlip).count();
    StringBuilder sb = new StringBuilder();
    sb.append(pairs.size()).append(" figures with a bound in both runs: ").append(pairs.size() - moved)
        .append(" kept their verdict, ").append(moved).append(" moved, ").append(firm)
        .append(" of them between met and not met\n");
    for (Pair p : pairs) {
      if (!p.moved()) continue;
      sb.append(p.firmFlip() ? "FLIP  " : "MOVED ").append(p.key()).append(": ")
          .append(p.before().figure()).append(" ").append(name(p.before().verdict())).append(" -> ")
          .append(p.after().figure()).append(" ").append(name(p.after().verdict())).append('\n');
    }
    return sb.toString();
  }

  private static String name(Verdict v) {
    return switch (v) {
      case MET -> "[met]";
      case NOT_MET -> "[not met]";
      case WITHIN_NOISE -> "[within noise]";
    };
  }
}
