package dev.lucenefilter.text;

import dev.lucenefilter.model.Usernames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Extracts hosts (domains and IP addresses) and username mentions from a post's text and links, with the
 * obfuscations of docs/reference.md §2 ({@code [.]}, {@code (.)}, {@code (dot)}, {@code [dot]}, {@code hxxp://}).
 * Thread-safe, stateless.
 *
 * <p>Each source string is folded by step 1 to find the structure (so fullwidth dots, capitals and zero-width
 * characters do not hide a domain), obfuscations and the UTS #46 full stop {@code 。} are read as dots and
 * {@code http}, and then scanned once, left to right: a URL ({@code scheme://}) yields its host as a browser
 * reads it (WHATWG URL: the authority ends at {@code / \ ? #}, user-info before its last {@code @} and the port
 * are ignored, a percent-encoded host is decoded, {@code [v6]} and numeric hosts are IP addresses) and its path
 * is skipped, so {@code /a/b.html} is not taken for a domain; {@code @name} yields a mention; a dotted quad
 * yields an IPv4 host; any other run of domain characters yields its longest prefix that is a domain (a run
 * just before an {@code @} that a domain follows is an e-mail local part, not a domain; outside one a {@code +}
 * separates runs). A path ends at white space, at a character no URL holds, or where another URL begins. The
 * first path segment after {@code t.me} or {@code telegram.me} is a mention.
 *
 * <p>The folded text only finds where a host is: its value is {@link Domains#canonical} of the original
 * characters there (marks kept), so a domain is compared in its UTS #46 form and never by a folded spelling.
 */
public final class LinkExtractor {
  private LinkExtractor() {}

  /** Domains and mentions of a text and its links. */
  public static ExtractedLinks extract(String text, List<String> links) {
    return of(find(text, links));
  }

  /** The domains and mentions among findings. */
  public static ExtractedLinks of(List<LinkFinding> findings) {
    Set<String> domains = new LinkedHashSet<>();
    Set<String> mentions = new LinkedHashSet<>();
    for (LinkFinding f : findings) (f.kind() == LinkFinding.Kind.DOMAIN ? domains : mentions).add(f.value());
    return new ExtractedLinks(domains, mentions);
  }

  /**
   * Every domain and mention of a text and its links, in source order (the text first, then each link), with
   * offsets into the source string. {@code text} and {@code links} may be null (nothing found there).
   */
  public static List<LinkFinding> find(String text, List<String> links) {
    List<LinkFinding> out = new ArrayList<>();
    if (text != null) new Scan(text, LinkFinding.TEXT, out).run();
    if (links != null) {
      for (int i = 0; i < links.size(); i++) {
        String link = links.get(i);
        if (link == null) continue;
        String source = "links[" + i + "]";
        int before = out.size();
        new Scan(link, source, out).run();
        schemelessAddress(link, source, out.subList(before, out.size()));
      }
    }
    return out;
  }

  /**
   * A link that is an IP address without a scheme names that host as {@code http://} before it would: IPv6
   * ({@code [2001:db8::7]:8443/x}, {@code 2001:db8::7}) and IPv4 in a browser's spellings ({@code 3103785479},
   * {@code 0xb9.0.2.7}). Text is not read this way (only bare dotted quads count there).
   */
  private static void schemelessAddress(String link, String source, List<LinkFinding> found) {
    if (link.contains("://")) return; // the scan read its host as a URL's
    int start = 0;
    while (start < link.length() && Character.isWhitespace(link.charAt(start))) start++;
    int end;
    String address;
    if (link.startsWith("[", start)) {
      end = link.indexOf(']', start) + 1;
      if (end == 0) return;
      address = link.substring(start + 1, end - 1);
    } else {
      end = start;
      while (end < link.length() && "/?#".indexOf(link.charAt(end)) < 0 && !Character.isWhitespace(link.charAt(end))) {
        end++;
      }
      address = link.substring(start, end);
    }
    String host = address.indexOf(':') != address.lastIndexOf(':') || link.startsWith("[", start)
        ? IpAddresses.ipv6(address) : numericHost(address);
    if (host == null || found.stream().anyMatch(f -> f.value().equals(host))) return;
    found.add(new LinkFinding(LinkFinding.Kind.DOMAIN, host, source, start, end));
  }

  /** A browser's IPv4 address of a host with an optional port ({@code 3103785479:80}), or null. */
  private static String numericHost(String hostAndPort) {
    int colon = hostAndPort.indexOf(':');
    String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    return !host.isEmpty() && IpAddresses.endsInNumber(host) ? IpAddresses.whatwgIpv4(host) : null;
  }

  /** Hosts whose first path segment names a Telegram user: t.me, telegram.me and Telegram's alias telegram.dog. */
  /** A Hangul filler: a letter that renders blank and that step 1 removes as default-ignorable. */
  private static boolean isFiller(int ch) {
    return ch == '\u115F' || ch == '\u1160' || ch == '\u3164' || ch == '\uFFA0';
  }

  private static final Set<String> TELEGRAM = Set.of("t.me", "telegram.me", "telegram.dog", "www.t.me",
      "www.telegram.me", "www.telegram.dog");

  /** One pass over one source string. */
  private static final class Scan {
    private final String source;
    private final List<LinkFinding> out;
    private final char[] d;
    private final int[] dStart;
    private final int[] dEnd;
    /** d[k] stands for an obfuscated dot, not for the original characters at dStart[k]..dEnd[k]. */
    private final boolean[] dot;
    private final String original;
    private final int len;

    Scan(String s, String source, List<LinkFinding> out) {
      this.source = source;
      this.out = out;
      this.original = s;
      FoldedText ft = FoldedText.OF_THREAD.get(); // copied from before anything else folds on this thread
      ft.reset(s);
      char[] c = ft.chars;
      int n = mayHoldHost(c, ft.length) ? ft.length : 0; // else nothing to find, and no copy to make
      int fillers = 0;
      for (int k = 0; n > 0 && k < s.length(); k++) if (isFiller(s.charAt(k))) fillers++;
      d = new char[n + fillers];
      dStart = new int[n + fillers];
      dEnd = new int[n + fillers];
      dot = new boolean[n + fillers];
      int o = 0;
      for (int i = 0; i < n; ) {
        // A Hangul filler renders as a blank but step 1 removes it (it is default-ignorable), gluing what it
        // separates ("Сайтㅤlucky-win.example"): between hosts it is a separator.
        int gapStart = o == 0 ? 0 : dEnd[o - 1];
        if (fillers > 0 && hasFillerBetween(s, gapStart, ft.start[i])) {
          put(o, SYMBOL, gapStart, ft.start[i]);
          o++;
        }
        int obf = obfuscatedDot(c, n, i);
        if (obf > 0) {
          dot[o] = true;
          put(o++, '.', ft.start[i], ft.end[i + obf - 1]);
          i += obf;
        } else if (startsWith(c, n, i, "hxxp") && (i == 0 || !Character.isLetterOrDigit(c[i - 1]))
            && (startsWith(c, n, i + 4, "://") || startsWith(c, n, i + 4, "s://"))) {
          for (int k = 0; k < 4; k++, i++) put(o++, "http".charAt(k), ft.start[i], ft.end[i]);
        } else {
          // UTS #46 reads the ideographic full stop (and its halfwidth form, which NFKC made this) as a dot.
          char ch = c[i] == '\u3002' ? '.' : isSymbolAt(s, ft.start[i]) ? SYMBOL : c[i];
          put(o++, ch, ft.start[i], ft.end[i]);
          i++;
        }
      }
      len = o;
      ft.trim(1 << 16);
    }

    /**
     * Whether the character at {@code at} of the original text is a symbol or punctuation outside ASCII: an emoji,
     * {@code ™ № ㊗ … « »}. Step 1 folds some of them into letters or dots ({@code ™} into {@code tm}, {@code …} into
     * {@code ...}), but glued to a host they are not part of it (docs/reference.md §2: a label holds letters and
     * digits). A letter or digit written as an emoji ({@code ℹ️ Ⓜ️}, the keycap {@code 1️⃣}: followed by the emoji
     * variation selector or the keycap mark) is a symbol too. What a browser reads as the letter or ASCII character
     * it folds to stays that: fullwidth and small forms ({@code ＠ ． － ﹣ ﹫}), the ideographic full stops, circled
     * letters ({@code ⓛⓤⓒⓚⓨ}), numbers that are no digits ({@code ① ²}).
     */
    private static boolean isSymbolAt(String s, int at) {
      char first = s.charAt(at);
      if (first < 0x80) {
        // ASCII is what it is, but for the keycap emoji built on a digit, '#' or '*'
        return (first >= '0' && first <= '9' || first == '#' || first == '*') && emojiAfter(s, at + 1);
      }
      int cp = s.codePointAt(at);
      if (emojiAfter(s, at + Character.charCount(cp))) return true;
      if (cp < 0x80 || cp >= 0xFF01 && cp <= 0xFF5E || cp >= 0xFE50 && cp <= 0xFE6B || cp == 0x3002 || cp == 0xFF61
          || Character.isLetterOrDigit(cp) || Character.isAlphabetic(cp)) {
        return false;
      }
      return switch (Character.getType(cp)) {
        case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
            Character.OTHER_NUMBER, Character.LETTER_NUMBER, Character.SPACE_SEPARATOR, Character.FORMAT -> false;
        default -> true;
      };
    }

    /** Whether the original text holds a Hangul filler (a blank-looking letter that step 1 removes) in [from, to). */
    private static boolean hasFillerBetween(String s, int from, int to) {
      for (int k = from; k < to; k++) if (isFiller(s.charAt(k))) return true;
      return false;
    }

    /** Whether an emoji variation selector or a keycap mark follows at {@code at}: the character before is an emoji. */
    private static boolean emojiAfter(String s, int at) {
      return at < s.length() && (s.charAt(at) == '\uFE0F' || s.charAt(at) == '\u20E3');
    }

    /** What {@link #isSymbolAt} characters become in the scanned text: no domain, URL or mention character. */
    private static final char SYMBOL = '\uFFFD';

    private void put(int k, char ch, int start, int end) {
      d[k] = ch;
      dStart[k] = start;
      dEnd[k] = end;
    }

    /**
     * False when a folded text holds no host or mention: each needs an '@', a "://", a dot between two domain
     * chars, or a dot written as '。' or obfuscated (which starts with '(' or '[').
     */
    private static boolean mayHoldHost(char[] c, int n) {
      for (int i = 0; i < n; i++) {
        char ch = c[i];
        if (ch == '@' || ch == '(' || ch == '[' || ch == '\u3002' || ch == ':' && startsWith(c, n, i, "://")) {
          return true;
        }
        if (ch == '.' && i > 0 && i + 1 < n && TextSpans.isDomainCharAt(c, n, i - 1)
            && TextSpans.isDomainCharAt(c, n, i + 1)) {
          return true;
        }
      }
      return false;
    }

    private static int obfuscatedDot(char[] c, int n, int i) {
      char ch = c[i];
      if (ch != '[' && ch != '(') return 0;
      char close = ch == '[' ? ']' : ')';
      if (i + 2 < n && c[i + 1] == '.' && c[i + 2] == close) return 3;
      if (i + 4 < n && c[i + 1] == 'd' && c[i + 2] == 'o' && c[i + 3] == 't' && c[i + 4] == close) return 5;
      return 0;
    }

    private static boolean startsWith(char[] c, int n, int i, String p) {
      if (i + p.length() > n) return false;
      for (int k = 0; k < p.length(); k++) if (c[i + k] != p.charAt(k)) return false;
      return true;
    }

    /** End of the run of scheme characters, and of e-mail local-part characters, last measured. */
    private int schemeEnd;
    private int localEnd;

    void run() {
      int i = 0;
      while (i < len) {
        char ch = d[i];
        if (ch == '@') {
          int end = TextSpans.mentionEnd(d, len, i);
          if (end > 0) add(LinkFinding.Kind.MENTION, new String(d, i + 1, end - i - 1), i, end);
          // In "@lucky-win.example" the name also begins a domain: read the run from the name, so that what
          // follows the mention is never taken as a domain of its own (win.example).
          i = end > 0 && !(end < len && (d[end] == '-' || d[end] == '.')) ? end : i + 1;
          continue;
        }
        if (!TextSpans.isLetterOrDigitAt(d, len, i)) {
          i++;
          continue;
        }
        // Runs of scheme or local-part characters are measured once each, not again from every start inside them
        // ("a+a+a+…" would cost the square of its length).
        if (i >= schemeEnd) for (schemeEnd = i; schemeEnd < len && isSchemeChar(d[schemeEnd]); ) schemeEnd++;
        int slashes = schemeSeparator(schemeEnd);
        if (slashes > 0 && isScheme(i, schemeEnd)) {
          boolean tg = schemeEnd - i == 2 && d[i] == 't' && d[i + 1] == 'g';
          i = tg ? telegramLink(schemeEnd + slashes) : url(schemeEnd + slashes);
          continue;
        }
        if (i >= localEnd) localEnd = TextSpans.emailLocalEnd(d, len, i);
        if (localEnd < len && d[localEnd] == '@' && TextSpans.isEmailAt(d, len, localEnd)) {
          // an e-mail local part: its domain follows the '@' (the tokenizer's test, so that "тут...@name", "1.@name"
          // and "evil.example@казино" are no e-mail here as there, and the domain before the '@' counts); outside
          // one, '+' and '%' join nothing ("18+lucky-win.example" holds the domain after the '+')
          i = localEnd + 1;
          continue;
        }
        int runEnd = i;
        boolean dotted = false;
        while (runEnd < len && TextSpans.isDomainCharAt(d, len, runEnd)) dotted |= d[runEnd++] == '.';
        // a scheme glued after a word by '.', '-' or '_' ("1.https://…", "Вход-https://…") starts a URL there
        int glued = schemeSeparator(runEnd) > 0 ? schemeStartIn(i, runEnd) : -1;
        if (glued > i) {
          i = glued;
          continue;
        }
        if (!dotted) { // an IPv4 address and a domain both have a dot, and lie within the run
          i = runEnd;
          continue;
        }
        int ipEnd = ipv4End(i);
        int resume = ipEnd > 0 ? bareIpv4(i, ipEnd) : -1;
        if (resume > 0) {
          i = resume;
          continue;
        }
        i = domainIn(i, runEnd);
      }
    }

    /** The start of the last scheme that ends the run d[from, runEnd) after a non-letter, or -1. */
    private int schemeStartIn(int from, int runEnd) {
      for (int p = runEnd - 1; p > from; p--) {
        if (!isSchemeChar(d[p])) return -1;
        if (isScheme(p, runEnd)) return p;
      }
      return -1;
    }

    /**
     * Reads Telegram's own link {@code tg://resolve?domain=name}, which opens the user as {@code t.me/name} does:
     * the name is a mention. Returns where scanning resumes.
     */
    private int telegramLink(int from) {
      int end = pathEnd(from);
      if (!startsWith(d, len, from, "resolve?")) return end;
      for (int p = from + "resolve?".length(); p < end; ) {
        int next = p;
        while (next < end && d[next] != '&') next++;
        if (startsWith(d, len, p, "domain=")) {
          int start = p + "domain=".length();
          String name = new String(d, start, next - start);
          if (Usernames.isValid(name)) add(LinkFinding.Kind.MENTION, name, start, next);
        }
        p = next + 1;
      }
      return end;
    }

    /**
     * The length of the separator between a scheme and an authority at {@code at}: {@code ://}, or its
     * percent-encoded form {@code %3a%2f%2f} (a redirect's target inside a query), or 0 when there is none.
     */
    private int schemeSeparator(int at) {
      return startsWith(d, len, at, "://") ? 3 : startsWith(d, len, at, "%3a%2f%2f") ? 9 : 0;
    }

    /**
     * Records the domain in the run d[from, runEnd): the longest one from the run's start, else the longest one after
     * the run's last broken label (empty, longer than 63 letters, or with a hyphen or underscore at an edge:
     * "www..evil.example", "x-.evil.example"), or in the last 253 characters of a run too long to be one host, so
     * that junk glued before a domain does not hide it; without a domain from the start, a dotted quad after a dot
     * is an address. A label that is only no valid IDN ("xn--a.evil.example") is not skipped: a broken xn-- label
     * names no domain. Returns where scanning resumes.
     */
    private int domainIn(int from, int runEnd) {
      int end = TextSpans.domainEnd(d, len, from);
      if (end > 0) return host(from, end);
      // an address after other labels: "Зеркало...185.0.2.7", "сервер.185.0.2.7" (ipv4End refuses 1.2.3.4.5)
      // In a run that is no domain, a '-' or '_' after a quad continues no label either ("185.0.2.7-185.0.2.9").
      for (int p = from; p < runEnd; p++) {
        boolean starts = d[p] >= '0' && d[p] <= '9' && (p == from || !TextSpans.isLetterOrDigitAt(d, len, p - 1));
        int ipEnd = starts ? ipv4End(p, true) : -1;
        int resume = ipEnd > 0 ? bareIpv4(p, ipEnd) : -1;
        if (resume > 0) return resume;
      }
      int after = afterBrokenLabels(from, runEnd);
      if (after < 0) after = lastLabelsWithin(from, runEnd);
      if (after < 0) return runEnd;
      end = TextSpans.domainEnd(d, len, after);
      return end > 0 ? host(after, end) : runEnd;
    }

    /**
     * Where the last labels of a run too long to be one host (more than 253 characters) begin that fit in 253, so
     * that a long train of labels glued before a domain does not hide it; -1 for a shorter run.
     */
    private int lastLabelsWithin(int from, int runEnd) {
      if (runEnd - from <= MAX_HOST) return -1;
      int start = runEnd - MAX_HOST;
      while (start < runEnd && d[start - 1] != '.') start++;
      while (start < runEnd && !TextSpans.isLetterOrDigitAt(d, len, start)) start++;
      return start < runEnd ? start : -1;
    }

    /** The longest host name (docs/reference.md §2, as DNS has it). */
    private static final int MAX_HOST = 253;

    /** Records the bare dotted quad d[start, end) in each of its readings; where scanning resumes, or -1. */
    private int bareIpv4(int start, int end) {
      List<String> ips = IpAddresses.bareIpv4Readings(new String(d, start, end - start));
      if (ips.isEmpty()) return -1;
      for (String other : ips.subList(1, ips.size())) add(LinkFinding.Kind.DOMAIN, other, start, end);
      return afterHost(ips.get(0), start, end, end);
    }

    /**
     * Where the labels after the last broken one of d[from, runEnd) begin (a broken label is empty, longer than 63
     * letters, or has a hyphen or underscore at an edge), or -1 when none is broken or nothing follows it.
     */
    private int afterBrokenLabels(int from, int runEnd) {
      int after = -1;
      for (int start = from; start < runEnd; ) {
        int dot = start;
        while (dot < runEnd && d[dot] != '.') dot++;
        if (dot == runEnd) break;
        if (dot == start || isEdge(d[start]) || isEdge(d[dot - 1]) || Character.codePointCount(d, start, dot - start)
            > MAX_LABEL) {
          after = dot + 1;
        }
        start = dot + 1;
      }
      if (after < 0) return -1;
      while (after < runEnd && !TextSpans.isLetterOrDigitAt(d, len, after)) after++;
      return after < runEnd ? after : -1;
    }

    /** The longest label of a domain, in letters (docs/reference.md §2). */
    private static final int MAX_LABEL = 63;

    private static boolean isEdge(char ch) {
      return ch == '-' || ch == '_';
    }

    /**
     * End of a bare dotted quad starting at {@code from}, or -1: it must stand alone, not be part of a longer
     * run of numbers and dots ({@code 1.2.3.4.5} is a version, not an address) or of a word or label; junk before
     * or after it that continues no label ({@code ...185.0.2.7}, {@code -185.0.2.7}, {@code 185.0.2.7-}) does not
     * hide it.
     */
    private int ipv4End(int from) {
      return ipv4End(from, false);
    }

    /** As {@link #ipv4End(int)}; {@code inRunOfNoDomain}: a '-' or '_' after the quad continues no label. */
    private int ipv4End(int from, boolean inRunOfNoDomain) {
      if (from > 0 && (TextSpans.isLetterOrDigitAt(d, len, from - 1)
          || d[from - 1] == '.' && from > 1 && d[from - 2] >= '0' && d[from - 2] <= '9')) {
        return -1;
      }
      int i = from;
      for (int part = 0; part < 4; part++) {
        if (part > 0) {
          if (i >= len || d[i] != '.') return -1;
          i++;
        }
        int start = i;
        while (i < len && d[i] >= '0' && d[i] <= '9') i++;
        if (i == start) return -1;
      }
      if (i < len) {
        char next = d[i];
        if (TextSpans.isLetterOrDigitAt(d, len, i)) return -1;
        // a label goes on after a hyphen or underscore (185.0.2.7-x.example), a dot before a label (1.2.3.4.5)
        boolean joins = !inRunOfNoDomain && (next == '-' || next == '_') || next == '.';
        if (joins && i + 1 < len && (TextSpans.isLetterOrDigitAt(d, len, i + 1) || isEdge(d[i + 1]))) return -1;
      }
      return i;
    }

    private boolean isScheme(int from, int to) {
      if (from > 0 && (Character.isLetterOrDigit(d[from - 1]))) return false;
      if (!(d[from] >= 'a' && d[from] <= 'z')) return false;
      for (int k = from; k < to; k++) {
        char ch = d[k];
        if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || "+.-".indexOf(ch) >= 0)) return false;
      }
      return true;
    }

    /** Parses the authority starting at {@code from}; returns where scanning resumes. */
    private int url(int from) {
      int authEnd = from;
      while (authEnd < len) {
        if (d[authEnd] == '[' && (authEnd == from || d[authEnd - 1] == '@')) {
          // an IPv6 host: its colons and brackets are not the end of the authority
          int close = authEnd + 1;
          while (close < len && d[close] != ']' && !Character.isWhitespace(d[close])) close++;
          if (close >= len || d[close] != ']') break;
          authEnd = close + 1;
          continue;
        }
        if (isAuthorityStop(d[authEnd])) break;
        // "https://good.example;Админ:@spice_shop": punctuation before the '@' makes a mention, not user-info
        if (d[authEnd] == '@' && TextSpans.mentionEnd(d, len, authEnd) > 0) break;
        authEnd++;
      }
      int hostStart = from; // after the authority's last '@'
      for (int k = from; k < authEnd; k++) if (d[k] == '@') hostStart = k + 1;
      if (hostStart >= authEnd) return Math.max(authEnd, from);
      boolean v6 = d[hostStart] == '[';
      int hostEnd = hostStart;
      while (hostEnd < authEnd && d[hostEnd] != (v6 ? ']' : ':')) hostEnd++;
      if (v6) hostEnd = Math.min(hostEnd + 1, authEnd);
      String value = Domains.urlHost(original(hostStart, hostEnd));
      if (value != null) {
        int end = hostEnd;
        // a trailing dot is not part of the host's span
        while (end > hostStart + 1 && d[end - 1] == '.') end--;
        return afterHost(value, hostStart, end, hostEnd);
      }
      // Text around a URL is not always separated by a stop char ("http://evil.example;"): fall back to the
      // longest domain at the host's start.
      // Only a domain that is all of the rest of the host's run: a prefix of a longer host that is no domain
      // ("lucky-win.example.xn--zz") is not where the URL goes. A host whose first labels are broken but that a
      // browser still opens ("_promo.lucky-win.example", "login-.lucky-win.example") goes to a subdomain of the
      // domain after them.
      // A host glued to punctuation ("http://185.0.2.7!", "__https://evil.example__") is the run of domain
      // characters before it, without the dots, hyphens and underscores that end it.
      int run = hostStart;
      while (run < len && TextSpans.isDomainCharAt(d, len, run)) run++;
      while (run > hostStart && (d[run - 1] == '.' || isEdge(d[run - 1]))) run--;
      if (run == hostStart || run > authEnd) return authEnd;
      String whole = Domains.urlHost(original(hostStart, run));
      if (whole != null) return afterHost(whole, hostStart, run, run);
      int start = TextSpans.isLetterOrDigitAt(d, len, hostStart) ? hostStart : afterBrokenLabels(hostStart, run);
      int end = start < 0 ? -1 : TextSpans.domainEnd(d, len, start);
      if (end != run) {
        start = afterBrokenLabels(hostStart, run);
        end = start < 0 ? -1 : TextSpans.domainEnd(d, len, start);
      }
      return end == run ? host(start, end) : authEnd;
    }

    /**
     * The original characters behind d[start, end), obfuscated dots read as dots and format characters
     * (dropped by the fold) left out, so the host is canonicalized from what was written, marks included.
     */
    private String original(int start, int end) {
      StringBuilder sb = new StringBuilder(end - start + 8);
      int done = -1;
      for (int k = start; k < end; k++) {
        if (dot[k]) {
          sb.append('.');
          done = dEnd[k];
        } else if (dStart[k] >= done) {
          // a char that folded to several (ß, ﬁ) is appended once
          sb.append(original, dStart[k], dEnd[k]);
          done = dEnd[k];
        }
      }
      return sb.toString();
    }

    private static boolean isAuthorityStop(char ch) {
      // A backslash ends the authority as '/' does in a browser, so in "https://evil.example" + '\\' +
      // "@good.example" the host is evil.example. A symbol (an emoji, «) ends it for the reader.
      return ch == SYMBOL || Character.isWhitespace(ch) || "/\\?#<>\"')](,[".indexOf(ch) >= 0;
    }

    /** Records the domain d[start, end) and what follows it; returns where scanning resumes. */
    private int host(int start, int end) {
      String domain = Domains.canonicalDomain(original(start, end));
      return domain == null ? end : afterHost(domain, start, end, end);
    }

    /**
     * Records the host found at d[start, end), skips a port and a path from {@code from} on, and reads a
     * Telegram mention from the path; returns where scanning resumes.
     */
    private int afterHost(String host, int start, int end, int from) {
      add(LinkFinding.Kind.DOMAIN, host, start, end);
      int i = from;
      // a trailing dot before the port or path ("t.me./name") ends the host name, as in a URL
      if (i + 1 < len && d[i] == '.' && (d[i + 1] == ':' || d[i + 1] == '/' || d[i + 1] == '\\')) i++;
      if (i < len && d[i] == ':') {
        int p = i + 1;
        while (p < len && d[p] >= '0' && d[p] <= '9') p++;
        if (p > i + 1) i = p;
      }
      if (i < len && (d[i] == '/' || d[i] == '\\')) {
        int p = i + 1;
        if (TELEGRAM.contains(host)) {
          if (startsWith(d, len, p, "s/")) p += 2;
          int e = p;
          while (e < len && TextSpans.isUsernameChar(d[e])) e++;
          boolean whole = e >= len || !TextSpans.isLetterOrDigitAt(d, len, e);
          String name = new String(d, p, e - p);
          if (whole && Usernames.isValid(name)) add(LinkFinding.Kind.MENTION, name, p, e);
        }
        i = pathEnd(p);
      }
      return i;
    }

    /**
     * Where the path, query and fragment starting at {@code from} end, so that a file name like b.html is not taken
     * for a domain: at white space, at a character a URL cannot hold (an emoji, {@code « » | " < >}), or where
     * another URL begins ({@code ?u=https://other.example}, or percent-encoded {@code ?to=https%3A%2F%2Fother.example}:
     * a redirect names the host it sends the reader to), or at a mention ({@code /@name}).
     */
    private int pathEnd(int from) {
      int p = from;
      while (p < len && !Character.isWhitespace(d[p]) && (TextSpans.isLetterOrDigitAt(d, len, p)
          || URL_PUNCTUATION.indexOf(d[p]) >= 0)) {
        // "/@name" is a mention, as anywhere else punctuation stands before its '@' (t.me/@name, x.org/@name)
        if (d[p] == '@' && TextSpans.mentionEnd(d, len, p) > 0) return p;
        if (schemeSeparator(p) > 0) {
          int scheme = p;
          while (scheme > from && isSchemeChar(d[scheme - 1])) scheme--;
          if (scheme < p) return scheme;
        }
        p++;
      }
      return p;
    }

    /** The ASCII punctuation a URL's path, query and fragment may hold (RFC 3986, with '\\' as browsers read it). */
    private static final String URL_PUNCTUATION = "-._~!$&'()*+,;=:@/?#%[]\\";

    private static boolean isSchemeChar(char ch) {
      return ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '.' || ch == '-';
    }

    private void add(LinkFinding.Kind kind, String value, int start, int end) {
      out.add(new LinkFinding(kind, value, source, dStart[start], dEnd[end - 1]));
    }
  }
}
