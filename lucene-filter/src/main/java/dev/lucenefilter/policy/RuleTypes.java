package dev.lucenefilter.policy;

import dev.lucenefilter.model.RecordLimits;
import dev.lucenefilter.model.Usernames;
import dev.lucenefilter.policy.RuleFields.Entry;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.RegexBudget;
import dev.lucenefilter.text.TextNormalizer;
import dev.lucenefilter.text.WordRegexMatcher;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * An immutable registry of {@link RuleType}s keyed by their JSON {@code type}. {@link #standard()} holds the seven
 * types of docs/reference.md §2; {@link #with} adds one (a perceptual hash, an allow-list) without touching the others.
 */
public final class RuleTypes {
  private static final RuleTypes STANDARD = new RuleTypes(new TreeMap<>()).with(standardTypes());
  private final Map<String, RuleType> byName;

  private RuleTypes(Map<String, RuleType> byName) { this.byName = Collections.unmodifiableMap(byName); }

  /** channel, username, domain, phrase, regex, media_hash, classifier. */
  public static RuleTypes standard() { return STANDARD; }

  /** A registry with these types too; a name already registered is an error. */
  public RuleTypes with(RuleType... types) {
    Map<String, RuleType> m = new TreeMap<>(byName);
    for (RuleType t : types) {
      if (m.putIfAbsent(t.name(), t) != null) throw new IllegalArgumentException("rule type already registered: " + t.name());
    }
    return new RuleTypes(m);
  }

  /** The type registered under {@code name}. */
  public Optional<RuleType> get(String name) { return Optional.ofNullable(byName.get(name)); }

  /** The registered names, sorted. */
  public Set<String> names() { return byName.keySet(); }

  /** Every type-specific field any registered type accepts (to tell "not allowed here" from "unknown"). */
  Set<String> allFields() {
    Set<String> s = new TreeSet<>();
    byName.values().forEach(t -> s.addAll(t.fields()));
    return s;
  }

  private record Type(String name, Set<String> fields, BiFunction<RuleHeader, RuleFields, Rule> parser)
      implements RuleType {
    @Override public Rule parse(RuleHeader header, RuleFields f) { return parser.apply(header, f); }
  }

  /** A value refused by its type; the message completes {@code values[I] 'V' ...}. */
  private static final class Invalid extends RuntimeException {
    Invalid(String complaint) { super(complaint, null, false, false); }
  }

  /** The seven rule types of docs/reference.md §2. */
  private static RuleType[] standardTypes() {
    return new RuleType[] {
        values(ChannelRule.TYPE, (f, v) -> v, ChannelRule::new),
        new Type(UsernameRule.TYPE, Set.of("values", "mentions"), (h, f) -> {
          Set<String> v = values(f, (fields, u) -> username(u));
          boolean mentions = f.bool("mentions").orElse(false);
          return f.failed() ? null : new UsernameRule(h, v, mentions);
        }),
        // Domains.canonical is the function the text side uses: the check and the stored form at once.
        values(DomainRule.TYPE, (f, v) -> require(Domains.canonical(v), "is not a domain or an IP address"),
            DomainRule::new),
        values(MediaHashRule.TYPE, RuleTypes::onPostsOnly, (f, v) -> sha256(v), MediaHashRule::new),
        values(PhraseRule.TYPE, (f, v) -> phrase(v), (h, v) -> new PhraseRule(h, List.copyOf(v))),
        values(RegexRule.TYPE, (f, p) -> regex(p, f.limits().maxRegexStates()),
            (h, v) -> new RegexRule(h, List.copyOf(v))),
        new Type(ClassifierRule.TYPE, Set.of("flag", "threshold"), RuleTypes::classifier)};
  }

  /** A type whose only field is {@code values}, each turned into its stored form by {@code canonical}. */
  private static RuleType values(String name, BiFunction<RuleFields, String, String> canonical,
      BiFunction<RuleHeader, Set<String>, Rule> build) {
    return values(name, (h, f) -> {}, canonical, build);
  }

  /** The same, after {@code check} has reported what is wrong with the rule's header for this type. */
  private static RuleType values(String name, BiConsumer<RuleHeader, RuleFields> check,
      BiFunction<RuleFields, String, String> canonical, BiFunction<RuleHeader, Set<String>, Rule> build) {
    return new Type(name, Set.of("values"), (h, f) -> {
      check.accept(h, f);
      Set<String> v = values(f, canonical);
      return f.failed() ? null : build.apply(h, v);
    });
  }

  /** Media hashes belong to posts: on a channel (which has none) the rule would hide nothing, silently. */
  private static void onPostsOnly(RuleHeader header, RuleFields fields) {
    if (header.target() == Target.CHANNEL) {
      fields.error(fields.locationOf("target"), "target 'channel' can never match a media_hash rule: media hashes"
          + " belong to posts, and a channel record has none (use target 'post' or 'both')");
    }
  }

  /** The stored forms of the valid entries of {@code values}, in file order; each invalid one is reported. */
  private static Set<String> values(RuleFields fields, BiFunction<RuleFields, String, String> canonical) {
    List<Entry> entries = fields.values();
    Set<String> out = new LinkedHashSet<>(entries.size() * 2);
    for (Entry e : entries) {
      try {
        out.add(canonical.apply(fields, e.value()));
      } catch (Invalid bad) {
        fields.error(e.location(), e.describe() + " " + bad.getMessage());
      }
    }
    return out;
  }

  private static String require(String canonical, String complaint) {
    if (canonical == null) throw new Invalid(complaint);
    return canonical;
  }

  private static String username(String v) {
    String u = Usernames.canonical(v);
    if (Usernames.isValid(u)) return u;
    throw new Invalid("is not a Telegram username (5-32 characters of a-z, 0-9 and _, starting with a letter; "
        + "'@' optional)");
  }

  private static String sha256(String v) {
    if (v.length() != 64 || !v.chars().allMatch(HexFormat::isHexDigit)) {
      throw new Invalid("is not a SHA-256 (64 hex characters)");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /**
   * A phrase needs a letter or digit after step 1, no mention or e-mail address (they are not words: the phrase
   * would be read without them), and '*' only as the very last character, ending a word (whose last char may be
   * {@code $} or {@code @}: they are word chars).
   */
  private static String phrase(String v) {
    String f = TextNormalizer.standard().fold(v);
    if (f.codePoints().noneMatch(Character::isLetterOrDigit)) throw new Invalid("has no letter or digit");
    List<String> notWords = TextNormalizer.standard().notWords(v);
    if (!notWords.isEmpty()) {
      String span = notWords.get(0);
      if (span.startsWith("@")) {
        throw new Invalid("holds the mention '" + span + "': mentions are not words, so the phrase would be read"
            + " without it; to hide posts that mention " + span + ", use a username rule with \"mentions\": true");
      }
      throw new Invalid("holds the e-mail address '" + span + "': e-mail addresses are not words, so the phrase would"
          + " be read without it; to hide posts that name it, use a domain rule on '"
          + span.substring(span.lastIndexOf('@') + 1) + "'");
    }
    int star = f.indexOf('*');
    if (star >= 0 && star != f.length() - 1) {
      throw new Invalid("has '*' before the end (only a final '*' is allowed, for a prefix)");
    }
    if (star > 0 && !TextNormalizer.isWordChar(f.codePointBefore(star))) {
      throw new Invalid("has a '*' that does not end a word");
    }
    try {
      // The matcher's own reading of the phrase: what passes here can never fail to compile.
      TextNormalizer.standard().phraseWords(v);
    } catch (IllegalArgumentException e) {
      throw new Invalid("is not a usable phrase: " + e.getMessage());
    }
    return v;
  }

  private static String regex(String p, int maxStates) {
    String folded = TextNormalizer.standard().fold(p);
    if (!folded.equals(p)) throw new Invalid("changes under normalization step 1 (write it as '" + folded + "')");
    String tooComplex = "is too complex (more than " + maxStates + " automaton states)";
    try {
      // Bounded before building: a repeat count like {2147483647} would otherwise exhaust the heap.
      var a = RegexBudget.toAutomaton(p, RegExp.NONE);
      if (Operations.determinize(a, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT).getNumStates() > maxStates) {
        throw new Invalid(tooComplex);
      }
    } catch (IllegalArgumentException e) {
      throw new Invalid("is not a valid regex: " + e.getMessage());
    } catch (InvalidRegexException e) {
      throw new Invalid("is too complex (its repeats would build more than " + RegexBudget.MAX_BUILD_STATES
          + " automaton states before determinization)");
    } catch (TooComplexToDeterminizeException e) {
      throw new Invalid(tooComplex);
    }
    Automaton a;
    try {
      // The matcher compiles patterns itself; refuse here whatever it would refuse later.
      a = WordRegexMatcher.compile(p);
    } catch (InvalidRegexException e) {
      throw new Invalid("is not usable: " + e.getMessage());
    }
    if (!WordRegexMatcher.matchesSomeWord(a)) {
      // The matcher's own automaton, so the check reads the pattern exactly as matching does.
      throw new Invalid("can never match a word: a regex rule matches whole words, and a word is one or more letters,"
          + " digits, '@' and '$' (no space, '-', '_', '.' or other punctuation: 'bet-777' is the words 'bet' and"
          + " '777' and the joined word 'bet777')");
    }
    return p;
  }

  private static Rule classifier(RuleHeader header, RuleFields fields) {
    String flag = fields.string("flag", true).orElse(null);
    if (flag != null && flag.length() > RecordLimits.MAX_FLAG_NAME_CHARS) {
      // A record with a longer flag name is refused, so the rule could never match.
      fields.error(fields.locationOf("flag"), "'flag' '" + flag + "' is longer than " + RecordLimits.MAX_FLAG_NAME_CHARS
          + " characters: records' flag names have 1 to " + RecordLimits.MAX_FLAG_NAME_CHARS
          + ", so the rule could never match");
    }
    OptionalDouble t = fields.number("threshold", true);
    if (t.isPresent() && !(t.getAsDouble() >= 0 && t.getAsDouble() <= 1)) {
      double d = t.getAsDouble();
      String text = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
      fields.error(fields.locationOf("threshold"), "threshold " + text + " is outside [0, 1]");
    }
    return fields.failed() ? null : new ClassifierRule(header, flag, t.getAsDouble());
  }
}
