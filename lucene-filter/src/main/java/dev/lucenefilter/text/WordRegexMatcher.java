package dev.lucenefilter.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apache.lucene.util.automaton.Transition;

/**
 * Matches regex rules (docs/reference.md §2) against whole words after steps 1–3 ({@link Tokens#regexForm}).
 * Patterns are Lucene {@link RegExp} with {@link RegExp#NONE} (so {@code @ # & ~ <>} are literals), compiled to
 * deterministic automata: matching is linear in the word length, with no backtracking. Immutable and
 * thread-safe once built.
 *
 * <p>Rules are grouped: each group of up to {@link #MAX_GROUP_RULES} consecutive rules also has the
 * deterministic union of its automata, and a word runs a group's rules only when the group's union accepts it.
 * A group whose union exceeds {@link #MAX_UNION_STATES} states or the determinization work limit is halved
 * until it fits. So a word that matches no rule (nearly every word) costs one run per group instead of one per
 * rule, and building stays near-linear in the number of rules (unions of large groups determinize slowly and
 * their run tables grow with states × char classes). Still linear in rules / group size per word: a true
 * multi-pattern automaton is left for later.
 */
public final class WordRegexMatcher {
  /** Largest number of states a pattern's deterministic automaton may have. */
  public static final int MAX_STATES = 10_000;

  /** Most rules per group. */
  static final int MAX_GROUP_RULES = 64;
  /** Largest number of states of a group's union automaton before the group is split. */
  static final int MAX_UNION_STATES = 4_096;
  /**
   * Determinization effort allowed for a group's union, below Lucene's default: a union that blows up is split
   * anyway, so failing early keeps building fast.
   */
  private static final int UNION_WORK_LIMIT = 4_000;

  private final String[] ruleIds;
  private final CharacterRunAutomaton[] automata;
  private final Group[] groups;

  /** Rules [from, to) and their union's automaton (null for a one-rule group). */
  private record Group(CharacterRunAutomaton union, int from, int to) {}

  private WordRegexMatcher(List<String> ruleIds, List<Automaton> sources) {
    this.ruleIds = ruleIds.toArray(new String[0]);
    this.automata = sources.stream().map(CharacterRunAutomaton::new).toArray(CharacterRunAutomaton[]::new);
    List<Group> groupList = new ArrayList<>();
    for (int from = 0; from < sources.size(); from += MAX_GROUP_RULES) {
      group(sources, from, Math.min(sources.size(), from + MAX_GROUP_RULES), groupList);
    }
    this.groups = groupList.toArray(new Group[0]);
  }

  /** Splits rules [from, to) into groups whose determinized union stays small, keeping rule order. */
  private static void group(List<Automaton> sources, int from, int to, List<Group> groups) {
    if (to - from == 1) {
      groups.add(new Group(null, from, to));
      return;
    }
    try {
      Automaton u = Operations.determinize(Operations.union(sources.subList(from, to)), UNION_WORK_LIMIT);
      if (u.getNumStates() <= MAX_UNION_STATES) {
        groups.add(new Group(new CharacterRunAutomaton(u), from, to));
        return;
      }
    } catch (TooComplexToDeterminizeException e) {
      // too big together: split below
    }
    int mid = (from + to) >>> 1;
    group(sources, from, mid, groups);
    group(sources, mid, to, groups);
  }

  /** Number of rule groups (each with one union prefilter); for tests. */
  int groupCount() { return groups.length; }

  /** A new, empty builder. */
  public static Builder builder() { return new Builder(); }

