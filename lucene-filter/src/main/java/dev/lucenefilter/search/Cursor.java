package dev.lucenefilter.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The search-after position of a page: the last hit's sort value and unique key, how many hits came before, the
 * jurisdiction and a digest of the request it belongs to, signed with the index's {@link CursorKey}. Encoded as
 * URL-safe base64, opaque to callers; any change to it makes it invalid.
 *
 * @param jurisdiction the jurisdiction the page was served to; a cursor is refused for any other
 * @param request      digest of query, target, order, channels and dates; a cursor fits only its own request
 * @param value        score bits ({@link Float#floatToIntBits}) for relevance, else the date or count
 * @param uid          the last hit's {@code uid}
 * @param seen         hits returned before the next page
 */
record Cursor(String jurisdiction, String request, long value, String uid, long seen) {
  private static final String VERSION = "c2";
  private static final int MAC_BYTES = 32;

  String encode(CursorKey key) {
    byte[] payload = (VERSION + '\n' + jurisdiction + '\n' + request + '\n' + value + '\n' + seen + '\n' + uid)
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = ByteBuffer.allocate(MAC_BYTES + payload.length).put(key.sign(payload)).put(payload).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * The cursor, checked against the request it is used with.
   *
   * @throws InvalidRequestException when it is not a cursor signed with {@code key}, or was made for another
   *     jurisdiction or request
   */
  static Cursor decode(String s, CursorKey key, String expectedJurisdiction, String expectedRequest) {
    Cursor c;
    try {
      byte[] raw = Base64.getUrlDecoder().decode(s);
      if (raw.length <= MAC_BYTES) throw new IllegalArgumentException("too short");
      byte[] payload = Arrays.copyOfRange(raw, MAC_BYTES, raw.length);
      if (!key.verify(payload, Arrays.copyOf(raw, MAC_BYTES))) throw new IllegalArgumentException("bad signature");
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 6);
      if (parts.length != 6 || !parts[0].equals(VERSION)) throw new IllegalArgumentException("bad layout");
      long seen = Long.parseLong(parts[4]);
      if (seen < 0 || parts[5].isEmpty()) throw new IllegalArgumentException("bad values");
      c = new Cursor(parts[1], parts[2], Long.parseLong(parts[3]), parts[5], seen);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("invalid cursor");
    }
    if (!c.jurisdiction.equals(expectedJurisdiction)) {
      throw new InvalidRequestException("the cursor belongs to another jurisdiction; start again without a cursor");
    }
    if (!c.request.equals(expectedRequest)) {
      throw new InvalidRequestException("the cursor belongs to another query; start again without a cursor");
    }
    return c;
  }
}
