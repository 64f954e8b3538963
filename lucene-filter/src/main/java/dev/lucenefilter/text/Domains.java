package dev.lucenefilter.text;

import com.ibm.icu.text.IDNA;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Canonical hosts (domain names and IP addresses) and their suffixes: the one function through which rule
 * values, links and text pass, so they compare equal exactly when docs/reference.md §2 says they name the same
 * host. Thread-safe, stateless.
 *
 * <p>A domain's canonical form is its UTS #46 form (ICU4J {@link IDNA} non-transitional processing: NFKC, case
 * folding, punycode decoded, so IDN and punycode spellings are equal), in Unicode. Nothing else is folded: marks
 * stay ({@code etḥerdelta.com} is not {@code etherdelta.com}) and confusables stay ({@code lucky-wіn.example}
 * with a Cyrillic {@code і} is not {@code lucky-win.example}), so blocking a lookalike never blocks the real site.
 * An IP address is canonical as {@link IpAddresses} spells it and has no suffixes but itself.
 */
public final class Domains {
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.NONTRANSITIONAL_TO_ASCII);
  private static final int MAX_LENGTH = 253;

  private Domains() {}

  /**
   * The canonical form of a host written as a rule value or found in text: a domain in its UTS #46 form (no
   * trailing dot, port or user-info), or an IP address (a strict IPv4 dotted quad, or IPv6 with or without
   * brackets); {@code null} when {@code s} is neither. A domain is a run of labels of 1–63 letters of any
   * script (with their marks), digits, inner hyphens or inner underscores, at least two labels, the last of
   * 2–63 letters; a label that UTS #46 refuses (a broken {@code xn--} label, a leading combining mark) makes
   * no domain. Zero-width and other format characters are removed first.
   */
  public static String canonical(String s) {
    return host(s, false);
  }

  /**
   * The canonical form of the host part of a URL's authority, read as a browser reads it (WHATWG URL):
   * percent-encoding decoded, and a host that ends in a number is an IPv4 address in any of the browser's
   * spellings ({@code 0xb9.0.2.7}, {@code 3103785479}) or no host at all; otherwise as {@link #canonical}.
   */
  static String urlHost(String s) {
    return host(percentDecode(s), true);
  }

  /** The canonical form of {@code s} when it is a domain name (not an IP address), else null. */
  static String canonicalDomain(String s) {
    String c = canonical(s);
    return c == null || IpAddresses.isAddress(c) ? null : c;
  }

  private static String host(String s, boolean url) {
    if (s == null) return null;
    String d = clean(s);
    // In a URL the caller already cut the user-info at the authority's last '@'; an '@' left (percent-encoded)
    // is a character a host may not have.
    int at = url ? -1 : d.lastIndexOf('@');
    if (at >= 0) d = d.substring(at + 1);
    if (d.startsWith("[")) {
      int close = d.indexOf(']');
      if (close < 0 || !isPortOrNothing(d.substring(close + 1))) return null;
      return IpAddresses.ipv6(d.substring(1, close));
    }
    int colon = d.indexOf(':');
    if (colon >= 0 && d.indexOf(':', colon + 1) >= 0) return url ? null : IpAddresses.ipv6(d);
    if (colon >= 0) {
      if (!isPortOrNothing(d.substring(colon))) return null;
      d = d.substring(0, colon);
    }
    if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
    if (d.isEmpty() || d.length() > MAX_LENGTH) return null;
    if (url && IpAddresses.endsInNumber(d)) return IpAddresses.whatwgIpv4(d);
    String v4 = IpAddresses.strictIpv4(d);
    return v4 != null ? v4 : domain(d);
  }

  /**
   * Removes what must not make a second spelling of one host: format and default-ignorable characters
   * (zero-width spaces and joiners, soft hyphen, bidi controls), compatibility forms (NFKC: fullwidth letters
   * and digits), and the UTS #46 full stops {@code 。 ｡ ．}, which are dots.
   */
  private static String clean(String s) {
    String t = s.strip();
    // Printable ASCII (nearly every host) is left as it is by NFKC and has no format characters.
    if (isPrintableAscii(t)) return t;
    return TextNormalizer.compatibilityForm(t).replace('\u3002', '.').replace('\uFF61', '.').replace('\uFF0E', '.');
  }

  private static boolean isPortOrNothing(String rest) {
    return rest.isEmpty() || rest.charAt(0) == ':' && rest.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
  }

  /** The UTS #46 Unicode form of a domain name, or null when UTS #46 refuses it or it lacks the §2 shape. */
  private static String domain(String d) {
    String lower = isPrintableAscii(d) ? d.toLowerCase(Locale.ROOT) : null;
    if (lower != null && !lower.startsWith("xn--") && !lower.contains(".xn--")) {
      // UTS #46 maps printable ASCII only by lower-casing it (no punycode label to decode), and the §2 shape
      // check below refuses every character UTS #46 would refuse: skip ICU on the common path.
      return isDomain(lower) ? lower : null;
    }
    IDNA.Info info = new IDNA.Info();
    StringBuilder sb = new StringBuilder(d.length());
    UTS46.nameToUnicode(d, sb, info);
    // "ab--cd" (hyphens in the third and fourth places) is a valid §2 label; every other UTS #46 error (a
    // broken xn-- label, an empty label, a leading mark, a disallowed character) means no domain.
    var errors = info.getErrors();
    if (!errors.isEmpty() && !(errors.size() == 1 && errors.contains(IDNA.Error.HYPHEN_3_4))) return null;
    String u = sb.toString();
    return u.length() <= MAX_LENGTH && isDomain(u) ? u : null;
  }

  private static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7E) return false;
    }
    return true;
  }

  /** True when {@code d} (already in UTS #46 form, no trailing dot) has the shape of docs/reference.md §2. */
  static boolean isDomain(String d) {
    String[] labels = d.split("\\.", -1);
    if (labels.length < 2) return false;
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      int n = label.codePointCount(0, label.length());
      boolean last = i == labels.length - 1;
      if (n < (last ? 2 : 1) || n > 63) return false;
      int first = label.codePointAt(0);
      int end = label.codePointBefore(label.length());
      if (first == '-' || first == '_' || end == '-' || end == '_' || isMark(first)) return false;
      for (int j = 0; j < label.length(); ) {
        int cp = label.codePointAt(j);
        j += Character.charCount(cp);
        boolean ok = last ? Character.isLetter(cp) || isMark(cp)
            : Character.isLetterOrDigit(cp) || isMark(cp) || cp == '-' || cp == '_';
        if (!ok) return false;
      }
    }
    return true;
  }

  /** Marks belong to the letter before them (Devanagari vowel signs, a dot below): part of a label. */
  private static boolean isMark(int cp) {
    return TextNormalizer.MARKS.contains(cp);
  }

  /** Percent-decoding as UTF-8 (WHATWG URL host parsing); null when the bytes are not UTF-8. */
  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '%' && i + 2 < utf8.length && HexFormat.isHexDigit(utf8[i + 1])
          && HexFormat.isHexDigit(utf8[i + 2])) {
        bytes.write(HexFormat.fromHexDigit(utf8[i + 1]) << 4 | HexFormat.fromHexDigit(utf8[i + 2]));
        i += 2;
      } else {
        bytes.write(utf8[i]);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The host and every parent on a label boundary, longest first: {@code a.b.example} gives {@code
   * a.b.example}, {@code b.example}, {@code example}. An IP address gives only itself ({@code 1.2.3.4} is not
   * under {@code 2.3.4}). A domain rule for {@code d} matches a record exactly when {@code d} is among the
   * suffixes of one of the record's hosts.
   */
  public static List<String> suffixes(String canonicalHost) {
    if (IpAddresses.isAddress(canonicalHost)) return List.of(canonicalHost);
    List<String> out = new ArrayList<>(4);
    String d = canonicalHost;
    out.add(d);
    for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
      out.add(d.substring(dot + 1));
    }
    return out;
  }
}
