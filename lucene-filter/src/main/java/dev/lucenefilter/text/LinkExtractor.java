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
        schemelessIpv6(link, source, out.subList(before, out.size()));
      }
    }
    return out;
  }

  /**
   * A link that is an IPv6 address without a scheme ({@code [2001:db8::7]:8443/x}, {@code 2001:db8::7}) names that
   * host as {@code http://} before it would; text is not read this way (only bare IPv4 addresses count there).
   */
  private static void schemelessIpv6(String link, String source, List<LinkFinding> found) {
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
      if (address.indexOf(':') == address.lastIndexOf(':')) return; // a port at most: no IPv6 address
    }
    String host = IpAddresses.ipv6(address);
    if (host == null || found.stream().anyMatch(f -> f.value().equals(host))) return;
    found.add(new LinkFinding(LinkFinding.Kind.DOMAIN, host, source, start, end));
  }

  private static final Set<String> TELEGRAM = Set.of("t.me", "telegram.me", "www.t.me", "www.telegram.me");

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
      d = new char[n];
      dStart = new int[n];
      dEnd = new int[n];
      dot = new boolean[n];
      int o = 0;
      for (int i = 0; i < n; ) {
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
          put(o++, c[i] == '\u3002' ? '.' : c[i], ft.start[i], ft.end[i]);
          i++;
        }
      }
      len = o;
      ft.trim(1 << 16);
    }

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
        int runEnd = i;
        boolean dotted = false;
        while (runEnd < len && (TextSpans.isDomainCharAt(d, len, runEnd) || d[runEnd] == '+')) {
          dotted |= d[runEnd++] == '.';
        }
        if (startsWith(d, len, runEnd, "://") && isScheme(i, runEnd)) {
          i = url(runEnd + 3);
          continue;
        }
        if (runEnd < len && d[runEnd] == '@' && TextSpans.isEmailAt(d, len, runEnd)) {
          // an e-mail local part: its domain follows the '@' (the tokenizer's test, so that "тут...@name", "1.@name"
          // and "evil.example@казино" are no e-mail here as there, and the domain before the '@' counts)
          i = runEnd + 1;
          continue;
        }
        // Outside an e-mail local part a '+' joins nothing: "18+lucky-win.example" holds the domain after it.
        int plus = indexOf('+', i, runEnd);
        if (plus >= 0) {
          runEnd = plus;
          dotted = indexOf('.', i, plus) >= 0;
        }
        if (!dotted) { // an IPv4 address and a domain both have a dot, and lie within the run
          i = runEnd;
          continue;
        }
        int ipEnd = ipv4End(i);
        if (ipEnd > 0) {
          List<String> ips = IpAddresses.bareIpv4Readings(new String(d, i, ipEnd - i));
          if (!ips.isEmpty()) {
            for (String other : ips.subList(1, ips.size())) add(LinkFinding.Kind.DOMAIN, other, i, ipEnd);
            i = afterHost(ips.get(0), i, ipEnd, ipEnd);
            continue;
          }
        }
        i = domainIn(i, runEnd);
      }
    }

    /** The first index of {@code ch} in d[from, to), or -1. */
    private int indexOf(char ch, int from, int to) {
      for (int k = from; k < to; k++) if (d[k] == ch) return k;
      return -1;
    }

    /**
     * Records the domain in the run d[from, runEnd): the longest one from the run's start, else the longest one after
     * the run's last broken label (empty, longer than 63 letters, or with a hyphen or underscore at an edge:
     * "www..evil.example", "x-.evil.example"), so that junk glued before a domain does not hide it. A label that is
     * only no valid IDN ("xn--a.evil.example") is not skipped: a broken xn-- label names no domain. Returns where
     * scanning resumes.
     */
    private int domainIn(int from, int runEnd) {
      int end = TextSpans.domainEnd(d, len, from);
      if (end > 0) return host(from, end);
      int after = afterBrokenLabels(from, runEnd);
      if (after < 0) return runEnd;
      end = TextSpans.domainEnd(d, len, after);
      return end > 0 ? host(after, end) : runEnd;
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
     * run of numbers and dots ({@code 1.2.3.4.5} is a version, not an address) or of a word.
     */
    private int ipv4End(int from) {
      if (from > 0 && TextSpans.isDomainCharAt(d, len, from - 1)) return -1;
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
        if (next == '-' || next == '_' || TextSpans.isLetterOrDigitAt(d, len, i)) return -1;
        if (next == '.' && i + 1 < len && (Character.isLetterOrDigit(d[i + 1]) || d[i + 1] == '-' || d[i + 1] == '_')) {
          return -1;
        }
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
      int run = hostStart;
      while (run < len && TextSpans.isDomainCharAt(d, len, run)) run++;
      while (run > hostStart && d[run - 1] == '.') run--;
      if (run == hostStart || run > authEnd) return authEnd;
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
      // "@good.example" the host is evil.example.
      return ch == '/' || ch == '\\' || ch == '?' || ch == '#' || Character.isWhitespace(ch) || ch == '<' || ch == '>'
          || ch == '"' || ch == '\'' || ch == ')' || ch == ']' || ch == '(' || ch == '[' || ch == ',';
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
     * another URL begins ({@code ?u=https://other.example}: a redirect names the host it sends the reader to).
     */
    private int pathEnd(int from) {
      int p = from;
      while (p < len && !Character.isWhitespace(d[p]) && (TextSpans.isLetterOrDigitAt(d, len, p)
          || URL_PUNCTUATION.indexOf(d[p]) >= 0)) {
        if (startsWith(d, len, p, "://")) {
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
