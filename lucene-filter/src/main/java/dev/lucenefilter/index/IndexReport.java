package dev.lucenefilter.index;

/**
 * What a committed bulk run did.
 *
 * @param posts    posts indexed (added or replaced)
 * @param channels channels indexed (added or replaced)
 * @param skipped  malformed lines skipped (only under {@code --on-error skip})
 * @param rejected records the {@link IndexTimeHook} rejected
 * @param nanos    wall time of the run, commit included
 */
public record IndexReport(long posts, long channels, long skipped, long rejected, long nanos) {
  /** Records read per second (indexed, skipped and rejected). */
  public double recordsPerSecond() {
    return nanos <= 0 ? 0 : (posts + channels + skipped + rejected) * 1e9 / nanos;
  }

  /** Wall time in seconds. */
  public double seconds() { return nanos / 1e9; }
}
