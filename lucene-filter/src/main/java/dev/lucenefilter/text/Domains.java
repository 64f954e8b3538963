package dev.lucenefilter.text;

import com.ibm.icu.text.IDNA;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Canonical domain names and their suffixes. Thread-safe, stateless. */
public final class Domains {
  private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.NONTRANSITIONAL_TO_ASCII);

  private Domains() {}

  /**
   * The canonical form of a domain: folded by step 1 of docs/reference.md §2 (so lower case, no combining marks), Unicode labels (punycode decoded, so IDN and punycode are
   * equal), no trailing dot, port or user-info; {@code null} when {@code s} is not a domain by docs/reference.md §2 (labels
   * of 1–63 letters of any script, digits or inner hyphens, at least two labels, the last of 2–63 letters).
   */
  public static String canonical(String s) {
    if (s == null) return null;
    // Step 1 (fold) first, as the text side sees domains after step 1: fullwidth dots, capitals, zero-width
    // characters and combining marks cannot make a second spelling of one domain.
    String d = TextNormalizer.standard().fold(s).strip();
    int at = d.lastIndexOf('@');
    if (at >= 0) d = d.substring(at + 1);
    int colon = d.indexOf(':');
    if (colon >= 0) {
      String port = d.substring(colon + 1);
      if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
      d = d.substring(0, colon);
    }
    if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
    if (d.isEmpty() || d.length() > 253) return null;
    d = d.toLowerCase(Locale.ROOT);
    if (d.contains("xn--")) {
      IDNA.Info info = new IDNA.Info();
      StringBuilder sb = new StringBuilder();
      UTS46.nameToUnicode(d, sb, info);
      if (info.hasErrors()) return null;
      d = TextNormalizer.standard().fold(sb.toString()).toLowerCase(Locale.ROOT);
    }
    return isDomain(d) ? d : null;
  }

  /** True when {@code d} (already lower-cased, no trailing dot) has the shape of docs/reference.md §2. */
  static boolean isDomain(String d) {
    String[] labels = d.split("\\.", -1);
    if (labels.length < 2) return false;
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      int n = label.codePointCount(0, label.length());
      if (n < 1 || n > 63) return false;
      boolean last = i == labels.length - 1;
      if (last && n < 2) return false;
      if (label.startsWith("-") || label.endsWith("-")) return false;
      for (int j = 0; j < label.length(); ) {
        int cp = label.codePointAt(j);
        j += Character.charCount(cp);
        if (last) {
          if (!Character.isLetter(cp)) return false;
        } else if (!(Character.isLetterOrDigit(cp) || cp == '-')) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The domain and every parent on a label boundary, longest first: {@code a.b.example} gives {@code
   * a.b.example}, {@code b.example}, {@code example}. A domain rule for {@code d} matches a record exactly when
   * {@code d} is among the suffixes of one of the record's domains.
   */
  public static List<String> suffixes(String canonicalDomain) {
    List<String> out = new ArrayList<>(4);
    String d = canonicalDomain;
    out.add(d);
    for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
      out.add(d.substring(dot + 1));
    }
    return out;
  }
}
