package dev.lucenefilter.filter;

import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.text.WordRegexMatcher;
import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Built-in filter for {@code regex} rules: each pattern is an automaton over whole words after steps 1–3. On a
 * segment the automaton is intersected with the regex-words term dictionary, which holds exactly those words, so
 * the result is exact without reading any document.
 */
final class RegexRuleFilter extends RuleFilter<RegexRule> {
  RegexRuleFilter() { super(RegexRule.class, "regex"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (ctx.active(RegexRule.class).isEmpty()) return; // no rule: no need to read the words
    WordRegexMatcher m = ctx.compiled().regexes();
    for (RecordView.WordSource src : record.wordSources()) {
      m.match(src.tokens(), (ruleId, start, end) -> {
        if (ctx.activeRule(ruleId) instanceof RegexRule r && reads(r, src.side())) {
          sink.matched(ruleId, r, src.side(), "word '" + src.text().substring(start, end) + "' at " + start + "-" + end + " in " + src.where());
        }
      });
    }
  }

  @Override
  void ruleDocs(FilterContext ctx, RegexRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    for (String pattern : r.patterns()) {
      CompiledAutomaton a = ctx.compiled().automaton(pattern);
      SegmentDocs.automaton(segment.reader(), FilterFields.RWORDS, a, out);
    }
    restrictToSides(r, segment, out);
  }
}
