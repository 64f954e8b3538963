package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domain rules on lookalikes, IDNs, IP addresses, underscores and browser-read URLs give the same decision at
 * {@code check} (the engine), in the naive reference, and at query time over the indexed domain-suffix fields.
 */
class DomainRulesTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  /** Post id → its text, its link (or null), and the rules that must hide it ("" for none). */
  private final Map<String, String[]> cases = new LinkedHashMap<>();

  private void post(String id, String text, String link, String rules) {
    cases.put(id, new String[] {text, link, rules});
  }

  @Test
  void everyPathDecidesDomainsByTheirUts46FormAndIpsAsAddresses() throws Exception {
    Path policy = tmp.resolve("policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(policy.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "look", "type": "domain", "category": "fraud", "legal_basis": "t",
           "values": ["xn--eterdelta-m75d.com", "bücher.example", "lucky-wіn.example"]},
          {"id": "ip", "type": "domain", "category": "fraud", "legal_basis": "t",
           "values": ["198.51.100.7", "[2001:db8::7]", "1.2.3.4"]},
          {"id": "idn", "type": "domain", "category": "fraud", "legal_basis": "t", "values": ["ПРИМЕР.ҚАЗ"]},
          {"id": "under", "type": "domain", "category": "fraud", "legal_basis": "t", "values": ["promo_drop.kissr.example"]},
          {"id": "wallet", "type": "domain", "category": "fraud", "legal_basis": "t", "values": ["wallet-drain.example."]}
        ]}""");
    post("real-ether", "trade at etherdelta.com", "https://etherdelta.com/", "");
    post("ether-text", "trade at etḥerdelta.com", null, "look");
    post("ether-puny", "trade here", "https://XN--ETERDELTA-M75D.COM/login", "look");
    post("ether-zw", "trade at et\u200Bḥerdelta.com", null, "look");
    post("bucher", "books", "https://bucher.example/", "");
    post("bucher-umlaut", "books at BÜCHER.example", null, "look");
    post("bucher-puny", "books", "http://shop.xn--bcher-kva.example/x", "look");
    post("lucky-latin", "spin at lucky-win.example", null, "");
    post("lucky-cyrillic", "spin at lucky-wіn.example", null, "look");
    post("ip4", "send to 1.2.3.4 today", null, "ip");
    post("ip4-longer", "send to 11.2.3.4 or 1.2.3.45", null, "");
    post("ip4-url-port", "claim at http://198.51.100.7:8080/x now", null, "ip");
    post("ip4-mapped", "claim", "http://[::ffff:102:304]/", "ip");
    post("ip4-hex", "claim", "http://0xc6.51.100.7/", "ip");
    post("ip4-other", "claim", "http://198.51.100.70/", "");
    post("ip6", "claim", "http://[2001:DB8:0:0::7]:443/x", "ip");
    post("ip6-other", "claim", "http://[2001:db8::70]/x", "");
    post("idn-puny", "shop", "https://xn--e1afmkfd.xn--80ao21a/", "idn");
    post("idn-text", "магазин на sub.пример。қаз", null, "idn");
    post("idn-no-mark", "магазин на пример.каз", null, "");
    post("underscore", "drop", "https://promo_drop.kissr.example/x", "under");
    post("underscore-sub", "drop at x.promo_drop.kissr.example", null, "under");
    post("underscore-parent", "drop", "https://kissr.example/", "");
    post("backslash", "go", "https://wallet-drain.example\\@good.example/", "wallet");
    post("userinfo", "go", "https://good.example@wallet-drain.example:8443/", "wallet");
    post("userinfo-only", "go", "https://wallet-drain.example@good.example/", "");
    post("percent", "go", "http://%77allet-drain.example/", "wallet");
    post("obfuscated", "go to hxxps://wallet-drain[.]example/login", null, "wallet");
    post("trailing-dot", "go", "https://Wallet-Drain.Example./", "wallet");
    post("suffix-only", "go to notwallet-drain.example", null, "");
    // evasions: a '+' or an '@' glued to the host, a symbol or a redirect after a path, junk labels, leading zeros
    post("plus", "Казино 18+wallet-drain.example", null, "wallet");
    post("plus-ip", "18+198.51.100.7", null, "ip");
    post("plus-link", "go", "18+wallet-drain.example", "wallet");
    post("at-no-domain", "зеркало wallet-drain.example@казино", null, "wallet");
    post("at-end-ip", "сервер 198.51.100.7@ админка", null, "ip");
    post("email-local", "write to wallet-drain.example+x@good.example", null, "");
    post("path-symbol", "see good.example/«wallet-drain.example»", null, "wallet");
    post("path-redirect", "see https://good.example/r?u=https://wallet-drain.example/", null, "wallet");
    post("long-label", "a".repeat(64) + ".wallet-drain.example", null, "wallet");
    post("zeros", "send to 198.051.100.007", null, "ip"); // 198.51.100.7 read as decimal, 198.41.100.7 as octal
    post("zeros-other", "send to 198.051.100.070", null, "");
    post("zeros-both", "send to 001.002.003.004", null, "ip");
    post("ip6-bare-link", "claim", "[2001:db8::7]:8443/x", "ip");

    PolicySnapshot snapshot = PolicyLoader.load(policy);
    DecisionEngine engine = DecisionEngine.create(snapshot);
    List<Post> posts = new ArrayList<>();
    Set<String> visible = new TreeSet<>();
    for (var e : cases.entrySet()) {
      String[] c = e.getValue();
      Post p = new Post(e.getKey(), "c1", "", c[0], NOW, 1, c[1] == null ? List.of() : List.of(c[1]), List.of(), Map.of());
      posts.add(p);
      String expected = c[2].isEmpty() ? "keep []" : "hide [" + c[2] + "]";
      Decision d = engine.decide(p, null, "KZ", NOW);
      assertEquals(expected, d.outcome().label() + " " + d.rules(), e.getKey() + ": " + d.matches());
      assertEquals(expected, NaiveReference.decide(snapshot, p, null, "KZ", NOW), e.getKey() + " (NaiveReference)");
      if (c[2].isEmpty()) visible.add(e.getKey());
    }
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (Post p : posts) index.add(p);
      ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1 << 20);
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, cache, Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertEquals(visible, ids(search, "KZ"));
      assertEquals(cases.size(), ids(search, "GLOBAL").size());
    }
  }

  @Test
  void evidenceNamesTheCanonicalHost() throws Exception {
    Path policy = tmp.resolve("p2");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [{"id": "g", "type": "domain", "category": "fraud", "legal_basis": "t",
          "values": ["2001:db8::7", "xn--e1afmkfd.xn--80ao21a"]}]}""");
    DecisionEngine engine = DecisionEngine.create(PolicyLoader.load(policy));
    Post p = new Post("p", "c1", "", "see www.ПРИМЕР.ҚАЗ", NOW, 1, List.of("http://[2001:db8:0::7]/"), List.of(), Map.of());
    assertEquals("domain www.пример.қаз (under пример.қаз) in text at 4-18",
        engine.decide(p, null, "GLOBAL", NOW).matches().get(0).evidence());
    Post q = new Post("q", "c1", "", "", NOW, 1, List.of("http://[2001:db8:0::7]/"), List.of(), Map.of());
    assertEquals("domain [2001:db8::7] in links[0]", engine.decide(q, null, "GLOBAL", NOW).matches().get(0).evidence());
  }

  private static Set<String> ids(SearchService search, String j) throws Exception {
    Set<String> out = new TreeSet<>();
    search.search(SearchRequest.builder(j).query("").pageSize(100).build()).hits().forEach(h -> out.add(h.id()));
    return out;
  }
}
