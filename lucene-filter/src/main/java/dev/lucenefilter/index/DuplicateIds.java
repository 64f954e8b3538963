package dev.lucenefilter.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The ids a bulk run has stored so far, per record kind, to report the lines that replaced a record stored earlier
 * in the same run (the index keeps the last one). Ids are remembered as 64-bit murmur3 hashes, 8 bytes each, so a
 * million-record file costs about 16 MB; two different ids share a hash with probability about n²/2⁶⁵ (below
 * 10⁻⁷ for 10⁶ ids), and such a collision could only add a line to the report, never change what is stored. Not
 * thread-safe: one per run.
 */
final class DuplicateIds {
  /** How many duplicate lines the report lists by location; the count is always exact. */
  static final int MAX_LISTED = 10;

  private long[] table = new long[1 << 10];
  private int size;
  private boolean hasZero;
  private long count;
  private final List<String> listed = new ArrayList<>();

  /**
   * Records that {@code id} was stored from {@code file} at {@code line}; true (and counted) when an earlier line
   * of this run had already stored it.
   */
  boolean stored(String id, String file, long line) {
    long h = StringHelper.murmurhash3_x64_128(new BytesRef(id))[0];
    if (add(h)) return false;
    count++;
    if (listed.size() < MAX_LISTED) listed.add(file + ":" + line);
    return true;
  }

  /** Lines that replaced an earlier line's record. */
  long count() { return count; }

  /** The first {@link #MAX_LISTED} of them, as {@code FILE:LINE}. */
  List<String> listed() { return List.copyOf(listed); }

  /** Adds a hash; false when it was there already. */
  private boolean add(long h) {
    if (h == 0) {
      boolean had = hasZero;
      hasZero = true;
      return !had;
    }
    if ((size + 1) * 2 > table.length) grow();
    if (!insert(table, h)) return false;
    size++;
    return true;
  }

  private static boolean insert(long[] t, long h) {
    int mask = t.length - 1;
    for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (t[i] == 0) {
        t[i] = h;
        return true;
      }
      if (t[i] == h) return false;
    }
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long h : table) if (h != 0) insert(bigger, h);
    table = bigger;
  }
}
