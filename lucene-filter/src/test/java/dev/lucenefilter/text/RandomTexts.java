package dev.lucenefilter.text;

import java.util.Random;

/** Random texts from a small mixed ru/kk/en vocabulary with the separators and evasions of docs/reference.md §2. */
final class RandomTexts {
  private RandomTexts() {}

  static final String[] WORDS = {
    "free", "spins", "спайс", "купить", "казино", "онлайн", "lucky", "spin", "spinner", "luckyspin", "a", "и", "в",
    "с", "п", "к", "о", "бiлiм", "қазақ", "өнер", "meth", "method", "героин", "героиня", "b3t777", "4mph", "c0c@1n3",
    "ＦＲＥＥ", "SPINS", "cпaйc", "x", "7"
  };
  static final String[] GAPS = {" ", " ", " ", "-", "_", ".", "*", ", ", "  ", "#", " @spice_shop ", "\u200B", "\t", "\n"};

  /** 0–12 words, each followed by a gap. */
  static String text(Random r) {
    int n = r.nextInt(13);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(WORDS[r.nextInt(WORDS.length)]).append(GAPS[r.nextInt(GAPS.length)]);
    return sb.toString();
  }

  private static final String SPECIAL = "\u200B\u200C\u200D\u00AD\uFEFF\u2060\u202E\u0301\u0308\u0306ßẞİıﬁ"
      + "ＡｚＦ①²½ǅΣσςΐ\u1E9E\uFB00\u3000\u00A0@$#-_.*·";

  /**
   * Any string of up to {@code maxLength} UTF-16 chars, biased towards what folding finds hard: ASCII, Cyrillic,
   * Kazakh, combining marks, invisibles, compatibility forms, supplementary letters, arbitrary BMP chars and lone
   * surrogates.
   */
  static String anyString(Random r, int maxLength) {
    int n = r.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n + 1);
    while (sb.length() < n) {
      switch (r.nextInt(9)) {
        case 0, 1 -> sb.append((char) (0x20 + r.nextInt(0x5F)));
        case 2 -> sb.append((char) (0x400 + r.nextInt(0x100)));
        case 3 -> sb.append((char) (0x300 + r.nextInt(0x70)));
        case 4 -> sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
        case 5 -> sb.append((char) r.nextInt(0x10000));
        case 6 -> sb.appendCodePoint(0x1D400 + r.nextInt(0x400));
        case 7 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
        default -> sb.append((char) (0xA0 + r.nextInt(0x2000)));
      }
    }
    if (sb.length() > maxLength) sb.setLength(maxLength);
    return sb.toString();
  }
}
