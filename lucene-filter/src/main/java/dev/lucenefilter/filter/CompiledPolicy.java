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
 * Immutable and thread-safe. Matches are per rule id; callers keep only the rules active in their context.
 */
final class CompiledPolicy {
  private static final Map<PolicySnapshot, CompiledPolicy> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  private final PhraseMatcher phrases;
  private final WordRegexMatcher regexes;
  private final List<Instant> boundaries;
  private final ConcurrentHashMap<String, CompiledAutomaton> automata = new ConcurrentHashMap<>();

  private CompiledPolicy(PolicySnapshot snapshot) {
    PhraseMatcher.Builder pb = PhraseMatcher.builder();
    WordRegexMatcher.Builder rb = WordRegexMatcher.builder();
    TreeSet<Instant> dates = new TreeSet<>();
    for (Rule r : snapshot.allRules()) {
      if (r instanceof PhraseRule p) for (String v : p.phrases()) pb.add(r.id(), v);
      if (r instanceof RegexRule x) for (String v : x.patterns()) addRegex(rb, r.id(), v);
      r.effectiveFrom().ifPresent(dates::add);
      r.expires().ifPresent(dates::add);
    }
    this.phrases = pb.build();
    this.regexes = rb.build();
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

  PhraseMatcher phrases() { return phrases; }

  WordRegexMatcher regexes() { return regexes; }

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
