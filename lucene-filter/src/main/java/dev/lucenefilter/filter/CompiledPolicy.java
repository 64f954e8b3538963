package dev.lucenefilter.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.WordRegexMatcher;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
  /** By snapshot identity, as long as the snapshot is reachable. */
  private static final Cache<PolicySnapshot, CompiledPolicy> CACHE = Caffeine.newBuilder().weakKeys().build();

  /** The snapshot's rules, not the snapshot: the cache is weak on the snapshot, so its value must not hold it. */
  private final List<Rule> rules;
  private final List<Instant> boundaries;
  /** The two matchers, by class, each built once on first use. */
  private final ConcurrentHashMap<Class<?>, Object> matchers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompiledAutomaton> automata = new ConcurrentHashMap<>();

  private CompiledPolicy(PolicySnapshot snapshot) {
    this.rules = snapshot.allRules();
    TreeSet<Instant> dates = new TreeSet<>();
    for (Rule r : snapshot.allRules()) {
      // isPresent rather than ifPresent(dates::add): the method reference is a new object per call, per rule.
      Optional<Instant> from = r.effectiveFrom();
      Optional<Instant> expires = r.expires();
      if (from.isPresent()) dates.add(from.get());
      if (expires.isPresent()) dates.add(expires.get());
    }
    this.boundaries = List.copyOf(dates);
  }

  /** The compiled form of a snapshot, built on first use and kept as long as the snapshot is reachable. */
  static CompiledPolicy of(PolicySnapshot snapshot) {
    return CACHE.get(snapshot, CompiledPolicy::new);
  }

  /** All phrase rules of the snapshot in one matcher. */
  PhraseMatcher phrases() {
    return (PhraseMatcher) matchers.computeIfAbsent(PhraseMatcher.class, k -> {
      PhraseMatcher.Builder b = PhraseMatcher.builder();
      for (Rule r : rules) if (r instanceof PhraseRule p) for (String v : p.phrases()) b.add(r.id(), v);
      return b.build();
    });
  }

  /** All regex rules of the snapshot in one matcher. */
  WordRegexMatcher regexes() {
    return (WordRegexMatcher) matchers.computeIfAbsent(WordRegexMatcher.class, k -> {
      WordRegexMatcher.Builder b = WordRegexMatcher.builder();
      for (Rule r : rules) if (r instanceof RegexRule x) for (String v : x.patterns()) addRegex(b, r.id(), v);
      return b.build();
    });
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

  /** End of the epoch holding {@code at} (exclusive): the first rule date after it, else {@link Instant#MAX}. */
  Instant epochEnd(Instant at) {
    int i = datesAtOrBefore(at);
    return i == boundaries.size() ? Instant.MAX : boundaries.get(i);
  }

  /** Start of the epoch holding {@code at} (inclusive): the last rule date at or before it, else {@link Instant#MIN}. */
  Instant epochStart(Instant at) {
    int i = datesAtOrBefore(at);
    return i == 0 ? Instant.MIN : boundaries.get(i - 1);
  }

  /** How many rule dates are at or before {@code at}. */
  private int datesAtOrBefore(Instant at) {
    int i = Collections.binarySearch(boundaries, at);
    return i >= 0 ? i + 1 : -i - 1;
  }
}
