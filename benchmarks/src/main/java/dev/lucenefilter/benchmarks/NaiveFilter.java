package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.policy.ChannelRule;
import dev.lucenefilter.policy.DomainRule;
import dev.lucenefilter.policy.MediaHashRule;
import dev.lucenefilter.policy.UsernameRule;
import dev.lucenefilter.policy.ClassifierRule;
import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.automaton.RegExp;

/**
 * The baseline: the policy as one {@link BooleanQuery} of {@code MUST_NOT} clauses built for every query, the way
 * a Lucene user without this library would write it: {@link TermInSetQuery} over channel ids, usernames (and
 * mentions for {@code mentions: true} rules), domains and media hashes, one phrase query per phrase over the
 * normalized-words field (analyzed with the same analyzer the index used, through {@link QueryBuilder}), one
 * {@link RegexpQuery} per regex over the regex-words field, and a {@link DoubleField} range query per classifier.
 *
 * <p>Only approximately the same filter as ours: it does not propagate a channel-side match to the channel's posts
 * (a title or description phrase hides only the channel document) and it ignores rule targets. Both omissions make
 * it cheaper, so the comparison flatters the baseline.
 */
final class NaiveFilter {
  private NaiveFilter() {}

  private static final Analyzer NWORDS = new NormalizedWordsAnalyzer();

  static {
    // Raised as far as the policy needs; Lucene's default (1024) refuses a 10k-phrase policy.
    IndexSearcher.setMaxClauseCount(Integer.MAX_VALUE);
  }

  /** {@code query} with every active rule of {@code rules} as a MUST_NOT clause. */
  static Query filtered(Query query, FilterContext rules) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
    for (Query not : exclusions(rules)) b.add(not, BooleanClause.Occur.MUST_NOT);
    return b.build();
  }

  static List<Query> exclusions(FilterContext rules) {
    List<Query> out = new ArrayList<>();
    terms(out, FilterFields.CHANNEL_ID, rules.byValue(ChannelRule.class, ChannelRule::channelIds).keySet());
    terms(out, FilterFields.USERNAME, rules.byValue(UsernameRule.class, UsernameRule::usernames).keySet());
    terms(out, FilterFields.MENTION, rules.active(UsernameRule.class).stream().filter(UsernameRule::mentions)
        .flatMap(u -> u.usernames().stream()).distinct().toList());
    terms(out, FilterFields.DOMAIN, rules.byValue(DomainRule.class, DomainRule::domains).keySet());
    terms(out, FilterFields.MEDIA, rules.byValue(MediaHashRule.class, MediaHashRule::sha256).keySet());
    QueryBuilder builder = new QueryBuilder(NWORDS);
    for (PhraseRule r : rules.active(PhraseRule.class)) {
      for (String phrase : r.phrases()) {
        Query q = builder.createPhraseQuery(FilterFields.NWORDS, phrase);
        if (q != null) out.add(q);
      }
    }
    for (RegexRule r : rules.active(RegexRule.class)) {
      for (String p : r.patterns()) out.add(new RegexpQuery(new Term(FilterFields.RWORDS, p), RegExp.NONE));
    }
    for (ClassifierRule c : rules.active(ClassifierRule.class)) {
      out.add(DoubleField.newRangeQuery(FilterFields.flag(c.flag()), c.threshold(), Double.POSITIVE_INFINITY));
    }
    return out;
  }

  private static void terms(List<Query> out, String field, Collection<String> values) {
    if (values.isEmpty()) return;
    List<BytesRef> refs = new ArrayList<>(values.size());
    for (String v : values) refs.add(new BytesRef(v));
    out.add(new TermInSetQuery(field, refs));
  }
}
