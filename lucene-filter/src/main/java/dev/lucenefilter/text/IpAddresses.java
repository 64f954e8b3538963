package dev.lucenefilter.text;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IP address hosts in one canonical spelling, so a rule and a URL name the same address the same way: IPv4 as a
 * decimal dotted quad ({@code 185.0.2.7}), IPv6 in its RFC 5952 form inside brackets ({@code [2001:db8::7]}),
 * and an IPv4-mapped IPv6 address ({@code [::ffff:b900:207]}) as the IPv4 address it maps, because that is the
 * host a browser connects to. Every method returns {@code null} for input that is not such an address.
 * Stateless, thread-safe.
 */
final class IpAddresses {
  private IpAddresses() {}

  /** Whether a canonical host (see {@link Domains#canonical}) is an address rather than a domain name. */
  static boolean isAddress(String canonicalHost) {
    if (canonicalHost.startsWith("[")) return true;
    return strictIpv4(canonicalHost) != null;
  }

  /**
   * A strict dotted quad: four decimal numbers 0–255 without leading zeros ({@code 010} reads as octal in a
   * browser and as ten elsewhere, so it is refused rather than guessed). The form for rule values; a bare
   * quad in text also names its other readings ({@link #bareIpv4Readings}).
   */
  static String strictIpv4(String s) {
    long v = strictIpv4Value(s);
    return v < 0 ? null : ipv4(v);
  }

  /**
   * The addresses a bare dotted quad in text may name: the strict one, or for a quad with leading zeros both the
   * browser's reading (octal: {@code 010} is 8) and the decimal one ({@code 010} is 10) when each is an address, so
   * neither spelling hides the address from a rule. Empty when the quad is no address at all.
   */
  static List<String> bareIpv4Readings(String quad) {
    String strict = strictIpv4(quad);
    if (strict != null) return List.of(strict);
    Set<String> readings = new LinkedHashSet<>();
    String browser = whatwgIpv4(quad);
    if (browser != null) readings.add(browser);
    long decimal = 0;
    String[] parts = quad.split("\\.", -1);
    for (String part : parts) {
      if (parts.length != 4 || part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(part) > 255) {
        return List.copyOf(readings);
      }
      decimal = decimal << 8 | Integer.parseInt(part);
    }
    readings.add(ipv4(decimal));
    return List.copyOf(readings);
  }

  /** {@link #strictIpv4} as a 32-bit number, or -1. */
  private static long strictIpv4Value(String s) {
    int parts = 0;
    int i = 0;
    int n = s.length();
    long value = 0;
    while (true) {
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
      int digits = i - start;
      if (digits < 1 || digits > 3 || (digits > 1 && s.charAt(start) == '0')) return -1;
      int part = Integer.parseInt(s, start, i, 10);
      if (part > 255) return -1;
      value = value << 8 | part;
      parts++;
      if (i == n) break;
      if (s.charAt(i) != '.' || parts == 4) return -1;
      i++;
    }
    return parts == 4 ? value : -1;
  }

