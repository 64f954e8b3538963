package dev.lucenefilter.benchmarks;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code check} (one {@link DecisionEngine#decide} per post, every rule type of jurisdiction KZ of {@link
 * PolicySpec#QUERY}: 12,115 rules, 10,000 phrases among them) and its peers on the same posts (the first {@code
 * n} of a generated corpus):
 * <ul>
 *   <li>{@code monitor}: Lucene Monitor (the percolator approach) with one {@link MonitorQuery} per phrase rule
 *       (its phrases as SHOULD phrase queries over the same normalized words, {@link NormalizedWordsAnalyzer}, so
 *       it finds what our phrase rules find), matching one post at a time;</li>
 *   <li>{@code ahocorasick}: a double-array Aho–Corasick automaton of the lower-cased phrases over the lower-cased
 *       text: no normalization, no word boundaries, phrases only: the bound a matcher without normalization
 *       reaches.</li>
 * </ul>
 * The peers see the phrase rules only, so they do less than {@code check}; each call does a whole batch of
 * posts and returns a count so nothing is optimised away.
 */
final class CheckPeers {
  static final List<String> MODES = List.of("check", "monitor", "ahocorasick");
  private static final String FIELD = "words";

  final List<Post> posts;
  final Map<String, Channel> channels = new HashMap<>();
  final DecisionEngine engine;
  final int phraseRules;
  final int phrases;
  private final Monitor monitor;
  private final AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
  private final Analyzer analyzer = new NormalizedWordsAnalyzer();

  CheckPeers(int corpusPosts, int n) throws IOException, RecordFormatException {
    Path corpus = Datasets.ensureCorpus(corpusPosts, Datasets.SEED);
    PolicySnapshot snapshot = Fixture.load(Datasets.ensurePolicy(PolicySpec.QUERY));
    engine = DecisionEngine.create(snapshot);
    for (Channel c : RecordReader.readAllChannels(corpus.resolve("channels.jsonl"))) channels.put(c.id(), c);
    posts = new ArrayList<>();
    try (RecordReader<Post> r = RecordReader.posts(corpus.resolve("posts.jsonl"), RecordReader.OnError.FAIL, null)) {
      for (Post p; posts.size() < n && (p = r.next()) != null; ) posts.add(p);
    }
    FilterContext active = DecisionEngine.create(snapshot).activeRules(Fixture.JURISDICTION, Fixture.NOW);
    IndexSearcher.setMaxClauseCount(Integer.MAX_VALUE);
    QueryBuilder qb = new QueryBuilder(analyzer);
    monitor = new Monitor(analyzer);
    List<MonitorQuery> queries = new ArrayList<>();
    TreeMap<String, String> dictionary = new TreeMap<>();
    int count = 0;
    for (PhraseRule rule : active.active(PhraseRule.class)) {
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

  /** Runs {@code mode} over every post; returns how many posts it hides or matches. */
  long run(String mode) throws IOException {
    long n = 0;
    switch (mode) {
      case "check" -> {
        for (Post p : posts) {
          if (!engine.decide(p, channels.get(p.channelId()), Fixture.JURISDICTION, Fixture.NOW).visible()) n++;
        }
      }
      case "monitor" -> {
        for (Post p : posts) {
          Document d = new Document();
          d.add(new TextField(FIELD, p.text(), Field.Store.NO));
          if (monitor.match(d, QueryMatch.SIMPLE_MATCHER).getMatchCount() > 0) n++;
        }
      }
      case "ahocorasick" -> {
        for (Post p : posts) {
          if (trie.findFirst(p.text().toLowerCase(Locale.ROOT)) != null) n++;
        }
      }
      default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
    }
    return n;
  }

  String describe() throws IOException {
    return String.format(Locale.ROOT, "%d posts, %d phrase rules (%d phrases); check hides %d, monitor matches %d, "
        + "aho-corasick matches %d", posts.size(), phraseRules, phrases, run("check"), run("monitor"),
        run("ahocorasick"));
  }

  public static void main(String[] args) throws Exception {
    CheckPeers c = new CheckPeers(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    System.out.println(c.describe());
  }
}
