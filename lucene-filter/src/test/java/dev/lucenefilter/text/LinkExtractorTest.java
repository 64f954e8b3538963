package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkExtractorTest {
  private static ExtractedLinks text(String t) { return LinkExtractor.extract(t, List.of()); }

  private static ExtractedLinks link(String l) { return LinkExtractor.extract("", List.of(l)); }

  @Test
  void domainsFromLinks() {
    assertThat(link("https://lucky-win.example/").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(link("https://app.lucky-win.example/x").domains()).containsExactlyInAnyOrder("app.lucky-win.example");
    assertThat(link("https://LUCKY-WIN.EXAMPLE").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(link("https://user:secret@lucky-win.example:8443/a/b.html?q=c.d#e.f").domains())
        .containsExactly("lucky-win.example");
    assertThat(link("https://lucky-win.example./").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(link("https://xn--e1afmkfd.xn--p1ai/").domains()).containsExactlyInAnyOrder("пример.рф");
    assertThat(link("https://ПРИМЕР.РФ/").domains()).containsExactlyInAnyOrder("пример.рф");
    assertThat(link("not a link").domains()).isEmpty();
  }

  @Test
  void domainsInTextWithObfuscations() {
    assertThat(text("go to lucky-win[.]example").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("go to lucky-win(.)example").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("go to lucky-win(dot)example").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("go to lucky-win[dot]example").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("go to www.lucky-win.example today").domains()).containsExactlyInAnyOrder("www.lucky-win.example");
    assertThat(text("hxxp://lucky-win.example and hxxps://bet.example/x").domains())
        .containsExactlyInAnyOrder("lucky-win.example", "bet.example");
    assertThat(text("write to support@lucky-win.example").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("ｌｕｃｋｙ－ｗｉｎ．ｅｘａｍｐｌｅ").domains()).containsExactlyInAnyOrder("lucky-win.example");
    assertThat(text("e.g. т.е. 3.14 v1.2.3 end.").domains()).isEmpty();
    // a lookalike Cyrillic і keeps it another domain
    assertThat(text("lucky-wіn.example").domains()).containsExactlyInAnyOrder("lucky-wіn.example").doesNotContain("lucky-win.example");
    // a path is not a domain
    assertThat(text("see site.example/files/report.pdf").domains()).containsExactlyInAnyOrder("site.example");
  }

  @Test
  void suffixesAreOnLabelBoundaries() {
    assertThat(Domains.suffixes(text("notbet.example").domains().iterator().next())).doesNotContain("bet.example");
    assertThat(Domains.suffixes(text("bet.example.org").domains().iterator().next())).doesNotContain("bet.example");
    assertThat(Domains.suffixes(text("a.bet.example").domains().iterator().next())).contains("bet.example");
  }

  @Test
  void mentions() {
    assertThat(text("write to @spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("write to @Spice_Shop.").mentions()).containsExactly("spice_shop");
    assertThat(text("t.me/spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("https://telegram.me/spice_shop?start=1").mentions()).containsExactly("spice_shop");
    assertThat(link("https://t.me/spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("write to @spice_shop_news").mentions()).containsExactly("spice_shop_news");
    assertThat(text("@abc is too short, mail me@spice_shop.example").mentions()).isEmpty();
    assertThat(text("t.me/spice_shopй").mentions()).isEmpty();
  }

  @Test
  void findingsNameTheirSourceAndOffsets() {
    String t = "mail SUPPORT@LUCKY-WIN.EXAMPLE or @spice_shop";
    assertThat(LinkExtractor.find(t, List.of("https://x.example/", "t.me/spice_shop"))).containsExactly(
        new LinkFinding(LinkFinding.Kind.DOMAIN, "lucky-win.example", "text", 13, 30),
        new LinkFinding(LinkFinding.Kind.MENTION, "spice_shop", "text", 34, 45),
        new LinkFinding(LinkFinding.Kind.DOMAIN, "x.example", "links[0]", 8, 17),
        new LinkFinding(LinkFinding.Kind.DOMAIN, "t.me", "links[1]", 0, 4),
        new LinkFinding(LinkFinding.Kind.MENTION, "spice_shop", "links[1]", 5, 15));
  }
}
