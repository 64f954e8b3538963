package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ordinary Russian, Kazakh and English channel text, including deliberate near misses of the shipped rules
 * (longer words, neighbouring domains, longer usernames, the same words not adjacent), is never hidden or
 * rejected by the shipped sample blocklists in any of their jurisdictions.
 */
class OrdinaryTextFalsePositiveTest {
  static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  /** Minimum sentences per file: the corpus must stay big enough to mean something. */
  static final Map<String, Integer> FILES = new LinkedHashMap<>(Map.of("ru.txt", 1200, "kk.txt", 1000, "en.txt", 1000));

  static PolicySnapshot snapshot;
  static DecisionEngine engine;
  static Map<String, List<String>> sentences = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws Exception {
    snapshot = PolicyLoader.load(Path.of("..", "blocklists"));
    engine = DecisionEngine.create(snapshot, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
    for (String file : List.of("ru.txt", "kk.txt", "en.txt")) sentences.put(file, read(file));
  }

  /** Reads a corpus file strictly as UTF-8 (a mis-encoded file must fail, not be decoded with replacements). */
  static List<String> read(String file) throws IOException {
    try (InputStream in = OrdinaryTextFalsePositiveTest.class.getResourceAsStream("/ordinary/" + file)) {
      if (in == null) throw new IllegalStateException("missing test resource ordinary/" + file);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("ordinary/" + file + " is not valid UTF-8", e);
      }
      return text.lines().toList();
    }
  }

  static Post post(String sentence) {
    return new Post("ru-17", "ordinary-channel", "ordinary_news", sentence, AT, 0, List.of(), List.of(), Map.of());
  }

  @Test
  void filesHoldEnoughDistinctNonBlankSentences() {
    for (var e : FILES.entrySet()) {
      List<String> lines = sentences.get(e.getKey());
      assertTrue(lines.size() >= e.getValue(),
          e.getKey() + " holds " + lines.size() + " sentences, fewer than " + e.getValue());
      List<String> blank = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) if (lines.get(i).isBlank()) blank.add(e.getKey() + ":" + (i + 1));
      assertEquals(List.of(), blank, "blank lines");
      Set<String> seen = new HashSet<>();
      Set<String> duplicates = new TreeSet<>();
      for (String s : lines) if (!seen.add(s)) duplicates.add(s);
      assertEquals(Set.of(), duplicates, e.getKey() + " has duplicate sentences");
    }
  }

  @Test
  void kazakhFileIsKazakh() {
    // Kazakh-only letters; the phone-style lines replace some of them, so only most lines need one.
    String kazakhLetters = "әғқңөұүһі";
    List<String> kk = sentences.get("kk.txt").stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    long withKazakhLetters = kk.stream().filter(s -> s.chars().anyMatch(c -> kazakhLetters.indexOf(c) >= 0)).count();
    assertTrue(withKazakhLetters >= kk.size() * 6 / 10,
        "only " + withKazakhLetters + " of " + kk.size() + " Kazakh sentences use a Kazakh letter");
    for (char c : kazakhLetters.toCharArray()) {
      assertTrue(kk.stream().anyMatch(s -> s.indexOf(c) >= 0), "no Kazakh sentence uses " + c);
    }
    // Phone-style spelling: a Latin i standing for і inside a Cyrillic word.
    assertTrue(kk.stream().anyMatch(s -> s.matches(".*[а-яё]i[а-яё].*")), "no phone-style Kazakh with a Latin i");
  }

  /** Guards the main test against passing vacuously: the same engine and post shape do hide real violations. */
  @Test
  void theSameSetupHidesRealViolations() {
    assertEquals(Set.of("DE", "EU", "FR", "GLOBAL", "KZ", "RU", "UZ"), snapshot.jurisdictions());
    Decision kz = engine.decide(post("Лучшее онлайн казино города, заходите"), null, "KZ", AT);
    assertEquals(Decision.Outcome.HIDE, kz.outcome());
    assertEquals(List.of("kz-gamb-003"), kz.rules());
    Decision ru = engine.decide(post("Новый адрес: https://notlucky.example и lucky-win.example"), null, "RU", AT);
    assertEquals(List.of("ru-gamb-002"), ru.rules());
    Decision de = engine.decide(post("Ordinary text about replica watches"), null, "DE", AT);
    assertEquals(List.of("de-fake-003"), de.rules());
  }

  @Test
  void noOrdinarySentenceIsHiddenOrRejectedAnywhere() {
    List<String> jurisdictions = snapshot.jurisdictions().stream().sorted().toList();
    List<String> falsePositives = new ArrayList<>();
    long checked = 0;
    int sentenceCount = 0;
    for (var file : sentences.entrySet()) {
      List<String> lines = file.getValue();
      sentenceCount += lines.size();
      for (int i = 0; i < lines.size(); i++) {
        Post p = post(lines.get(i));
        for (String j : jurisdictions) {
          Decision d = engine.decide(p, null, j, AT);
          checked++;
          if (d.outcome() != Decision.Outcome.KEEP) {
            String evidence = d.matches().stream()
                .map(m -> m.ruleId() + "[" + m.side() + "]: " + m.evidence())
                .collect(Collectors.joining("; "));
            falsePositives.add(file.getKey() + ":" + (i + 1) + " " + j + " " + d.outcome().label() + " " + d.rules()
                + " {" + evidence + "} \"" + lines.get(i) + "\"");
          }
        }
      }
    }
    System.out.printf("OrdinaryTextFalsePositiveTest: %d sentences x %d jurisdictions = %d decisions checked,"
        + " false positives %d%n", sentenceCount, jurisdictions.size(), checked, falsePositives.size());
    assertEquals((long) sentenceCount * jurisdictions.size(), checked);
    assertEquals(0, falsePositives.size(),
        falsePositives.size() + " false positives on ordinary text:\n" + String.join("\n", falsePositives));
  }
}
