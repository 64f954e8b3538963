package dev.lucenefilter.filter;

import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.text.InvalidRegexException;
import dev.lucenefilter.text.WordRegexMatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOConsumer;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Built-in filter for {@code regex} rules: each pattern is an automaton over whole words after steps 1–3. On a
 * segment the automaton is intersected with the regex-words term dictionary, which holds exactly those words, so
 * the result is exact without reading any document; except for a document with a word longer than the index keeps
 * (its term is the word's beginning, which a pattern may match when the word does not, or the other way round):
 * such documents carry {@link dev.lucenefilter.text.WordsTokenizer#LONG_WORD}, and are decided by the reference
 * matcher over their stored record, for all the rules being built in one pass, so the index and {@code check}
 * agree by construction.
 */
final class RegexRuleFilter implements ContentFilter {
  @Override
  public String name() { return RegexRule.TYPE; }

  @Override
  public Set<String> ruleTypes() { return Set.of(RegexRule.TYPE); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (ctx.active(RegexRule.class).isEmpty()) return; // no rule: no need to read the words
    WordRegexMatcher m = ctx.compiled().regexes();
    for (RecordView.WordSource src : record.wordSources()) {
      m.match(src.tokens(), (ruleId, start, end) -> {
        if (ctx.activeRule(ruleId) instanceof RegexRule r && RuleFilter.reads(r, src.side())) {
          sink.matched(ruleId, r, src.side(), "word '" + src.text().substring(start, end) + "' at " + start + "-" + end + " in " + src.where());
        }
      });
    }
  }

  @Override
  public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException {
    RuleFilter.together(ctx, ctx.active(RegexRule.class), segment, out, (rules, done) -> build(ctx, segment, rules, done));
  }

  /** Each rule's documents: from the term dictionary, but those with a long word from the reference matcher. */
  private static void build(FilterContext ctx, LeafReaderContext segment, List<RegexRule> rules,
      IOConsumer<DocIdSet> done) throws IOException {
    LeafReader leaf = segment.reader();
    FixedBitSet longWords = SegmentDocs.longWords(leaf, FilterFields.RWORDS);
    Map<String, List<Integer>> verified = longWords == null ? Map.of() : verify(leaf, longWords, rules);
    // One scratch set for every rule: the sets kept are compact copies, and a swap builds many rules.
    FixedBitSet docs = new FixedBitSet(leaf.maxDoc());
    for (RegexRule r : rules) {
      docs.clear();
      for (String pattern : r.patterns()) {
        CompiledAutomaton a = ctx.compiled().automaton(pattern);
        SegmentDocs.automaton(leaf, FilterFields.RWORDS, a, docs);
      }
      if (longWords != null) {
        docs.andNot(longWords);
        for (int doc : verified.getOrDefault(r.id(), List.of())) docs.set(doc);
      }
      RuleFilter.restrictToSides(r, segment, docs);
      done.accept(RuleFilter.compact(docs));
      WarmupPacing.step();
    }
  }

  /**
   * Which of {@code docs} each rule matches, by rule id, in document order: the reference matcher, built for these
   * rules only, over their stored records, on the side each document represents.
   */
  private static Map<String, List<Integer>> verify(LeafReader leaf, FixedBitSet docs, List<RegexRule> rules)
      throws IOException {
    WordRegexMatcher.Builder b = WordRegexMatcher.builder();
    Map<String, RegexRule> byId = new HashMap<>();
    for (RegexRule r : rules) {
      byId.put(r.id(), r);
      for (String pattern : r.patterns()) {
        try {
          b.add(r.id(), pattern);
        } catch (InvalidRegexException e) {
          throw new IllegalStateException("a validated policy holds an invalid regex in rule " + r.id() + ": "
              + e.getMessage(), e);
        }
      }
    }
    WordRegexMatcher matcher = b.build();
    Map<String, List<Integer>> out = new HashMap<>();
    StoredFields stored = leaf.storedFields();
    BitSetIterator it = new BitSetIterator(docs, 0);
    for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      WarmupPacing.step(); // each is a long record to read and match
      final int doc = d;
      for (RecordView.WordSource src : StoredRecord.wordView(stored, d).wordSources()) {
        matcher.match(src.tokens(), (id, start, end) -> {
          RegexRule r = byId.get(id);
          if (r == null || !RuleFilter.reads(r, src.side())) return;
          List<Integer> hits = out.computeIfAbsent(id, k -> new ArrayList<>());
          if (hits.isEmpty() || hits.get(hits.size() - 1) != doc) hits.add(doc);
        });
      }
    }
    return out;
  }
}
