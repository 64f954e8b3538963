package dev.lucenefilter.text;

import java.util.Arrays;

/**
 * Dense ids for the words of the phrase rules, looked up by a slice of a char array so the matcher never makes
 * a String per token. Open addressing over one char pool; ids are 0, 1, 2, … in order of first addition.
 * Written by one thread while the matcher is built, then only read (safely published by the matcher's final
 * fields).
 */
final class WordIds {
  private char[] pool = new char[4096];
  private int poolLen;
  /** Per id: offset in the pool (high half) and length (low half), one read for both. */
  private long[] spans = new long[1024];
  private int size;
  /** Per slot: the word's hash in the high half and id + 1 in the low half; 0 when empty. Keeping the hash in
   * the slot means a probe that meets another word rarely touches the word arrays (a cache miss each). */
  private long[] table = new long[2048];
  private int mask = table.length - 1;

  int size() { return size; }

  static int hash(char[] a, int off, int len) {
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) h = 31 * h + a[i];
    return h ^ (h >>> 16);
  }

  /** The id of the word {@code a[off, off+len)}, or -1. */
  int get(char[] a, int off, int len, int hash) {
    int i = hash & mask;
    while (true) {
      long slot = table[i];
      if (slot == 0) return -1;
      if ((int) (slot >>> 32) == hash) {
        int id = (int) slot - 1;
        long span = spans[id];
        int at = (int) (span >>> 32);
        if ((int) span == len && same(pool, at, a, off, len)) return id;
      }
      i = (i + 1) & mask;
    }
  }

  /** A plain loop: words are short, where {@link Arrays#equals(char[], int, int, char[], int, int)} costs a call. */
  private static boolean same(char[] x, int xOff, char[] y, int yOff, int len) {
    for (int i = 0; i < len; i++) if (x[xOff + i] != y[yOff + i]) return false;
    return true;
  }

  /** The id of {@code word}, adding it when new. */
  int getOrAdd(String word) {
    char[] a = word.toCharArray();
    int h = hash(a, 0, a.length);
    int id = get(a, 0, a.length, h);
    if (id >= 0) return id;
    if (size == spans.length) spans = Arrays.copyOf(spans, size * 2);
    if (poolLen + a.length > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolLen + a.length));
    System.arraycopy(a, 0, pool, poolLen, a.length);
    id = size++;
    spans[id] = ((long) poolLen << 32) | a.length;
    poolLen += a.length;
    if (size * 2 > table.length) rehash();
    insert(((long) h << 32) | (id + 1));
    return id;
  }

  private void insert(long slot) {
    int i = (int) (slot >>> 32) & mask;
    while (table[i] != 0) i = (i + 1) & mask;
    table[i] = slot;
  }

  private void rehash() {
    long[] old = table;
    table = new long[old.length * 2];
    mask = table.length - 1;
    for (long slot : old) if (slot != 0) insert(slot);
  }
}
