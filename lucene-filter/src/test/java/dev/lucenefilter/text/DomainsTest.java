package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Domains}: hosts in UTS #46 form, nothing else folded; IP addresses compared as addresses. */
class DomainsTest {
  @Test
  void theBlocklistsReadmesExamplesOfEquivalentValuesHold() throws Exception {
    // blocklists/README.md writes "(`VALUE` is `CANONICAL`)" in its Domains section: each must be what the loader reads.
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "blocklists", "README.md"));
    String domains = readme.substring(readme.indexOf("## Domains"), readme.indexOf("## Inheritance"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(`([^`]+)` is\\s+`([^`]+)`\\)").matcher(domains);
    int examples = 0;
    for (; m.find(); examples++) assertThat(Domains.canonical(m.group(1))).as(m.group(1)).isEqualTo(m.group(2));
    assertThat(examples).isPositive();
    assertThat(Domains.canonical("user@wallet-drain.example.:443")).isEqualTo("wallet-drain.example");
    // A dot after the port is no host's trailing dot (and no URL's): the value is refused, not guessed at.
    assertThat(Domains.canonical("user@wallet-drain.example:443.")).isNull();
  }

  @Test
  void marksAndConfusablesMakeOtherDomains() {
    // h with a dot below, in Unicode and in punycode: one domain, not etherdelta.com
    assertThat(Domains.canonical("etḥerdelta.com")).isEqualTo("etḥerdelta.com");
    assertThat(Domains.canonical("xn--eterdelta-m75d.com")).isEqualTo("etḥerdelta.com");
    assertThat(Domains.canonical("XN--ETERDELTA-M75D.COM")).isEqualTo("etḥerdelta.com");
    // the same letter written as h + combining dot below (NFC composes it)
    assertThat(Domains.canonical("eth\u0323erdelta.com")).isEqualTo("etḥerdelta.com");
    assertThat(Domains.canonical("etherdelta.com")).isEqualTo("etherdelta.com");
    assertThat(Domains.canonical("bücher.example")).isEqualTo("bücher.example");
    assertThat(Domains.canonical("xn--bcher-kva.example")).isEqualTo("bücher.example");
    assertThat(Domains.canonical("BÜCHER.example")).isEqualTo("bücher.example");
    assertThat(Domains.canonical("bucher.example")).isEqualTo("bucher.example");
    // Cyrillic і and а are not Latin i and a
    assertThat(Domains.canonical("lucky-wіn.example")).isEqualTo("lucky-w\u0456n.example").isNotEqualTo("lucky-win.example");
    assertThat(Domains.canonical("pаypal.com")).isEqualTo("p\u0430ypal.com");
    assertThat(Domains.canonical("xn--pypal-4ve.com")).isEqualTo("p\u0430ypal.com");
    // ß stays ß (non-transitional), ё stays ё, й stays й
    assertThat(Domains.canonical("Faß.de")).isEqualTo("faß.de");
    assertThat(Domains.canonical("ёлка.рф")).isEqualTo("ёлка.рф").isNotEqualTo(Domains.canonical("елка.рф"));
    assertThat(Domains.canonical("йога.рф")).isNotEqualTo(Domains.canonical("иога.рф"));
  }

  @Test
  void idnAndPunycodeAreOneDomain() {
    assertThat(Domains.canonical("пример.қаз")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("ПРИМЕР.ҚАЗ")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("xn--e1afmkfd.xn--80ao21a")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("xn--e1afmkfd.xn--p1ai")).isEqualTo("пример.рф");
    assertThat(Domains.canonical("Xn--E1afmkfd.XN--P1AI")).isEqualTo("пример.рф");
    assertThat(Domains.canonical("münchen.de")).isEqualTo(Domains.canonical("xn--mnchen-3ya.de"));
    assertThat(Domains.canonical("भारत.भारत")).isEqualTo("भारत.भारत");
    assertThat(Domains.canonical("例え.テスト")).isEqualTo("例え.テスト");
    assertThat(Domains.canonical("ＥＸＡＭＰＬＥ．ＣＯＭ")).isEqualTo("example.com");
  }

  @Test
  void brokenOrMisshapenNamesAreNoDomain() {
    assertThat(Domains.canonical("xn--.example")).isNull();
    assertThat(Domains.canonical("xn--a.example")).isNull();
    assertThat(Domains.canonical("xn--zz-.example")).isNull();
    assertThat(Domains.canonical("bet.x1")).isNull();
    assertThat(Domains.canonical("bet.x")).isNull();
    assertThat(Domains.canonical("single")).isNull();
    assertThat(Domains.canonical("-bad.example")).isNull();
    assertThat(Domains.canonical("bad-.example")).isNull();
    assertThat(Domains.canonical("a..example")).isNull();
    assertThat(Domains.canonical("_lead.example")).isNull();
    assertThat(Domains.canonical("trail_.example")).isNull();
    assertThat(Domains.canonical("\u0301abc.example")).isNull();
    assertThat(Domains.canonical("a b.example")).isNull();
    assertThat(Domains.canonical("a".repeat(64) + ".example")).isNull();
    assertThat(Domains.canonical("")).isNull();
    assertThat(Domains.canonical(null)).isNull();
  }

  @Test
  void underscoresHyphensDotsPortsAndUserInfo() {
    assertThat(Domains.canonical("promo_drop.kissr.example")).isEqualTo("promo_drop.kissr.example");
    assertThat(Domains.canonical("ab--cd.example")).isEqualTo("ab--cd.example");
    assertThat(Domains.canonical("пример。қаз")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("пример｡қаз")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("пример．қаз")).isEqualTo("пример.қаз");
    assertThat(Domains.canonical("evil.example.")).isEqualTo("evil.example");
    assertThat(Domains.canonical("user:pw@Evil.Example:8443")).isEqualTo("evil.example");
    assertThat(Domains.canonical("ev\u200Bil.exa\u00ADmple")).isEqualTo("evil.example");
    assertThat(Domains.canonical("evil.example:http")).isNull();
  }

  @Test
  void ipAddressesAreCanonicalAddresses() {
    assertThat(Domains.canonical("185.0.2.7")).isEqualTo("185.0.2.7");
    assertThat(Domains.canonical("１８５．０．２．７")).isEqualTo("185.0.2.7");
    assertThat(Domains.canonical("185.0.2.7:8080")).isEqualTo("185.0.2.7");
    assertThat(Domains.canonical("256.0.2.7")).isNull();
    assertThat(Domains.canonical("185.0.2")).isNull();
    assertThat(Domains.canonical("185.0.2.7.9")).isNull();
    assertThat(Domains.canonical("010.0.2.7")).isNull();
    assertThat(Domains.canonical("2001:db8::7")).isEqualTo("[2001:db8::7]");
    assertThat(Domains.canonical("[2001:DB8:0:0:0:0:0:7]")).isEqualTo("[2001:db8::7]");
    assertThat(Domains.canonical("[2001:0db8:0000::0007]:443")).isEqualTo("[2001:db8::7]");
    assertThat(Domains.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("[2001:db8::1:0:0:1]");
    assertThat(Domains.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("[2001:db8:0:1:1:1:1:1]");
    assertThat(Domains.canonical("::1")).isEqualTo("[::1]");
    assertThat(Domains.canonical("::")).isEqualTo("[::]");
    assertThat(Domains.canonical("fe80::")).isEqualTo("[fe80::]");
    assertThat(Domains.canonical("::ffff:b900:207")).isEqualTo("185.0.2.7");
    assertThat(Domains.canonical("[::ffff:185.0.2.7]")).isEqualTo("185.0.2.7");
    assertThat(Domains.canonical("1::2::3")).isNull();
    assertThat(Domains.canonical("1:2:3:4:5:6:7:8:9")).isNull();
    assertThat(Domains.canonical("fe80::1%eth0")).isNull();
    assertThat(Domains.canonical("[2001:db8::7")).isNull();
    assertThat(IpAddresses.isAddress("185.0.2.7")).isTrue();
    assertThat(IpAddresses.isAddress("[::1]")).isTrue();
    assertThat(IpAddresses.isAddress("evil.example")).isFalse();
  }

  @Test
  void urlHostsAreReadAsBrowsersReadThem() {
    assertThat(Domains.urlHost("%65vil.example")).isEqualTo("evil.example");
    assertThat(Domains.urlHost("%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84")).isEqualTo("пример.рф");
    assertThat(Domains.urlHost("0xb9.0.2.7")).isEqualTo("185.0.2.7");
    assertThat(Domains.urlHost("0271.0.2.7")).isEqualTo("185.0.2.7");
    assertThat(Domains.urlHost("3103785479")).isEqualTo("185.0.2.7");
    assertThat(Domains.urlHost("185.0.519")).isEqualTo("185.0.2.7");
    assertThat(Domains.urlHost("185.0.2.7.")).isEqualTo("185.0.2.7");
    assertThat(Domains.urlHost("[::ffff:b900:207]")).isEqualTo("185.0.2.7");
    // ends in a number but is no address: a browser refuses the URL, it names no domain either
    assertThat(Domains.urlHost("1.2.3.999")).isNull();
    assertThat(Domains.urlHost("evil.example.1")).isNull();
    assertThat(Domains.urlHost("%ff.example")).isNull();
    assertThat(Domains.urlHost("evil.example%40good.example")).isNull();
  }

  @Test
  void suffixesOnLabelBoundariesAndNoneForAddresses() {
    assertThat(Domains.suffixes("a.b.example")).containsExactly("a.b.example", "b.example", "example");
    assertThat(Domains.suffixes("promo_drop.kissr.example")).containsExactly("promo_drop.kissr.example", "kissr.example", "example");
    assertThat(Domains.suffixes("1.2.3.4")).containsExactly("1.2.3.4");
    assertThat(Domains.suffixes("11.2.3.4")).doesNotContain("1.2.3.4", "2.3.4");
    assertThat(Domains.suffixes("[2001:db8::7]")).containsExactly("[2001:db8::7]");
  }
}
