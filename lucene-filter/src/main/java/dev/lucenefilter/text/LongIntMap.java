package dev.lucenefilter.text;

/**
 * Open-addressing map from non-negative long keys to non-negative ints; -1 means absent. Not thread-safe to
 * write. Key and value share one array (slot {@code 2i} the key, {@code 2i+1} the value) so a hit on a large
 * map costs one cache miss, not two.
 */
final class LongIntMap {
  private long[] slots;
  private int mask;
  private int size;

  LongIntMap(int expected) {
    allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
  }

  private void allocate(int capacity) {
    slots = new long[capacity * 2];
    for (int i = 0; i < slots.length; i += 2) slots[i] = -1L;
    mask = capacity - 1;
    size = 0;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  int get(long key) {
    long[] s = slots;
    int i = hash(key) & mask;
    while (true) {
      long k = s[2 * i];
      if (k == key) return (int) s[2 * i + 1];
      if (k == -1L) return -1;
      i = (i + 1) & mask;
    }
  }

  void put(long key, int value) {
    if ((size + 1) * 2 > mask + 1) grow();
    int i = hash(key) & mask;
    while (slots[2 * i] != -1L && slots[2 * i] != key) i = (i + 1) & mask;
    if (slots[2 * i] == -1L) size++;
    slots[2 * i] = key;
    slots[2 * i + 1] = value;
  }

  private void grow() {
    long[] old = slots;
    allocate(old.length);
    for (int i = 0; i < old.length; i += 2) if (old[i] != -1L) put(old[i], (int) old[i + 1]);
  }
}
