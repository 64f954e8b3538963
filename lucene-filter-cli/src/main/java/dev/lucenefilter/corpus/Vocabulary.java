package dev.lucenefilter.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Word lists and sentence templates of the sample corpus, in Russian, Kazakh and English, in the register of
 * Kazakh news, city, sports, business and lifestyle channels; the data is {@code vocabulary.txt} beside this class.
 * Templates use slots: {@code {n}} noun, {@code {a}} adjective, {@code {v}} verb, {@code {c}} city, {@code {d}}
 * number, {@code {w}} any word.
 */
final class Vocabulary {
  private Vocabulary() {}

  /** One language's words and templates. */
  record Language(List<String> nouns, List<String> adjectives, List<String> verbs, List<String> other,
      List<String> cities, List<String> templates, List<String> hashtags) {
    private static Language of(String code) {
      return new Language(list(code + " nouns"), list(code + " adjectives"), list(code + " verbs"),
          list(code + " other"), list(code + " cities"), list(code + " templates"), list(code + " hashtags"));
    }
  }

  private static final Map<String, List<String>> LISTS = read("vocabulary.txt");

  static final Language RU = Language.of("ru");
  static final Language KK = Language.of("kk");
  static final Language EN = Language.of("en");
  static final List<Language> ALL = List.of(RU, KK, EN);

  /** Ordinary (harmless) domains for links. */
  static final List<String> DOMAINS = list("domains");
  static final List<String> EMOJI = list("emoji");
  /** Syllables for usernames of ordinary channels. */
  static final List<String> USERNAME_PARTS = list("username parts");

  private static List<String> list(String name) {
    return List.copyOf(Objects.requireNonNull(LISTS.get(name), () -> "vocabulary.txt has no [" + name + "]"));
  }

  private static Map<String, List<String>> read(String resource) {
    Map<String, List<String>> lists = new HashMap<>();
    try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
      String name = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList()) {
        if (line.startsWith("[")) {
          name = line.substring(1, line.length() - 1);
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          List<String> entries = name.endsWith("templates") ? List.of(line) : List.of(line.split("\\s+"));
          lists.computeIfAbsent(name, n -> new ArrayList<>()).addAll(entries);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lists;
  }
}
