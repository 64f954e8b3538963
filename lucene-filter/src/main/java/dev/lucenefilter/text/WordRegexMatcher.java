package dev.lucenefilter.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Matches regex rules (contract §2) against whole words after steps 1–3 ({@link Tokens#regexForm}). Patterns
 * are Lucene {@link RegExp} with {@link RegExp#NONE} (so {@code @ # & ~ <>} are literals), compiled to
 * deterministic automata: matching is linear in the word length, with no backtracking. Immutable and
 * thread-safe once built.
 */
public final class WordRegexMatcher {
  /** Largest number of states a pattern's deterministic automaton may have. */
  public static final int MAX_STATES = 10_000;

  private final String[] ruleIds;
  private final CharacterRunAutomaton[] automata;

  private WordRegexMatcher(List<String> ruleIds, List<CharacterRunAutomaton> automata) {
    this.ruleIds = ruleIds.toArray(new String[0]);
    this.automata = automata.toArray(new CharacterRunAutomaton[0]);
  }

  /** A new, empty builder. */
  public static Builder builder() { return new Builder(); }

  /**
   * The minimal-enough deterministic automaton of a regex rule pattern, over UTF-16 code points as Lucene's
   * {@code RegExp} builds it; the filter layer may intersect it with a term dictionary.
   *
   * @throws InvalidRegexException when the pattern does not parse, when {@link TextNormalizer#fold} would change
   *     it (patterns are written as step 1 leaves text), or when its automaton exceeds {@link #MAX_STATES}
   */
  public static Automaton compile(String pattern) throws InvalidRegexException {
    if (pattern == null || pattern.isEmpty()) throw new InvalidRegexException("regex pattern is empty");
    String folded = TextNormalizer.standard().fold(pattern);
    if (!folded.equals(pattern)) {
      throw new InvalidRegexException("regex \"" + pattern + "\" is not in normalized form (expected \"" + folded
          + "\": lower case, no combining marks, no zero-width or format characters)");
    }
    Automaton a;
    try {
      a = new RegExp(pattern, RegExp.NONE).toAutomaton();
    } catch (IllegalArgumentException e) {
      throw new InvalidRegexException("regex \"" + pattern + "\" does not parse: " + e.getMessage(), e);
    }
    try {
      a = Operations.determinize(Operations.removeDeadStates(a), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    } catch (TooComplexToDeterminizeException e) {
      throw new InvalidRegexException("regex \"" + pattern + "\" is too complex: its automaton exceeds "
          + MAX_STATES + " states", e);
    }
    if (a.getNumStates() > MAX_STATES) {
      throw new InvalidRegexException("regex \"" + pattern + "\" is too complex: its automaton has "
          + a.getNumStates() + " states, more than " + MAX_STATES);
    }
    return a;
  }

  /** Calls {@code sink} once per (rule, token) where the rule's pattern matches the token's whole regex form. */
  public void match(Tokens tokens, PhraseMatcher.Sink sink) {
    Map<String, boolean[]> seen = tokens.size() > 8 ? new HashMap<>() : null;
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.regexForm(i);
      boolean[] hits = seen == null ? null : seen.get(word);
      if (hits == null) {
        hits = new boolean[automata.length];
        for (int r = 0; r < automata.length; r++) hits[r] = automata[r].run(word);
        if (seen != null) seen.put(word, hits);
      }
      for (int r = 0; r < automata.length; r++) {
        if (hits[r]) sink.match(ruleIds[r], tokens.startOffset(i), tokens.endOffset(i));
      }
    }
  }

  /** Every distinct match, sorted by start offset, end offset, then rule id. */
  public List<RegexMatch> matchAll(Tokens tokens) {
    Set<RegexMatch> set = new LinkedHashSet<>();
    match(tokens, (r, s, e) -> set.add(new RegexMatch(r, s, e)));
    List<RegexMatch> out = new ArrayList<>(set);
    out.sort(Comparator.comparingInt(RegexMatch::startOffset).thenComparingInt(RegexMatch::endOffset)
        .thenComparing(RegexMatch::ruleId));
    return out;
  }

  /** Collects patterns; not thread-safe. A rule id may be added with several patterns. */
  public static final class Builder {
    private final List<String> ruleIds = new ArrayList<>();
    private final List<CharacterRunAutomaton> automata = new ArrayList<>();

    private Builder() {}

    /** Compiles and adds a pattern; nothing is added when it throws. */
    public Builder add(String ruleId, String pattern) throws InvalidRegexException {
      CharacterRunAutomaton run = new CharacterRunAutomaton(compile(pattern));
      ruleIds.add(ruleId);
      automata.add(run);
      return this;
    }

    public WordRegexMatcher build() { return new WordRegexMatcher(ruleIds, automata); }
  }
}
