package dev.lucenefilter.text;

import java.util.Arrays;

/** Open-addressing map from non-negative long keys to non-negative ints; -1 means absent. Not thread-safe to write. */
final class LongIntMap {
  private long[] keys;
  private int[] values;
  private int mask;
  private int size;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(keys, -1L);
    mask = cap - 1;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  int get(long key) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) return values[i];
      if (k == -1L) return -1;
      i = (i + 1) & mask;
    }
  }

  void put(long key, int value) {
    if ((size + 1) * 2 > keys.length) grow();
    int i = hash(key) & mask;
    while (keys[i] != -1L && keys[i] != key) i = (i + 1) & mask;
    if (keys[i] == -1L) size++;
    keys[i] = key;
    values[i] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, -1L);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != -1L) put(oldKeys[i], oldValues[i]);
  }
}
