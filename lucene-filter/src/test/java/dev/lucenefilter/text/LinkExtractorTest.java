package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LinkExtractorTest {
  private static ExtractedLinks text(String t) { return LinkExtractor.extract(t, List.of()); }

  private static ExtractedLinks link(String l) { return LinkExtractor.extract("", List.of(l)); }

  /** A text is skipped unread only when it has none of what every host or mention needs (see Scan.mayHoldHost). */
  @Test
  void eachSignOfAHostIsEnoughToReadTheText() {
    assertThat(LinkExtractor.find("Конец. Начало: 2026, (скобки) и [ещё]", List.of())).isEmpty();
    assertThat(LinkExtractor.find("end. a.b", List.of())).isEmpty();
    assertThat(text("пиши @spin_bot").mentions()).containsExactly("spin_bot");
    assertThat(text("open http://3103785479/x").domains()).containsExactly("185.0.2.7");
    assertThat(text("see bet.example").domains()).containsExactly("bet.example");
    assertThat(text("see bet[.]example").domains()).containsExactly("bet.example");
    assertThat(text("see bet(dot)example").domains()).containsExactly("bet.example");
    assertThat(text("see bet\u3002example").domains()).containsExactly("bet.example");
    assertThat(text("see bet\uFF0Eexample and 1\uFF0E2.3.4").domains()).containsExactlyInAnyOrder("bet.example", "1.2.3.4");
    assertThat(text("mail me at a\uFF20b.example").domains()).containsExactly("b.example");
  }

  /** A '+' is part of a run only inside an e-mail local part: glued before a host it hides nothing. */
  @Test
  void aPlusGluedBeforeAHostDoesNotHideIt() {
    assertThat(text("Казино 18+lucky-win.example").domains()).containsExactly("lucky-win.example");
    assertThat(text("бонус+пример.рф").domains()).containsExactly("пример.рф");
    assertThat(text("18+185.0.2.7").domains()).containsExactly("185.0.2.7");
    assertThat(text("пиши+t.me/spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("win+lucky-win[.]example").domains()).containsExactly("lucky-win.example");
    assertThat(text("казино+lucky-win.example+бонус").domains()).containsExactly("lucky-win.example");
    assertThat(text("1xbet+lucky-win.example").domains()).containsExactly("lucky-win.example");
    assertThat(text("18+https://lucky-win.example/x").domains()).containsExactly("lucky-win.example");
    assertThat(link("18+lucky-win.example").domains()).containsExactly("lucky-win.example");
    // inside an e-mail local part it stays: the address counts as its domain only
    assertThat(text("write to lucky-win.example+tag@mail.example").domains()).containsExactly("mail.example");
    assertThat(text("a+b@mail.example").domains()).containsExactly("mail.example");
  }

  /** An '@' makes an e-mail address only with a domain after it; else the domain before it counts. */
  @Test
  void aDomainBeforeAnAtWithoutADomainAfterItCounts() {
    assertThat(text("зеркало lucky-win.example@казино").domains()).containsExactly("lucky-win.example");
    assertThat(text("наш сайт lucky-win.example@").domains()).containsExactly("lucky-win.example");
    assertThat(text("сайт пример.рф@").domains()).containsExactly("пример.рф");
    assertThat(text("сервер 185.0.2.7@ админка").domains()).containsExactly("185.0.2.7");
    assertThat(text("lucky-win.example@@ lucky-win.example@1").domains()).containsExactly("lucky-win.example");
    assertThat(link("lucky-win.example@x").domains()).containsExactly("lucky-win.example");
    ExtractedLinks both = text("пиши lucky-win.example@casino_promo_bot");
    assertThat(both.domains()).containsExactly("lucky-win.example");
    assertThat(both.mentions()).as("a letter glued before the '@' makes no mention").isEmpty();
    // an e-mail address still counts as its domain only
    assertThat(text("support.team@lucky-win.example").domains()).containsExactly("lucky-win.example");
  }

  /** A path ends where no URL goes on, so a domain glued after it by a symbol, or a redirect's target, counts. */
  @Test
  void aPathEndsWhereTheUrlEnds() {
    assertThat(text("t.me/x|lucky-win.example").domains()).containsExactlyInAnyOrder("t.me", "lucky-win.example");
    assertThat(text("good.example/«lucky-win.example»").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    assertThat(text("https://good.example/🔥lucky-win.example").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    assertThat(text("good.example/\u2800lucky-win.example").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    assertThat(text("https://good.example/redirect?u=https://lucky-win.example/x").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    assertThat(text("https://good.example/go#hxxps://lucky-win.example").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    // what a path may hold stays in it
    assertThat(text("see site.example/files/report.pdf?v=1.2&x=a.b#c.d and ru.example/wiki/Казино.рф")
        .domains())
        .containsExactlyInAnyOrder("site.example", "ru.example");
  }

  /** A URL's address host glued to punctuation or markdown is still the address (a domain host already was). */
  @Test
  void anAddressHostGluedToPunctuationInAUrlCounts() {
    for (String t : List.of("Наш сервер «https://185.0.2.7» работает", "**http://185.0.2.7**", "https://185.0.2.7!",
        "http://185.0.2.7:8080!", "http://0xb9.0.2.7!", "http://3103785479!", "hxxps://185[.]0[.]2[.]7!",
        "~~http://185.0.2.7~~", "||http://185.0.2.7||", "`http://185.0.2.7`", "{http://185.0.2.7}")) {
      assertThat(text(t).domains()).as(t).containsExactly("185.0.2.7");
    }
    assertThat(link("https://185.0.2.7!").domains()).containsExactly("185.0.2.7");
    // markdown's underline and a hyphen or an ellipsis glued after a domain host
    for (String t : List.of("__https://lucky-win.example__", "_https://lucky-win.example_",
        "https://lucky-win.example-", "https://lucky-win.example…бонус")) {
      assertThat(text(t).domains()).as(t).containsExactly("lucky-win.example");
    }
  }

  /** Symbols that step 1 would fold into letters (™ → tm, ㊗ → 祝, Ⓜ → m) are not part of a host or a name. */
  @Test
  void symbolsFoldedIntoLettersDoNotJoinAHost() {
    // (squared and circled letters such as 🄰 and ⓐ are letters to a browser: see the third round's test)
    for (String glyph : List.of("™", "㊗️", "㊙️", "Ⓜ️", "№", "🈁", "🉐", "℡", "㎞")) {
      assertThat(text("Бонусы lucky-win.example" + glyph).domains()).as(glyph).containsExactly("lucky-win.example");
      assertThat(text(glyph + "lucky-win.example").domains()).as(glyph).containsExactly("lucky-win.example");
      assertThat(text("https://lucky-win.example" + glyph).domains()).as(glyph).containsExactly("lucky-win.example");
      assertThat(text("IP 185.0.2.7" + glyph).domains()).as(glyph).containsExactly("185.0.2.7");
      assertThat(text("Почта promo@mail.example" + glyph).domains()).as(glyph).containsExactly("mail.example");
      assertThat(text("Пиши @spice_shop" + glyph + " 24/7").mentions()).as(glyph).containsExactly("spice_shop");
      assertThat(text("Пиши t.me/spice_shop" + glyph).mentions()).as(glyph).containsExactly("spice_shop");
    }
    // what a browser reads as the ASCII it folds to stays that: fullwidth forms, ideographic dots, other digits
    assertThat(text("ｌｕｃｋｙ－ｗｉｎ．ｅｘａｍｐｌｅ").domains()).containsExactly("lucky-win.example");
    assertThat(text("lucky①.example").domains()).containsExactly("lucky1.example");
  }

  /** Junk glued before or after a bare dotted quad that continues no label does not hide it. */
  @Test
  void junkAroundABareAddressDoesNotHideIt() {
    for (String t : List.of("Зеркало...185.0.2.7", "x …185.0.2.7 y", "IP:-185.0.2.7", "x _185.0.2.7 y",
        "x 185.0.2.7- y", "www..185.0.2.7", "x-.185.0.2.7", "185.0.2.7_", "сервер。185.0.2.7")) {
      assertThat(text(t).domains()).as(t).containsExactly("185.0.2.7");
    }
    // still no address: part of a longer run of numbers, or glued to a letter before it
    assertThat(text("1.2.3.4.5 9.1.2.3.4 v185.0.2.7 1.185.0.2.7").domains()).doesNotContain("185.0.2.7");
    // a label going on makes a domain of it; where none comes of the run, the quad counts
    assertThat(text("185.0.2.7-x.example").domains()).containsExactly("185.0.2.7-x.example");
    assertThat(text("185.0.2.7-x 185.0.2.7_y").domains()).containsExactly("185.0.2.7");
  }

  /** A mention glued after a URL by a symbol starts after the URL. */
  @Test
  void aMentionGluedAfterAUrlCounts() {
    // punctuation before the '@' leaves a mention, inside a path too
    assertThat(text("x.org/@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("t.me/@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("good.example/ru,@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("good.example/user@spice_shop").mentions()).isEmpty();
    assertThat(text("https://lucky-win.example…@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("https://lucky-win.example…@spice_shop").domains()).containsExactly("lucky-win.example");
    assertThat(text("Сайт https://good.example👉@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("https://good.example/x»@spice_shop").mentions()).containsExactly("spice_shop");
  }

  /** A run of labels too long to be one host ends in the domain it holds. */
  @Test
  void aLongTrainOfLabelsBeforeADomainDoesNotHideIt() {
    // the last labels that fit in 253 characters: a subdomain of the domain at the end
    for (String junk : List.of("1.".repeat(119), "я.".repeat(200), ("1".repeat(63) + ".").repeat(4))) {
      String found = text("Жми " + junk + "lucky-win.example").domains().iterator().next();
      assertThat(found.length()).isLessThanOrEqualTo(253);
      assertThat(Domains.suffixes(found)).contains("lucky-win.example");
    }
  }

  /** '%' and '+' belong to an e-mail address's local part: the address counts as its domain only. */
  @Test
  void anEmailLocalPartNamesNoDomain() {
    assertThat(text("lucky-win.example%tag@mail.example").domains()).containsExactly("mail.example");
    assertThat(text("185.0.2.7%tag@mail.example").domains()).containsExactly("mail.example");
    assertThat(text("user%lucky-win.example@mail.example").domains()).containsExactly("mail.example");
    assertThat(text("lucky-win.example%20бонус").domains()).containsExactly("lucky-win.example");
    // a local part's dots are single: two in a row end it, so what comes before is text (red-team, fourth round)
    assertThat(text("lucky-win.example...user@mail.example").domains())
        .containsExactlyInAnyOrder("lucky-win.example", "mail.example");
    assertThat(text("185.0.2.7..x@mail.example").domains()).containsExactlyInAnyOrder("185.0.2.7", "mail.example");
    assertThat(text("first.last@mail.example").domains()).containsExactly("mail.example");
  }

  /** Third round: letters a browser reads in hosts, emoji made of letters or digits, mentions and schemes glued on. */
  @Test
  void circledAndSmallFormsAreWhatABrowserReadsEmojiLettersAreSymbols() {
    assertThat(text("Заходи: https://ⓛⓤⓒⓚⓨ-ⓦⓘⓝ.ⓔⓧⓐⓜⓟⓛⓔ/bonus 🎰").domains()).containsExactly("lucky-win.example");
    assertThat(link("https://ⓛⓤⓒⓚⓨ-ⓦⓘⓝ.ⓔⓧⓐⓜⓟⓛⓔ/").domains()).containsExactly("lucky-win.example");
    assertThat(text("ⓛⓤⓒⓚⓨ-ⓦⓘⓝ.ⓔⓧⓐⓜⓟⓛⓔ").domains()).containsExactly("lucky-win.example");
    assertThat(text("Регистрация https://lucky﹣win.example/ и lucky﹣win.example").domains())
        .containsExactly("lucky-win.example");
    assertThat(text("Пишите ﹫spice_shop").mentions()).containsExactly("spice_shop");
    for (String glued : List.of("ℹ️", "1️⃣", "0️⃣", "Ⓜ️")) {
      assertThat(text(glued + "lucky-win.example — инфа").domains()).as(glued).containsExactly("lucky-win.example");
      assertThat(text("Инфо: lucky-win.example" + glued).domains()).as(glued).containsExactly("lucky-win.example");
      assertThat(text("Пиши " + glued + "@spice_shop").mentions()).as(glued).containsExactly("spice_shop");
      assertThat(text("Пишите @spice_shop" + glued).mentions()).as(glued).containsExactly("spice_shop");
      assertThat(text(glued + "185.0.2.7").domains()).as(glued).containsExactly("185.0.2.7");
      assertThat(text(glued + "t.me/spice_shop").mentions()).as(glued).containsExactly("spice_shop");
      assertThat(text("t.me/spice_shop" + glued).mentions()).as(glued).containsExactly("spice_shop");
    }
  }

  /** A Hangul filler looks like a space: it separates a host from the words around it. Address ranges name both ends. */
  @Test
  void blankLookingFillersSeparateAndRangesNameBothAddresses() {
    for (String filler : List.of("\u3164", "\uFFA0", "\u115F")) {
      assertThat(text("Сайт" + filler + "lucky-win.example" + filler + "бонус").domains())
          .containsExactly("lucky-win.example");
      assertThat(text("Пиши" + filler + "@spice_shop" + filler + "бонус").mentions()).containsExactly("spice_shop");
      assertThat(text("IP" + filler + "185.0.2.7").domains()).containsExactly("185.0.2.7");
    }
    assertThat(text("Зеркала: 185.0.2.7-185.0.2.9").domains()).containsExactlyInAnyOrder("185.0.2.7", "185.0.2.9");
    assertThat(text("185.0.2.7_185.0.2.9").domains()).containsExactlyInAnyOrder("185.0.2.7", "185.0.2.9");
    assertThat(text("185.0.2.7-x.example").domains()).containsExactly("185.0.2.7-x.example");
  }

  @Test
  void aMentionInsideAUrlAuthorityAndSchemesGluedToWordsCount() {
    assertThat(text("Сайт:https://lucky-win.example;Админ:@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("Сайт:https://lucky-win.example;Админ:@spice_shop").domains()).containsExactly("lucky-win.example");
    assertThat(text("ПРОМО:https://lucky-win.example|@kz_casino_bot").mentions()).containsExactly("kz_casino_bot");
    assertThat(text("https://good.example!@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("https://@spice_shop").mentions()).containsExactly("spice_shop");
    // user-info stays user-info: a letter before the '@'
    assertThat(text("https://wallet-drain.example@good.example/").domains()).containsExactly("good.example");
    assertThat(text("1.https://[2001:db8::7]/ 2.http://3103785479/").domains())
        .containsExactlyInAnyOrder("[2001:db8::7]", "185.0.2.7");
    assertThat(text("Переходи по ссылке.https://[2001:db8::7]/reg").domains()).containsExactly("[2001:db8::7]");
    assertThat(text("Вход-https://3103785479/").domains()).containsExactly("185.0.2.7");
    assertThat(text("Вход_https://%6Cucky-win.example/").domains()).containsExactly("lucky-win.example");
    assertThat(text("Вход__https://[2001:db8::7]__").domains()).containsExactly("[2001:db8::7]");
    assertThat(link("1.https://[2001:db8::7]/").domains()).containsExactly("[2001:db8::7]");
  }

  /** Telegram's own links name a user as t.me does: tg://resolve?domain=name and the alias telegram.dog. */
  @Test
  void telegramDeepLinksAndAliasesAreMentions() {
    assertThat(text("жми tg://resolve?domain=spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("tg://resolve?start=1&domain=Spice_Shop&x=y").mentions()).containsExactly("spice_shop");
    assertThat(link("tg://resolve?domain=spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("https://telegram.dog/spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("tg://resolve?domain=ab tg://msg?domain=spice_shop").mentions()).isEmpty();
  }

  /** A redirect's percent-encoded target, a trailing dot before a path, scheme-less numeric links. */
  @Test
  void moreSpellingsOfHostsAndMentions() {
    assertThat(text("https://good.example/away.php?to=https%3A%2F%2Flucky-win.example%2Fpromo").domains())
        .containsExactlyInAnyOrder("good.example", "lucky-win.example");
    assertThat(text("t.me./spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(link("3103785479").domains()).containsExactly("185.0.2.7");
    assertThat(link("0xb9.0.2.7:8080/x").domains()).containsExactly("185.0.2.7");
    assertThat(link("lucky-win.example/1.2").domains()).containsExactly("lucky-win.example");
  }

  /**
   * Texts at the record limit built to make a scan go back over what it read: each finishes in milliseconds when the
   * scan is linear, and the lot took minutes when it was quadratic (a post could stall indexing). The timeout guards
   * the complexity, not a speed.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void pathologicalTextsAreReadInOnePass() {
    List<String> texts = List.of("a.".repeat(50_000), "1.".repeat(50_000), "ab-".repeat(33_000) + ".example",
        "x.".repeat(40_000) + "185.0.2.7", "a+".repeat(50_000), "a%".repeat(50_000) + "@x.example",
        "http://" + "a.".repeat(49_990), "a@".repeat(50_000), "-.".repeat(50_000) + "lucky-win.example");
    for (String t : texts) {
      for (int repeat = 0; repeat < 3; repeat++) LinkExtractor.extract(t, List.of(t));
    }
    assertThat(text("x.".repeat(40_000) + "185.0.2.7").domains()).containsExactly("185.0.2.7");
    assertThat(text("-.".repeat(50_000) + "lucky-win.example").domains()).containsExactly("lucky-win.example");
  }

  @Test
  void junkLabelsTooLongForADomainDoNotHideTheDomainAfterThem() {
    assertThat(text("a".repeat(64) + ".lucky-win.example").domains()).containsExactly("lucky-win.example");
    String longest = "a".repeat(63) + ".lucky-win.example";
    assertThat(text(longest).domains()).containsExactly(longest);
  }

  /** A bare quad with leading zeros names the address in both readings (browsers read 010 as 8). */
  @Test
  void bareQuadsWithLeadingZerosNameBothReadings() {
    assertThat(text("185.000.002.007").domains()).containsExactly("185.0.2.7");
    assertThat(text("go 185.010.2.7 now").domains()).containsExactlyInAnyOrder("185.8.2.7", "185.10.2.7");
    assertThat(text("08.1.2.3").domains()).containsExactly("8.1.2.3");
    assertThat(text("1.2.3.4.5 and 1.2.3.456").domains()).isEmpty();
  }

  /** A link that is an IPv6 address without a scheme names it, as its http:// form does. */
  @Test
  void schemelessIpv6Links() {
    assertThat(link("[2001:db8::7]").domains()).containsExactly("[2001:db8::7]");
    assertThat(link("2001:DB8:0::7").domains()).containsExactly("[2001:db8::7]");
    assertThat(link(" [2001:db8::7]:8443/x?y").domains()).containsExactly("[2001:db8::7]");
    assertThat(link("[::ffff:185.0.2.7]").domains()).containsExactly("185.0.2.7");
    assertThat(LinkExtractor.find("", List.of("[::ffff:185.0.2.7]"))).hasSize(1);
    assertThat(link("lucky-win.example:8443").domains()).containsExactly("lucky-win.example");
    assertThat(link("[2001:db8::zz]").domains()).isEmpty();
    assertThat(text("[2001:db8::7]").domains()).as("text: bare IPv4 only").isEmpty();
  }

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
  void marksAndLookalikesStayInTextAndLinks() {
    assertThat(text("claim at etḥerdelta.com now").domains()).containsExactly("etḥerdelta.com");
    assertThat(text("claim at etherdelta.com now").domains()).containsExactly("etherdelta.com");
    assertThat(link("https://xn--eterdelta-m75d.com/").domains()).containsExactly("etḥerdelta.com");
    assertThat(link("https://bücher.example/").domains()).containsExactly("bücher.example");
    assertThat(link("https://bucher.example/").domains()).containsExactly("bucher.example");
    assertThat(text("купить на ПРИМЕР.ҚАЗ или xn--e1afmkfd.xn--80ao21a").domains()).containsExactly("пример.қаз");
    assertThat(text("пример。қаз").domains()).containsExactly("пример.қаз");
    assertThat(text("lucky-wіn.example").domains()).containsExactly("lucky-w\u0456n.example");
    // zero-width characters inside a domain are removed, marks are not
    assertThat(text("go to ether\u200Bdelta.com").domains()).containsExactly("etherdelta.com");
    assertThat(text("go to eth\u0323erdelta.com").domains()).containsExactly("etḥerdelta.com");
    assertThat(text("go to promo_drop.kissr.example/x").domains()).containsExactly("promo_drop.kissr.example");
    // a broken xn-- label names no domain, and nothing is read out of it
    assertThat(text("see xn--a.example").domains()).isEmpty();
  }

  @Test
  void urlsAreReadAsBrowsersReadThem() {
    assertThat(link("https://wallet-drain.example\\@good.example/").domains()).containsExactly("wallet-drain.example");
    assertThat(text("open https://wallet-drain.example\\@good.example now").domains()).contains("wallet-drain.example");
    assertThat(link("https://good.example@wallet-drain.example/").domains()).containsExactly("wallet-drain.example");
    assertThat(link("https://user:pa@ss@wallet-drain.example:8443/x").domains()).containsExactly("wallet-drain.example");
    assertThat(link("http://%77allet-drain.example/").domains()).containsExactly("wallet-drain.example");
    assertThat(link("HTTPS://WALLET-DRAIN.EXAMPLE./").domains()).containsExactly("wallet-drain.example");
    assertThat(link("https://wallet-drain.example:443").domains()).containsExactly("wallet-drain.example");
    assertThat(text("hxxps://wallet-drain[.]example/login and wallet-drain(dot)example").domains())
        .containsExactly("wallet-drain.example");
    assertThat(text("(see http://wallet-drain.example)").domains()).containsExactly("wallet-drain.example");
    assertThat(text("http://wallet-drain.example; more").domains()).containsExactly("wallet-drain.example");
  }

  @Test
  void ipAddressHosts() {
    assertThat(link("http://198.51.100.7/claim").domains()).containsExactly("198.51.100.7");
    assertThat(link("http://198.51.100.7:8080").domains()).containsExactly("198.51.100.7");
    assertThat(link("http://[2001:db8:0:0::7]/x").domains()).containsExactly("[2001:db8::7]");
    assertThat(link("http://[2001:DB8::7]:8443/x").domains()).containsExactly("[2001:db8::7]");
    assertThat(link("http://[::ffff:b900:207]/").domains()).containsExactly("185.0.2.7");
    assertThat(link("http://0xb9.0.2.7/").domains()).containsExactly("185.0.2.7");
    assertThat(link("http://3103785479/").domains()).containsExactly("185.0.2.7");
    assertThat(link("http://user@185.0.2.7/").domains()).containsExactly("185.0.2.7");
    assertThat(text("claim at http://198.51.100.7:8080/x now").domains()).containsExactly("198.51.100.7");
    assertThat(text("send to 198.51.100.7, or 198.51.100.70.").domains()).containsExactlyInAnyOrder("198.51.100.7", "198.51.100.70");
    assertThat(text("１９８．５１．１００．７").domains()).containsExactly("198.51.100.7");
    // versions, numbers and quads inside words are no addresses
    assertThat(text("version 1.2.3.4.5, v1.2.3.4, 3.14, 1.2.3, 1.2.3.4x, 256.1.1.1").domains()).isEmpty();
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
  void emojiGluedToAHostOrMentionDoesNotHideIt() {
    String point = "\uD83D\uDC49"; // U+1F449, a pointing hand
    String fire = "\uD83D\uDD25"; // U+1F525
    assertThat(text(point + "lucky-win.example").domains()).containsExactly("lucky-win.example");
    assertThat(text("lucky-win.example" + fire).domains()).containsExactly("lucky-win.example");
    assertThat(text("198.51.100.7" + fire).domains()).containsExactly("198.51.100.7");
    assertThat(text("support@lucky-win.example" + fire).domains()).containsExactly("lucky-win.example");
    assertThat(text(point + "@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("@spice_shop" + fire).mentions()).containsExactly("spice_shop");
    assertThat(text(point + "t.me/spice_shop").mentions()).containsExactly("spice_shop");
    // a supplementary letter is a letter: it still joins a word or a name (U+10428, a Deseret letter)
    assertThat(text("@spice_shop\uD801\uDC28").mentions()).isEmpty();
  }

  @Test
  void aBrokenFirstLabelDoesNotHideTheDomainAfterIt() {
    assertThat(text("www..lucky-win.example").domains()).containsExactly("lucky-win.example");
    assertThat(text("x-.lucky-win.example").domains()).containsExactly("lucky-win.example");
    assertThat(text("see -.-.lucky-win.example").domains()).containsExactly("lucky-win.example");
    // only structurally broken labels are skipped: a broken xn-- label names no domain
    assertThat(text("see xn--a.lucky-win.example").domains()).isEmpty();
  }

  @Test
  void punctuationBeforeTheAtSignLeavesAMention() {
    assertThat(text("тут\u2026@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("1.@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("канал-@spice_shop").mentions()).containsExactly("spice_shop");
    assertThat(text("mail me@spice_shop.example").mentions()).isEmpty();
    assertThat(text("mail me@spice_shop.example").domains()).containsExactly("spice_shop.example");
  }

  @Test
  void aDomainAfterTheAtSignIsReadWhole() {
    ExtractedLinks l = text("пиши @lucky-win.example");
    assertThat(l.domains()).containsExactly("lucky-win.example");
    assertThat(l.mentions()).containsExactly("lucky");
    assertThat(text("@spice_shop. Next").domains()).isEmpty();
  }

  @Test
  void aUrlHostThatIsNoDomainIsNotReadAsItsPrefix() {
    assertThat(link("http://lucky-win.example.xn--zz/").domains()).isEmpty();
    assertThat(text("open http://lucky-win.example.xn--zz/ now").domains()).isEmpty();
    assertThat(text("http://wallet-drain.example; more").domains()).containsExactly("wallet-drain.example");
    // a browser opens these: they go to subdomains of the domain after the broken labels
    assertThat(link("https://_promo.lucky-win.example/").domains()).containsExactly("lucky-win.example");
    assertThat(link("https://login-.lucky-win.example/x").domains()).containsExactly("lucky-win.example");
    assertThat(text("open https://_promo.lucky-win.example/x now").domains()).containsExactly("lucky-win.example");
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
