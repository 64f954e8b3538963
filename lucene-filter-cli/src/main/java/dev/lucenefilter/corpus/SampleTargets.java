package dev.lucenefilter.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The invented entities that the sample corpus contains and the sample blocklists ({@code blocklists/*.json})
 * target, in one place so that both sides line up. Everything here is fictional: every domain ends in
 * {@code .example}, every channel id starts with {@code t-}.
 *
 * <p>The generator puts a small, known share of this content into the corpus (see {@link CorpusGenerator}); the
 * sample blocklists list these values for the jurisdictions where the theme is unlawful. Changing a value here
 * means changing the blocklists too ({@code SampleBlocklistsAlignmentTest} checks it).
 */
public final class SampleTargets {
  private SampleTargets() {}

  /** What a target is about. */
  public enum Theme { GAMBLING, DRUGS, FRAUD, COUNTERFEIT, PIRACY, EXTREMISM, HATE }

  /** A channel whose whole content is about one theme. */
  public record TargetChannel(String id, String username, String title, Theme theme) {}

  /** A domain used in links and text of one theme. */
  public record TargetDomain(String domain, Theme theme) {}

  /** A phrase (plain spelling) of one theme, with its language. */
  public record TargetPhrase(String phrase, String language, Theme theme) {}

  /** A media item whose SHA-256 the blocklists list. */
  public record TargetMedia(String sha256, Theme theme) {}

  public static final List<TargetChannel> CHANNELS = List.of(
      new TargetChannel("t-gamb-01", "lucky_spin_kz", "Lucky Spin KZ — бонусы казино", Theme.GAMBLING),
      new TargetChannel("t-gamb-02", "kazino_bonus_777", "Казино бонус 777", Theme.GAMBLING),
      new TargetChannel("t-gamb-03", "stavki_bez_limita", "Ставки без лимита", Theme.GAMBLING),
      new TargetChannel("t-gamb-04", "jackpot_almaty", "Jackpot Almaty", Theme.GAMBLING),
      new TargetChannel("t-gamb-05", "roulette_royal_ru", "Рулетка Роял", Theme.GAMBLING),
      new TargetChannel("t-drug-01", "spice_shop_kz", "Магазин трав", Theme.DRUGS),
      new TargetChannel("t-drug-02", "zakladki_astana", "Закладки Астана", Theme.DRUGS),
      new TargetChannel("t-drug-03", "mef_express", "Мефедрон экспресс", Theme.DRUGS),
      new TargetChannel("t-drug-04", "green_leaf_delivery", "Green leaf delivery", Theme.DRUGS),
      new TargetChannel("t-fraud-01", "crypto_double_x2", "Удвоим вашу крипту", Theme.FRAUD),
      new TargetChannel("t-fraud-02", "bank_support_help", "Служба поддержки банка", Theme.FRAUD),
      new TargetChannel("t-fraud-03", "easy_money_kz", "Оңай ақша — easy money", Theme.FRAUD),
      new TargetChannel("t-fraud-04", "wallet_airdrop_free", "Free airdrop wallet", Theme.FRAUD),
      new TargetChannel("t-fake-01", "replica_watches_eu", "Replica watches EU", Theme.COUNTERFEIT),
      new TargetChannel("t-fake-02", "brand_copy_shop", "Копии брендов оптом", Theme.COUNTERFEIT),
      new TargetChannel("t-fake-03", "luxe_bags_replica", "Luxe bags", Theme.COUNTERFEIT),
      new TargetChannel("t-pir-01", "kino_free_hd", "Кино бесплатно HD", Theme.PIRACY),
      new TargetChannel("t-pir-02", "films_leak_fr", "Films en avant-première", Theme.PIRACY),
      new TargetChannel("t-pir-03", "warez_soft_free", "Soft free keys", Theme.PIRACY),
      new TargetChannel("t-ext-01", "black_banner_news", "Black banner", Theme.EXTREMISM),
      new TargetChannel("t-ext-02", "jihad_call_media", "Call media", Theme.EXTREMISM),
      new TargetChannel("t-hate-01", "volk_reich_88", "Reich 88", Theme.HATE),
      new TargetChannel("t-hate-02", "white_power_chat", "White power chat", Theme.HATE));

  public static final List<TargetDomain> DOMAINS = List.of(
      new TargetDomain("lucky-win.example", Theme.GAMBLING),
      new TargetDomain("kazino-777.example", Theme.GAMBLING),
      new TargetDomain("bet-pobeda.example", Theme.GAMBLING),
      new TargetDomain("royal-roulette.example", Theme.GAMBLING),
      new TargetDomain("spice-market.example", Theme.DRUGS),
      new TargetDomain("zakladka-shop.example", Theme.DRUGS),
      new TargetDomain("wallet-drain.example", Theme.FRAUD),
      new TargetDomain("kaspi-bonus-login.example", Theme.FRAUD),
      new TargetDomain("halyk-secure-verify.example", Theme.FRAUD),
      new TargetDomain("crypto-x2.example", Theme.FRAUD),
      new TargetDomain("replica-lux.example", Theme.COUNTERFEIT),
      new TargetDomain("brand-outlet-copy.example", Theme.COUNTERFEIT),
      new TargetDomain("kino-free-hd.example", Theme.PIRACY),
      new TargetDomain("films-streaming-gratuit.example", Theme.PIRACY),
      new TargetDomain("black-banner.example", Theme.EXTREMISM),
      new TargetDomain("reich-88.example", Theme.HATE));

  public static final List<TargetPhrase> PHRASES = List.of(
      new TargetPhrase("онлайн казино", "ru", Theme.GAMBLING),
      new TargetPhrase("ставки без лицензии", "ru", Theme.GAMBLING),
      new TargetPhrase("бездепозитный бонус", "ru", Theme.GAMBLING),
      new TargetPhrase("онлайн казино бонус", "ru", Theme.GAMBLING),
      new TargetPhrase("free spins", "en", Theme.GAMBLING),
      new TargetPhrase("casino bonus", "en", Theme.GAMBLING),
      new TargetPhrase("ұтыс ойындары", "kk", Theme.GAMBLING),
      new TargetPhrase("купить мефедрон", "ru", Theme.DRUGS),
      new TargetPhrase("закладки", "ru", Theme.DRUGS),
      new TargetPhrase("соль для ванн", "ru", Theme.DRUGS),
      new TargetPhrase("buy cocaine", "en", Theme.DRUGS),
      new TargetPhrase("есірткі сатамыз", "kk", Theme.DRUGS),
      new TargetPhrase("удвоим вашу крипту", "ru", Theme.FRAUD),
      new TargetPhrase("подтвердите карту", "ru", Theme.FRAUD),
      new TargetPhrase("double your bitcoin", "en", Theme.FRAUD),
      new TargetPhrase("реплика часов", "ru", Theme.COUNTERFEIT),
      new TargetPhrase("replica watches", "en", Theme.COUNTERFEIT),
      new TargetPhrase("копии брендов", "ru", Theme.COUNTERFEIT),
      new TargetPhrase("смотреть бесплатно без регистрации", "ru", Theme.PIRACY),
      new TargetPhrase("film complet gratuit", "fr", Theme.PIRACY),
      new TargetPhrase("cracked license key", "en", Theme.PIRACY),
      new TargetPhrase("вступай в джихад", "ru", Theme.EXTREMISM),
      new TargetPhrase("join the jihad", "en", Theme.EXTREMISM),
      new TargetPhrase("white power", "en", Theme.HATE),
      new TargetPhrase("sieg heil", "de", Theme.HATE));

  /** Usernames that target posts mention ({@code @name}, {@code t.me/name}) without being channels here. */
  public static final List<String> MENTIONED_USERNAMES = List.of(
      "casino_promo_bot", "spice_dealer_bot", "crypto_x2_admin", "replica_seller", "black_banner_bot");

  public static final List<TargetMedia> MEDIA = List.of(
      new TargetMedia(sha256("sample-media:drugs:1"), Theme.DRUGS),
      new TargetMedia(sha256("sample-media:drugs:2"), Theme.DRUGS),
      new TargetMedia(sha256("sample-media:extremism:1"), Theme.EXTREMISM),
      new TargetMedia(sha256("sample-media:hate:1"), Theme.HATE),
      new TargetMedia(sha256("sample-media:piracy:1"), Theme.PIRACY));

  /**
   * The SHA-256 the GLOBAL sample policy rejects at index time (a stand-in for a hash list of illegal material).
   */
  public static final String REJECTED_MEDIA = sha256("sample-media:reject:1");

  /** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