  /**
   * Whether a URL host ends in a number (WHATWG URL "ends in a number checker"): then a browser reads the whole
   * host as an IPv4 address, never as a domain.
   */
  static boolean endsInNumber(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String last = h.substring(h.lastIndexOf('.') + 1);
    return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || parseNumber(last) >= 0);
  }

  /**
   * A URL host as a browser's IPv4 parser reads it (WHATWG URL): one to four parts of decimal, octal ({@code
   * 0}-prefixed) or hex ({@code 0x}-prefixed) numbers, the last filling the remaining bytes, so {@code
   * 0xb9.0.2.7}, {@code 185.0.519} and {@code 3103785479} are all {@code 185.0.2.7}.
   */
  static String whatwgIpv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty()) return null;
    String[] parts = h.split("\\.", -1);
    if (parts.length > 4) return null;
    long[] numbers = new long[parts.length];
    for (int k = 0; k < parts.length; k++) {
      numbers[k] = parseNumber(parts[k]);
      if (numbers[k] < 0) return null;
    }
    for (int k = 0; k < parts.length - 1; k++) if (numbers[k] > 255) return null;
    long last = numbers[parts.length - 1];
    if (last >= 1L << (8 * (5 - parts.length))) return null;
    long value = last;
    for (int k = 0; k < parts.length - 1; k++) value += numbers[k] << (8 * (3 - k));
    return ipv4(value);
  }

  /** One WHATWG IPv4 number part; -1 when it is not one (or is absurdly long). */
  private static long parseNumber(String p) {
    int skip = p.regionMatches(true, 0, "0x", 0, 2) ? 2 : p.length() > 1 && p.charAt(0) == '0' ? 1 : 0;
    int radix = skip == 2 ? 16 : skip == 1 ? 8 : 10;
    String digits = p.substring(skip);
    // Character.digit (and so Long.parseLong) accepts other scripts' digits; a URL number is ASCII only.
    boolean valid = digits.chars().allMatch(c -> c <= 'z' && Character.digit(c, radix) >= 0);
    if (p.isEmpty() || digits.length() > 12 || !valid) return -1;
    return digits.isEmpty() ? 0 : Long.parseLong(digits, radix);
  }

  private static String ipv4(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  /**
   * An IPv6 address (without brackets) in canonical form: {@code [2001:db8::7]}, or the dotted quad for an
   * IPv4-mapped address. Accepts every textual form (upper case, leading zeros, {@code ::} anywhere, an
   * embedded dotted quad); refuses zone ids.
   */
  static String ipv6(String s) {
    int[] g = parseIpv6(s);
    if (g == null) return null;
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return ipv4(((long) g[6] << 16) | g[7]);
    }
    // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
    int start = 0;
    int longest = 1;
    for (int k = 0, run = 0; k < 8; k++) {
      run = g[k] == 0 ? run + 1 : 0;
      if (run > longest) {
        longest = run;
        start = k + 1 - run;
      }
    }
    if (longest == 1) return "[" + hex(g, 0, 8) + "]";
    return "[" + hex(g, 0, start) + "::" + hex(g, start + longest, 8) + "]";
  }

  private static String hex(int[] groups, int from, int to) {
    return Arrays.stream(groups, from, to).mapToObj(Integer::toHexString).collect(Collectors.joining(":"));
  }

  /** The eight 16-bit groups of an IPv6 address (WHATWG URL IPv6 parser), or null. */
  private static int[] parseIpv6(String s) {
    int[] g = new int[8];
    int n = s.length();
    int piece = 0;
    int compress = -1;
    int i = 0;
    if (n == 0) return null;
    if (s.charAt(0) == ':') {
      if (n < 2 || s.charAt(1) != ':') return null;
      i = 2;
      piece = 1;
      compress = 1;
    }
    while (i < n) {
      if (piece == 8) return null;
      if (s.charAt(i) == ':') {
        if (compress >= 0) return null;
        // As in the WHATWG parser: the slot skipped here stays zero, so it can be counted in the gap.
        i++;
        compress = ++piece;
        continue;
      }
      int value = 0;
      int length = 0;
      while (length < 4 && i < n && HexFormat.isHexDigit(s.charAt(i))) {
        value = value * 16 + HexFormat.fromHexDigit(s.charAt(i));
        i++;
        length++;
      }
      if (i < n && s.charAt(i) == '.') {
        if (length == 0) return null;
        i -= length;
        if (piece > 6) return null;
        long v4 = strictIpv4Value(s.substring(i));
        if (v4 < 0) return null;
        g[piece++] = (int) (v4 >>> 16);
        g[piece++] = (int) (v4 & 0xffff);
        i = n;
        break;
      }
      if (length == 0) return null;
      if (i < n) {
        if (s.charAt(i) != ':') return null;
        i++;
        if (i == n) return null;
      }
      g[piece++] = value;
    }
    if (compress >= 0) {
      // Move the groups after "::" to the end; the gap is zeros.
      int swaps = piece - compress;
      int[] out = new int[8];
      System.arraycopy(g, 0, out, 0, compress);
      System.arraycopy(g, compress, out, 8 - swaps, swaps);
      return out;
    }
    return piece == 8 ? g : null;
  }
}
