package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexing group's index-time policy and peers: they must reject what the query-time policy would hide. */
class IndexTimePeersTest {
  private static Path policy(Path dir) throws Exception {
    Files.writeString(dir.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [
        {"id": "g-ch", "type": "channel", "category": "bench", "legal_basis": "bench", "values": ["c-bad"]}]}
        """);
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "inherits": ["GLOBAL"], "rules": [
        {"id": "kz-ph", "type": "phrase", "category": "bench", "legal_basis": "bench",
         "values": ["онлайн казино", "ставки на спорт"]},
        {"id": "kz-dom", "type": "domain", "category": "bench", "legal_basis": "bench", "values": ["bad.example"]}]}
        """);
    return dir;
  }

  @Test
  void theRejectCopyHoldsEveryRuleOfTheJurisdictionAndGlobalAsGlobalRejectRules(@TempDir Path tmp) throws Exception {
    Path source = policy(Files.createDirectory(tmp.resolve("source")));
    assertEquals(3, RejectPolicy.write(source, "KZ", tmp.resolve("reject")));

    PolicySnapshot reject = Fixture.load(tmp.resolve("reject"));
    IndexTimeHook hook = new PolicyIndexHook(() -> reject, ContentFilters.load(),
        Clock.fixed(Fixture.NOW, ZoneOffset.UTC), null);
    assertEquals(IndexTimeHook.Verdict.reject(List.of("kz-ph")),
        hook.inspect(Post.of("p1", "c-ok", "Лучшее ОНЛАЙН-КАЗИНО города")));
    assertEquals(IndexTimeHook.Verdict.reject(List.of("g-ch")), hook.inspect(Post.of("p2", "c-bad", "привет")));
    assertEquals(IndexTimeHook.Verdict.reject(List.of("kz-dom")),
        hook.inspect(Post.of("p3", "c-ok", "см. https://www.bad.example/x")));
    assertEquals(IndexTimeHook.Verdict.admit(), hook.inspect(Post.of("p4", "c-ok", "казино закрыли, онлайн нет")));
  }

  @Test
  void thePeersMatchTheSamePhrasesMonitorThroughNormalizationAhoCorasickOnlyByCase(@TempDir Path tmp)
      throws Exception {
    PolicySnapshot snapshot = Fixture.load(policy(tmp));
    PhrasePeers peers = PhrasePeers.of(snapshot);
    assertEquals(1, peers.phraseRules);
    assertEquals(2, peers.phrases);

    assertTrue(peers.monitorMatches("Лучшее ОНЛАЙН-КАЗИНО города"));
    assertTrue(peers.ahoCorasickMatches("лучшие СТАВКИ НА СПОРТ"));
    // Monitor reads the same normalized words as our phrase rules; Aho–Corasick sees only the lower-cased characters.
    assertFalse(peers.ahoCorasickMatches("Лучшее ОНЛАЙН-КАЗИНО города"));
    assertFalse(peers.monitorMatches("казино закрыли, онлайн нет"));
    assertFalse(peers.ahoCorasickMatches("казино закрыли, онлайн нет"));
  }
}
