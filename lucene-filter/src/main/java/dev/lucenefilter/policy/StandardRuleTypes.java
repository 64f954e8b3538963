package dev.lucenefilter.policy;

import dev.lucenefilter.model.Usernames;
import dev.lucenefilter.policy.RuleFields.Entry;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.RegexBudget;
import dev.lucenefilter.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/** The seven rule types of docs/reference.md §2. */
final class StandardRuleTypes {
  private StandardRuleTypes() {}

  static List<RuleType> all() {
    return List.of(
        values(ChannelRule.TYPE, e -> null, (h, v) -> new ChannelRule(h, v)),
        new Usernames_(),
        new DomainType(),
        values(MediaHashRule.TYPE, StandardRuleTypes::checkSha256,
            (h, v) -> new MediaHashRule(h, map(v, s -> s.toLowerCase(java.util.Locale.ROOT)))),
        new Phrases(),
        new Regexes(),
        new Classifiers());
  }

  private static Set<String> map(Set<String> in, Function<String, String> f) {
    Set<String> out = new LinkedHashSet<>(in.size() * 2);
    for (String s : in) out.add(f.apply(s));
    return out;
  }

  static String checkSha256(String v) {
    if (v.length() != 64) return "is not a SHA-256 (64 hex characters)";
    for (int i = 0; i < 64; i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return "is not a SHA-256 (64 hex characters)";
      }
    }
    return null;
  }

  /** A type whose only field is {@code values}, each checked by {@code check} (null = fine, else the complaint). */
  private static RuleType values(String name, Function<String, String> check,
      java.util.function.BiFunction<RuleHeader, Set<String>, Rule> build) {
    return new RuleType() {
      @Override public String name() { return name; }

      @Override public Set<String> fields() { return Set.of("values"); }

      @Override public Rule parse(RuleHeader header, RuleFields fields) {
        Set<String> out = checked(fields, check);
        return fields.failed() ? null : build.apply(header, out);
      }
    };
  }

  private static Set<String> checked(RuleFields fields, Function<String, String> check) {
    List<Entry> entries = fields.values();
    Set<String> out = new LinkedHashSet<>(entries.size() * 2);
    for (Entry e : entries) {
      String complaint = check.apply(e.value());
      if (complaint != null) fields.error(e.location(), e.describe() + " " + complaint);
      else out.add(e.value());
    }
    return out;
  }

  /**
   * Canonicalizes each domain or IP address once ({@link Domains#canonical}, the function the text side uses):
   * that is the check and the stored form.
   */
  private static final class DomainType implements RuleType {
    @Override public String name() { return DomainRule.TYPE; }

    @Override public Set<String> fields() { return Set.of("values"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      List<Entry> entries = fields.values();
      Set<String> out = new LinkedHashSet<>(entries.size() * 2);
      for (Entry e : entries) {
        String c = Domains.canonical(e.value());
        if (c == null) fields.error(e.location(), e.describe() + " is not a domain or an IP address");
        else out.add(c);
      }
      return fields.failed() ? null : new DomainRule(header, out);
    }
  }

  private static final class Usernames_ implements RuleType {
    @Override public String name() { return UsernameRule.TYPE; }

    @Override public Set<String> fields() { return Set.of("values", "mentions"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      Set<String> out = checked(fields, v -> Usernames.isValid(Usernames.canonical(v)) ? null
          : "is not a Telegram username (5-32 characters of a-z, 0-9 and _, starting with a letter; '@' optional)");
      boolean mentions = fields.bool("mentions").orElse(false);
      return fields.failed() ? null : new UsernameRule(header, map(out, Usernames::canonical), mentions);
    }
  }

  private static final class Phrases implements RuleType {
    @Override public String name() { return PhraseRule.TYPE; }

    @Override public Set<String> fields() { return Set.of("values"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      Set<String> out = checked(fields, Phrases::check);
      return fields.failed() ? null : new PhraseRule(header, new ArrayList<>(out));
    }

    /** A phrase needs a letter or digit after step 1, and '*' only as the very last character, ending a word. */
    static String check(String v) {
      String f = TextNormalizer.standard().fold(v);
      if (f.codePoints().noneMatch(Character::isLetterOrDigit)) return "has no letter or digit";
      int star = f.indexOf('*');
      if (star >= 0 && star != f.length() - 1) return "has '*' before the end (only a final '*' is allowed, for a prefix)";
      if (star > 0 && !Character.isLetterOrDigit(f.codePointBefore(star))) return "has a '*' that does not end a word";
      try {
        // The matcher's own reading of the phrase: what passes here can never fail to compile.
        TextNormalizer.standard().phraseWords(v);
      } catch (IllegalArgumentException e) {
        return "is not a usable phrase: " + e.getMessage();
      }
      return null;
    }
  }

  private static final class Regexes implements RuleType {
    @Override public String name() { return RegexRule.TYPE; }

    @Override public Set<String> fields() { return Set.of("values"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      int maxStates = fields.limits().maxRegexStates();
      Set<String> out = checked(fields, v -> check(v, maxStates));
      return fields.failed() ? null : new RegexRule(header, new ArrayList<>(out));
    }

    static String check(String p, int maxStates) {
      String folded = TextNormalizer.standard().fold(p);
      if (!folded.equals(p)) {
        return "changes under normalization step 1 (write it as '" + folded + "')";
      }
      Automaton a;
      try {
        // Bounded before building: a repeat count like {2147483647} would otherwise exhaust the heap.
        a = RegexBudget.toAutomaton(p, RegExp.NONE);
      } catch (IllegalArgumentException e) {
        return "is not a valid regex: " + e.getMessage();
      } catch (InvalidRegexException e) {
        return "is too complex (its repeats would build more than " + RegexBudget.MAX_BUILD_STATES
            + " automaton states before determinization)";
      }
      try {
        Automaton d = Operations.determinize(a, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        if (d.getNumStates() > maxStates) return "is too complex (more than " + maxStates + " automaton states)";
      } catch (TooComplexToDeterminizeException e) {
        return "is too complex (more than " + maxStates + " automaton states)";
      }
      try {
        // The matcher compiles patterns itself; refuse here whatever it would refuse later.
        dev.lucenefilter.text.WordRegexMatcher.compile(p);
      } catch (dev.lucenefilter.text.InvalidRegexException e) {
        return "is not usable: " + e.getMessage();
      }
      return null;
    }
  }

  private static final class Classifiers implements RuleType {
    @Override public String name() { return ClassifierRule.TYPE; }

    @Override public Set<String> fields() { return Set.of("flag", "threshold"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      String flag = fields.string("flag", true).orElse(null);
      OptionalDouble t = fields.number("threshold", true);
      if (t.isPresent() && !(t.getAsDouble() >= 0 && t.getAsDouble() <= 1)) {
        fields.error(fields.locationOf("threshold"), "threshold " + fieldText(t.getAsDouble()) + " is outside [0, 1]");
      }
      return fields.failed() ? null : new ClassifierRule(header, flag, t.getAsDouble());
    }

    private static String fieldText(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
