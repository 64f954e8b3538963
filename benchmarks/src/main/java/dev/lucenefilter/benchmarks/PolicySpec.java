package dev.lucenefilter.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes of a generated benchmark policy: per jurisdiction, {@code channels} blocked channel ids, {@code domains}
 * domains, {@code phrases} phrases and {@code usernames} usernames (plus a few regexes, media hashes and
 * classifier rules), grouped {@code valuesPerRule} values to a rule, for {@code jurisdictions} jurisdictions
 * ({@code KZ}, then {@code J001} … up to 200) that inherit a small GLOBAL file. Written as {@code
 * c<channels>-d<domains>-p<phrases>-u<usernames>-j<jurisdictions>-v<valuesPerRule>-s<seed>}.
 */
public record PolicySpec(int channels, int domains, int phrases, int usernames, int jurisdictions,
    int valuesPerRule, long seed) {
  /** The query benchmarks' policy: 100k channels, 10k domains, 10k phrases, 1k usernames, one jurisdiction. */
  public static final PolicySpec QUERY = new PolicySpec(100_000, 10_000, 10_000, 1_000, 1, 10, Datasets.SEED);
  /** The memory report's policy: 200 jurisdictions of 1k channels, 1k domains, 1k phrases, 100 usernames. */
  public static final PolicySpec MEMORY = new PolicySpec(1_000, 1_000, 1_000, 100, 200, 10, Datasets.SEED);

  private static final Pattern FORM =
      Pattern.compile("c(\\d+)-d(\\d+)-p(\\d+)-u(\\d+)-j(\\d+)-v(\\d+)-s(-?\\d+)");

  public PolicySpec {
    if (channels < 0 || domains < 0 || phrases < 0 || usernames < 0) throw new IllegalArgumentException("negative size");
    if (jurisdictions < 1 || jurisdictions > 200) {
      throw new IllegalArgumentException("jurisdictions must be between 1 and 200, not " + jurisdictions);
    }
    if (valuesPerRule < 1) throw new IllegalArgumentException("valuesPerRule must be positive");
  }

  /** The directory-name form. */
  public String key() {
    return "c" + channels + "-d" + domains + "-p" + phrases + "-u" + usernames + "-j" + jurisdictions + "-v"
        + valuesPerRule + "-s" + seed;
  }

  /** Parses {@link #key()}'s form. */
  public static PolicySpec parse(String s) {
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("policy spec must look like c100000-d10000-p10000-u1000-j1-v10-s42, not '" + s + "'");
    }
    return new PolicySpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
        Long.parseLong(m.group(7)));
  }

  /** The code of jurisdiction {@code i} (0-based): KZ, then J001, J002, … */
  public static String jurisdiction(int i) {
    return i == 0 ? "KZ" : String.format(java.util.Locale.ROOT, "J%03d", i);
  }

  /** Every jurisdiction code of this spec, KZ first. */
  public java.util.List<String> jurisdictionCodes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < jurisdictions; i++) out.add(jurisdiction(i));
    return out;
  }
}
