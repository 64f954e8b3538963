package dev.lucenefilter.index;

import java.util.List;

/**
 * What a committed bulk run did.
 *
 * @param posts          posts stored (distinct ids: a line that replaced an earlier line of the run is not counted)
 * @param channels       channels stored (distinct ids, likewise)
 * @param skipped        malformed lines skipped (only under {@code --on-error skip})
 * @param rejected       records the {@link IndexTimeHook} rejected
 * @param duplicates     lines whose id an earlier line of the same run had stored: the later line replaced it
 * @param duplicateLines the first of those lines, as {@code FILE:LINE} (at most 10; {@code duplicates} is exact)
 * @param nanos          wall time of the run, commit included
 */
public record IndexReport(long posts, long channels, long skipped, long rejected, long duplicates,
    List<String> duplicateLines, long nanos) {

  public IndexReport {
    duplicateLines = List.copyOf(duplicateLines);
  }

  /** Records read per second (indexed, replaced, skipped and rejected). */
  public double recordsPerSecond() {
    return nanos <= 0 ? 0 : (posts + channels + skipped + rejected + duplicates) * 1e9 / nanos;
  }

  /** Wall time in seconds. */
  public double seconds() { return nanos / 1e9; }

  /**
   * The one-line note on duplicates, e.g. {@code 2 duplicate ids (later lines replaced earlier ones):
   * posts.jsonl:3 posts.jsonl:7}; empty when there were none.
   */
  public String duplicatesNote() {
    if (duplicates == 0) return "";
    String more = duplicates > duplicateLines.size() ? " …" : "";
    return duplicates + " duplicate id" + (duplicates == 1 ? "" : "s") + " (later lines replaced earlier ones): "
        + String.join(" ", duplicateLines) + more;
  }
}
