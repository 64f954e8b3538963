package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.WordRegexMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * The matchers of one policy snapshot, compiled once and shared by every jurisdiction: one {@link PhraseMatcher}
 * over all phrase rules, one {@link WordRegexMatcher} over all regex rules, and the sorted rule date boundaries.
 * The matchers are built on first use: warming a new snapshot for queries needs neither (it reuses the per-rule
 * sets of unchanged rules), so a small policy edit does not pay for compiling the whole policy. Thread-safe.
 * Matches are per rule id; callers keep only the rules active in their context.
 */
final class CompiledPolicy {
  private static final Map<PolicySnapshot, CompiledPolicy> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  /** The snapshot's rules, not the snapshot: the cache is weak on the snapshot, so its value must not hold it. */
  private final List<Rule> rules;
  private volatile PhraseMatcher phrases;
  private volatile WordRegexMatcher regexes;
  private final List<Instant> boundaries;
  private final ConcurrentHashMap<String, CompiledAutomaton> automata = new ConcurrentHashMap<>();

  private CompiledPolicy(PolicySnapshot snapshot) {
    this.rules = snapshot.allRules();
    TreeSet<Instant> dates = new TreeSet<>();
    for (Rule r : snapshot.allRules()) {
      r.effectiveFrom().ifPresent(dates::add);
      r.expires().ifPresent(dates::add);
    }
    this.boundaries = List.copyOf(new ArrayList<>(dates));
  }

  /** The compiled form of a snapshot, built on first use and kept as long as the snapshot is reachable. */
  static CompiledPolicy of(PolicySnapshot snapshot) {
    CompiledPolicy c = CACHE.get(snapshot);
    if (c == null) {
      c = new CompiledPolicy(snapshot);
      CACHE.put(snapshot, c);
    }
    return c;
  }

  /** All phrase rules of the snapshot in one matcher. */
  PhraseMatcher phrases() {
    PhraseMatcher m = phrases;
    if (m == null) {
      synchronized (this) {
        if ((m = phrases) == null) {
          PhraseMatcher.Builder b = PhraseMatcher.builder();
          for (Rule r : rules) if (r instanceof PhraseRule p) for (String v : p.phrases()) b.add(r.id(), v);
          phrases = m = b.build();
        }
      }
    }
    return m;
  }

  /** All regex rules of the snapshot in one matcher. */
  WordRegexMatcher regexes() {
    WordRegexMatcher m = regexes;
    if (m == null) {
      synchronized (this) {
        if ((m = regexes) == null) {
          WordRegexMatcher.Builder b = WordRegexMatcher.builder();
          for (Rule r : rules) if (r instanceof RegexRule x) for (String v : x.patterns()) addRegex(b, r.id(), v);
          regexes = m = b.build();
        }
      }
    }
    return m;
  }

  /** The automaton of one regex pattern over the term dictionary, compiled once. */
  CompiledAutomaton automaton(String pattern) {
    return automata.computeIfAbsent(pattern, p -> {
      try {
        return new CompiledAutomaton(WordRegexMatcher.compile(p));
      } catch (InvalidRegexException e) {
        throw new IllegalStateException("a validated policy holds an invalid regex: " + e.getMessage(), e);
      }
    });
  }

  private static void addRegex(WordRegexMatcher.Builder b, String ruleId, String pattern) {
    try {
      b.add(ruleId, pattern);
    } catch (InvalidRegexException e) {
      throw new IllegalStateException("a validated policy holds an invalid regex in rule " + ruleId + ": " + e.getMessage(), e);
    }
  }

  /** Every effective_from and expires instant of the snapshot, ascending. */
  List<Instant> boundaries() { return boundaries; }
}
