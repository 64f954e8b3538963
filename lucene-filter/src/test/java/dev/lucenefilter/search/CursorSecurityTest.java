package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.index.ContentIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cursors are bound to their jurisdiction and request, signed with the index's secret, and bounded. */
class CursorSecurityTest {
  @TempDir Path dir;
  ContentIndex index;
  SearchService service;

  /** KZ and DE see everything: only the cursor decides what happens. */
  static final VisibilityFilter ANY = (searcher, jurisdiction) -> new MatchAllDocsQuery();

  @BeforeEach
  void open() throws IOException {
    index = ContentIndex.open(dir.resolve("ix"));
    for (int i = 0; i < 9; i++) index.add(SearchServiceTest.post("p-" + i, "c", "слово", i, i));
    service = SearchService.builder(index).visibility(ANY).build();
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  private static SearchRequest.Builder request(String jurisdiction) {
    return SearchRequest.builder(jurisdiction).query("слово").pageSize(4);
  }

  @Test
  void aCursorIsRefusedInAnotherJurisdiction() throws IOException {
    String kz = service.search(request("KZ").build()).nextCursor();
    assertThatThrownBy(() -> service.search(request("DE").cursor(kz).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("the cursor belongs to another jurisdiction; start again without a cursor");
    assertThat(service.search(request("KZ").cursor(kz).build()).hits()).hasSize(4);
  }

  @Test
  void everyChangedByteIsRefused() throws IOException {
    String cursor = service.search(request("KZ").build()).nextCursor();
    byte[] raw = Base64.getUrlDecoder().decode(cursor);
    for (int i = 0; i < raw.length; i++) {
      byte[] changed = raw.clone();
      changed[i] ^= 0x01;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
      assertThatThrownBy(() -> service.search(request("KZ").cursor(tampered).build())).as("byte " + i)
          .isInstanceOf(InvalidRequestException.class).hasMessage("invalid cursor");
    }
    // A cursor in the old, unsigned layout is refused too.
    String unsigned = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("c1\n0\n0\n0\npost:p-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> service.search(request("KZ").cursor(unsigned).build())).hasMessage("invalid cursor");
  }

  @Test
  void aSignedCursorFarBeyondTheWindowIsRefused() throws IOException {
    service.search(request("KZ").build()); // creates the index's secret
    CursorKey key = CursorKey.forIndex(index.directory());
    SearchRequest r = request("KZ").build();
    for (long seen : new long[] {Integer.MAX_VALUE - 2L, Integer.MAX_VALUE, Long.MAX_VALUE - 2, Long.MAX_VALUE}) {
      String forged = new Cursor("KZ", SearchService.requestDigest(r), Float.floatToIntBits(1f), "post:p-1", seen)
          .encode(key);
      assertThatThrownBy(() -> service.search(request("KZ").cursor(forged).build())).as("seen " + seen)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage("result window exceeded: at most 100000 hits per query");
    }
  }

  @Test
  void validCursorsPageThroughEverythingAcrossServices() throws IOException {
    List<String> all = new ArrayList<>();
    service.search(request("KZ").pageSize(100).build()).hits().forEach(h -> all.add(h.id()));
    assertThat(all).hasSize(9);
    SearchService other = SearchService.builder(index).visibility(ANY).build();
    // Alternate services: the secret is the index's, so a restarted service continues a cursor.
    SearchServiceTest.Pages paged = SearchServiceTest.pageThrough(
        (n, cursor) -> (n % 2 == 0 ? service : other).search(request("KZ").cursor(cursor).build()));
    assertThat(paged.pages()).hasSize(3);
    assertThat(paged.ids()).isEqualTo(all);
    Path secret = index.directory().resolve(CursorKey.FILE);
    assertThat(Files.size(secret)).isEqualTo(32);
    if (secret.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    }
  }

  /** One key signs from many threads at once (as a shared service does): each signature is the HMAC of its payload. */
  @Test
  void signaturesFromManyThreadsAreEachTheHmacOfTheirPayload() throws Exception {
    CursorKey key = CursorKey.forIndex(index.directory());
    Mac reference = Mac.getInstance("HmacSHA256");
    reference.init(new SecretKeySpec(Files.readAllBytes(index.directory().resolve(CursorKey.FILE)), "HmacSHA256"));
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<byte[][]>> signed = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        signed.add(pool.submit(() -> {
          byte[][] out = new byte[perThread][];
          for (int i = 0; i < perThread; i++) out[i] = key.sign(payload(thread, i));
          return out;
        }));
      }
      for (int t = 0; t < threads; t++) {
        byte[][] out = signed.get(t).get();
        for (int i = 0; i < perThread; i++) {
          assertThat(out[i]).as("thread %d, payload %d", t, i).isEqualTo(reference.doFinal(payload(t, i)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(key.verify(payload(0, 0), reference.doFinal(payload(0, 1)))).isFalse();
  }

  /** Payloads of different lengths, so that a Mac state shared between threads would show. */
  private static byte[] payload(int thread, int i) {
    return ("payload " + thread + "/" + i + " " + "x".repeat(i % 97)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCorruptSecretIsAnError() throws IOException {
    Files.write(index.directory().resolve(CursorKey.FILE), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> service.search(request("KZ").build()))
        .isInstanceOf(IOException.class)
        .hasMessage(index.directory().resolve(CursorKey.FILE)
            + ": corrupt cursor secret (3 bytes, expected 32); delete it to make a new one (open cursors become invalid)");
  }
}
