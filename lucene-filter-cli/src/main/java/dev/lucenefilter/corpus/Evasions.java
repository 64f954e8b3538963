package dev.lucenefilter.corpus;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * Spellings that evade naive matching, as seen in real spam: each keeps the words readable to people and, by
 * docs/reference.md §2, to the normalizer (spaced letters, leetspeak, Latin/Cyrillic homoglyphs, zero-width spaces,
 * hashtags, fullwidth letters), and domain obfuscations ({@code [.]}, {@code (dot)}, {@code hxxps://}).
 */
final class Evasions {
  private Evasions() {}

  /** Number of phrase spellings {@link #phrase} chooses from; 0 is the plain spelling. */
  static final int PHRASE_STYLES = 8;

  static String phrase(String phrase, int style) {
    return switch (style) {
      case 0 -> phrase;
      case 1 -> spaced(phrase);
      case 2 -> leet(phrase);
      case 3 -> homoglyphs(phrase);
      case 4 -> zeroWidth(phrase);
      case 5 -> "#" + phrase.replace(" ", "");
      case 6 -> fullwidth(phrase);
      case 7 -> phrase.toUpperCase(java.util.Locale.ROOT);
      default -> throw new IllegalArgumentException("style " + style);
    };
  }

  static String domain(String domain, SplittableRandom r) {
    int dot = domain.lastIndexOf('.');
    String head = domain.substring(0, dot);
    String tld = domain.substring(dot + 1);
    return switch (r.nextInt(5)) {
      case 0 -> head + "[.]" + tld;
      case 1 -> head + "(dot)" + tld;
      case 2 -> "hxxps://" + domain + "/promo";
      case 3 -> head + "(.)" + tld;
      default -> "https://" + domain.toUpperCase(java.util.Locale.ROOT) + "/";
    };
  }

  /** {@code к а з и н о}: the last word spelled out with spaces (the first words stay, so it reads naturally). */
  private static String spaced(String phrase) {
    int sp = phrase.lastIndexOf(' ');
    return phrase.substring(0, sp + 1)
        + phrase.substring(sp + 1).codePoints().mapToObj(Character::toString).collect(Collectors.joining(" "));
  }

  private static String leet(String phrase) {
    return eachChar(phrase, c -> switch (c) {
      case 'o', 'о' -> '0';
      case 'a', 'а' -> '4';
      case 'e', 'е' -> '3';
      case 's' -> '$';
      case 'i', 'і' -> '1';
      default -> c;
    });
  }

  /** Swaps Cyrillic and Latin look-alikes both ways. */
  private static String homoglyphs(String phrase) {
    String cyr = "аеорсухі";
    String lat = "aeopcyxi";
    return eachChar(phrase, c -> cyr.indexOf(c) >= 0 ? lat.charAt(cyr.indexOf(c))
        : lat.indexOf(c) >= 0 ? cyr.charAt(lat.indexOf(c)) : c);
  }

  private static String zeroWidth(String phrase) {
    StringBuilder sb = new StringBuilder(phrase.length() * 2);
    for (int i = 0; i < phrase.length(); i++) {
      sb.append(phrase.charAt(i));
      if (i % 2 == 0 && i + 1 < phrase.length() && phrase.charAt(i) != ' ' && phrase.charAt(i + 1) != ' ') {
        sb.append('\u200B');
      }
    }
    return sb.toString();
  }

  private static String fullwidth(String phrase) {
    return eachChar(phrase, c -> c >= '!' && c <= '~' ? c - '!' + '\uFF01' : c);
  }

  /** The phrase with each UTF-16 char replaced by {@code f} of it. */
  private static String eachChar(String phrase, IntUnaryOperator f) {
    StringBuilder sb = new StringBuilder(phrase.length());
    phrase.chars().forEach(c -> sb.append((char) f.applyAsInt(c)));
    return sb.toString();
  }
}