  /**
   * The minimal-enough deterministic automaton of a regex rule pattern, over UTF-16 code points as Lucene's
   * {@code RegExp} builds it; the filter layer may intersect it with a term dictionary.
   *
   * @throws InvalidRegexException when the pattern does not parse, when {@link TextNormalizer#fold} would change
   *     it (patterns are written as step 1 leaves text), when building it would exceed {@link
   *     RegexBudget#MAX_BUILD_STATES}, or when its automaton exceeds {@link #MAX_STATES}
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
      // Bounded before building: a repeat count alone could otherwise exhaust the heap.
      a = RegexBudget.toAutomaton(pattern, RegExp.NONE);
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

  /**
   * True when {@code pattern} (a {@link #compile}d automaton) accepts at least one word: a string of one or more
   * word chars of step 2 (letters, digits, {@code @} and {@code $}; {@link TextNormalizer#isWordChar}), the only
   * strings a regex rule is ever run against. False for a pattern that needs a space, a {@code -}, a {@code _} or
   * other punctuation ({@code bet-[0-9]{3,}}), or that accepts only the empty string: such a rule never matches.
   *
   * <p>This is the emptiness of the pattern intersected with the automaton of every word ({@link
   * #wordsAutomaton}), walked lazily: from the initial state along the transitions that admit a word char, until an
   * accept state is reached after at least one char. Linear in the pattern's transitions (times the log of the
   * number of word-char ranges); building the intersection with {@code Operations.intersection} would instead give
   * each state a transition per range of word chars (729 ranges: seconds and millions of transitions for a
   * 10,000-state {@code .{9999}}).
   */
  public static boolean matchesSomeWord(Automaton pattern) {
    if (pattern.getNumStates() == 0) return false;
    BitSet reached = new BitSet(pattern.getNumStates());
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    todo.add(0);
    Transition t = new Transition();
    boolean first = true;
    while (!todo.isEmpty()) {
      int state = todo.poll();
      // The initial state's own acceptance is the empty string, no word; reaching it again by a char counts.
      if (!first && pattern.isAccept(state)) return true;
      first = false;
      for (int i = 0, n = pattern.initTransition(state, t); i < n; i++) {
        pattern.getNextTransition(t);
        if (Words.any(t.min, t.max) && !reached.get(t.dest)) {
          reached.set(t.dest);
          todo.add(t.dest);
        }
      }
    }
    return false;
  }

  /** The automaton of every word (one or more word chars), over code points as {@link RegExp} builds them. */
  static Automaton wordsAutomaton() {
    Automaton wordChar = Automata.makeCharClass(Words.starts(), Words.ends());
    return Operations.determinize(Operations.repeat(wordChar, 1), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
  }

  /** The word chars as sorted, disjoint code point ranges. */
  private static final class Words {
    /** Built on first use: a scan of every code point (tens of milliseconds), needed only for long ranges. */
    private static final class Ranges {
      static final int[] STARTS;
      static final int[] ENDS;

      static {
        List<int[]> ranges = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
          if (!TextNormalizer.isWordChar(cp)) continue;
          int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
          if (last != null && last[1] == cp - 1) last[1] = cp;
          else ranges.add(new int[] {cp, cp});
        }
        STARTS = ranges.stream().mapToInt(r -> r[0]).toArray();
        ENDS = ranges.stream().mapToInt(r -> r[1]).toArray();
      }
    }

    /** True when some word char is in {@code [min, max]}. */
    static boolean any(int min, int max) {
      // Nearly every transition is one char or a short range: look at it directly.
      int direct = Math.min(max, min + 64);
      for (int cp = min; cp <= direct; cp++) if (TextNormalizer.isWordChar(cp)) return true;
      if (direct == max) return false;
      int i = Arrays.binarySearch(Ranges.STARTS, max);
      int last = i >= 0 ? i : -i - 2; // the last range starting at or before max
      return last >= 0 && Ranges.ENDS[last] > direct;
    }

    static int[] starts() { return Ranges.STARTS; }

    static int[] ends() { return Ranges.ENDS; }
  }

  /**
   * Calls {@code sink} once per (rule, token) where the rule's pattern matches the token's whole regex form, in
   * token order, then rule order.
   */
  public void match(Tokens tokens, PhraseMatcher.Sink sink) {
    char[] chars = tokens.chars();
    int[] data = tokens.data();
    for (int i = 0, n = tokens.size(); i < n; i++) {
      int b = i * Tokens.STRIDE;
      int off = data[b + Tokens.REGEX_OFF];
      int len = data[b + Tokens.REGEX_LEN];
      for (Group g : groups) {
        if (g.union != null && !g.union.run(chars, off, len)) continue;
        for (int r = g.from; r < g.to; r++) {
          if (automata[r].run(chars, off, len)) {
            sink.match(ruleIds[r], data[b + Tokens.START_OFFSET], data[b + Tokens.END_OFFSET]);
          }
        }
      }
    }
  }

  /** Collects patterns; not thread-safe. A rule id may be added with several patterns. */
  public static final class Builder {
    private final List<String> ruleIds = new ArrayList<>();
    private final List<Automaton> sources = new ArrayList<>();

    private Builder() {}

    /** Compiles and adds a pattern; nothing is added when it throws. */
    public Builder add(String ruleId, String pattern) throws InvalidRegexException {
      sources.add(compile(pattern));
      ruleIds.add(ruleId);
      return this;
    }

    /** The immutable matcher; builds the union prefilters (the costly part with many rules). */
    public WordRegexMatcher build() { return new WordRegexMatcher(ruleIds, sources); }
  }
}
