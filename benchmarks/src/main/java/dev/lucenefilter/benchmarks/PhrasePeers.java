package dev.lucenefilter.benchmarks;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * The two peers our phrase matching is compared with, built from the same phrase rules:
 * <ul>
 *   <li>Lucene Monitor (the percolator approach): one {@link MonitorQuery} per phrase rule, its phrases as SHOULD
 *       phrase queries over the same normalized words ({@link NormalizedWordsAnalyzer}), so it finds what our phrase
 *       rules find, matching one text at a time;</li>
 *   <li>a double-array Aho–Corasick automaton of the lower-cased phrases over the lower-cased text: no
 *       normalization, no word boundaries: the bound a matcher without normalization reaches.</li>
 * </ul>
 * Used by {@link CheckPeers} (per post, against {@code check}) and {@link IndexingRun} (as index-time hooks, which
 * a bulk run calls from its one writing thread).
 */
final class PhrasePeers {
  private static final String FIELD = "words";

  final int phraseRules;
  final int phrases;
  private final Monitor monitor;
  private final AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();

  /** The peers of the phrase rules the benchmarks' jurisdiction ({@link Fixture#JURISDICTION}) has in force. */
  static PhrasePeers of(PolicySnapshot snapshot) throws IOException {
    return new PhrasePeers(DecisionEngine.create(snapshot).activeRules(Fixture.JURISDICTION, Fixture.NOW)
        .active(PhraseRule.class));
  }

  PhrasePeers(List<PhraseRule> rules) throws IOException {
    Analyzer analyzer = new NormalizedWordsAnalyzer();
    IndexSearcher.setMaxClauseCount(Integer.MAX_VALUE);
    QueryBuilder qb = new QueryBuilder(analyzer);
    monitor = new Monitor(analyzer);
    List<MonitorQuery> queries = new ArrayList<>();
    TreeMap<String, String> dictionary = new TreeMap<>();
    int count = 0;
    for (PhraseRule rule : rules) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String phrase : rule.phrases()) {
        Query q = qb.createPhraseQuery(FIELD, phrase);
        if (q != null) b.add(q, BooleanClause.Occur.SHOULD);
        dictionary.put(phrase.toLowerCase(Locale.ROOT), rule.header().id());
        count++;
      }
      queries.add(new MonitorQuery(rule.header().id(), b.build()));
    }
    monitor.register(queries);
    trie.build(dictionary);
    phraseRules = queries.size();
    phrases = count;
  }

  /** True when some phrase rule's query matches {@code text} in Lucene Monitor. */
  boolean monitorMatches(String text) throws IOException {
    Document d = new Document();
    d.add(new TextField(FIELD, text, Field.Store.NO));
    return monitor.match(d, QueryMatch.SIMPLE_MATCHER).getMatchCount() > 0;
  }

  /** True when some lower-cased phrase occurs in the lower-cased {@code text}. */
  boolean ahoCorasickMatches(String text) {
    return trie.findFirst(text.toLowerCase(Locale.ROOT)) != null;
  }
}
