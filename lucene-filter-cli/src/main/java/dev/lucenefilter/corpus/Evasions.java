package dev.lucenefilter.corpus;

import java.util.SplittableRandom;
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
    StringBuilder sb = new StringBuilder(phrase.length());
    for (char c : phrase.toCharArray()) {
      sb.append(switch (c) {
        case 'o', 'о' -> '0';
        case 'a', 'а' -> '4';
        case 'e', 'е' -> '3';
        case 's' -> '$';
        case 'i', 'і' -> '1';
        default -> c;
      });
    }
    return sb.toString();
  }

  /** Swaps Cyrillic and Latin look-alikes both ways. */
  private static String homoglyphs(String phrase) {
    String cyr = "аеорсухі";
    String lat = "aeopcyxi";
    StringBuilder sb = new StringBuilder(phrase.length());
    for (char c : phrase.toCharArray()) {
      int i = cyr.indexOf(c);
      int j = lat.indexOf(c);
      sb.append(i >= 0 ? lat.charAt(i) : j >= 0 ? cyr.charAt(j) : c);
    }
    return sb.toString();
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
    StringBuilder sb = new StringBuilder(phrase.length());
    for (char c : phrase.toCharArray()) {
      sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
    }
    return sb.toString();
  }
}
