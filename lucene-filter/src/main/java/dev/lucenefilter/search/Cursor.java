package dev.lucenefilter.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The search-after position of a page: the last hit's sort value and unique key, how many hits came before, and
 * a fingerprint of the request it belongs to. Encoded as URL-safe base64, opaque to callers.
 *
 * @param fingerprint hash of query, target, order, channels and dates; a cursor fits only its own request
 * @param value       score bits ({@link Float#floatToIntBits}) for relevance, else the date or count
 * @param uid         the last hit's {@code uid}
 * @param seen        hits returned before the next page
 */
record Cursor(int fingerprint, long value, String uid, long seen) {
  private static final String VERSION = "c1";

  String encode() {
    String raw = VERSION + '\n' + fingerprint + '\n' + value + '\n' + seen + '\n' + uid;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String s, int expectedFingerprint) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", 5);
      if (parts.length != 5 || !parts[0].equals(VERSION)) throw new IllegalArgumentException("bad layout");
      int fingerprint = Integer.parseInt(parts[1]);
      if (fingerprint != expectedFingerprint) {
        throw new InvalidRequestException("the cursor belongs to another query; start again without a cursor");
      }
      long seen = Long.parseLong(parts[3]);
      if (seen < 0 || parts[4].isEmpty()) throw new IllegalArgumentException("bad values");
      return new Cursor(fingerprint, Long.parseLong(parts[2]), parts[4], seen);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("invalid cursor");
    }
  }
}
