package dev.lucenefilter.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random texts from a small mixed ru/kk/en vocabulary with the separators and evasions of contract §2. */
final class RandomTexts {
  private RandomTexts() {}

  static final String[] WORDS = {
    "free", "spins", "спайс", "купить", "казино", "онлайн", "lucky", "spin", "spinner", "luckyspin", "a", "и", "в",
    "с", "п", "к", "о", "бiлiм", "қазақ", "өнер", "meth", "method", "героин", "героиня", "b3t777", "4mph", "c0c@1n3",
    "ＦＲＥＥ", "SPINS", "cпaйc", "x", "7"
  };
  static final String[] GAPS = {" ", " ", " ", "-", "_", ".", "*", ", ", "  ", "#", " @spice_shop ", "\u200B", "\t"};

  static Arbitrary<String> texts() {
    Arbitrary<String> word = Arbitraries.of(WORDS);
    Arbitrary<String> gap = Arbitraries.of(GAPS);
    return Arbitraries.integers().between(0, 12).flatMap(n -> word.list().ofSize(n).flatMap(ws ->
        gap.list().ofSize(n).map(gs -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < ws.size(); i++) sb.append(ws.get(i)).append(gs.get(i));
          return sb.toString();
        })));
  }
}
