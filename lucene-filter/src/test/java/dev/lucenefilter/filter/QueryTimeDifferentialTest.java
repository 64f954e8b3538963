package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.Fields;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.RecordJson;
import java.util.List;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random corpora (some with words longer than the index keeps) × random policies × random reloads: what query-time
 * filtering leaves visible equals, record for record, what the reference {@link DecisionEngine} keeps, through both
 * the reader view and the filter query, including when the policy searched with is newer than the index.
 */
class QueryTimeDifferentialTest {
  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");

  @TempDir Path tmp;
  private long visibleChecked;
  private long hiddenChecked;

  @Test
  void visibleSetsEqualTheReferenceOnRandomWorlds() throws Exception {
    int worlds = LONG ? 200 : 16;
    for (int seed = 1; seed <= worlds; seed++) checkWorld(seed);
    // The worlds must exercise both outcomes, or equality would prove little.
    assertTrue(visibleChecked > worlds * 100L, "too few visible records checked: " + visibleChecked);
    assertTrue(hiddenChecked > worlds * 100L, "too few hidden records checked: " + hiddenChecked);
  }

  private void checkWorld(long seed) throws Exception {
    RandomWorld w = new RandomWorld(seed, 150, true, true);
    Path policy = tmp.resolve("policy-" + seed);
    Path indexDir = tmp.resolve("index-" + seed);
    Map<String, Channel> channels = new HashMap<>();
    for (Channel c : w.channels) channels.put(c.id(), c);
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20);
    try (ContentIndex index = ContentIndex.open(indexDir)) {
      // Half the records, a commit (one segment), the other half (another segment): propagation crosses segments.
      int half = w.posts.size() / 2;
      index.index(jsonl("p1", w.posts.subList(0, half)), jsonl("c1", w.channels.subList(0, 3)), BulkOptions.defaults());
      index.index(jsonl("p2", w.posts.subList(half, w.posts.size())), jsonl("c2", w.channels.subList(3, w.channels.size())),
          BulkOptions.defaults());
      // The same posts written again, one in each of the first two segments: their old documents are deleted, so the
      // views of both segments combine hidden and deleted documents.
      index.add(w.posts.get(0));
      index.add(w.posts.get(half));
      for (int generation = 0; generation < 3; generation++) {
        w.writePolicy(policy, generation);
        PolicySnapshot snapshot = PolicyLoader.load(policy);
        DecisionEngine engine = DecisionEngine.create(snapshot, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
        try (var lease = TestLeases.unfiltered(index)) {
          DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
          for (String j : RandomWorld.JURISDICTIONS) {
            Set<String> expected = new TreeSet<>();
            for (Post p : w.posts) {
              if (engine.decide(p, channels.get(p.channelId()), j, RandomWorld.NOW).visible()) expected.add("post:" + p.id());
            }
            for (Channel c : w.channels) {
              if (engine.decide(c, j, RandomWorld.NOW).visible()) expected.add("channel:" + c.id());
            }
            String where = "seed " + seed + ", policy generation " + generation + ", jurisdiction " + j;
            IndexSearcher view = new IndexSearcher(cache.visibleReader(reader, snapshot, j, RandomWorld.NOW));
            assertEquals(expected, ids(view, new MatchAllDocsQuery()), "reader view, " + where);
            assertEquals(expected.size(), view.count(new MatchAllDocsQuery()), "reader view count, " + where);
            // A sorted listing masks whole windows of documents with the view's live docs.
            assertEquals(expected, ids(view, new MatchAllDocsQuery(), NEWEST), "reader view sorted, " + where);
            Query filtered = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                .add(cache.visibleQuery(reader, snapshot, j, RandomWorld.NOW), BooleanClause.Occur.FILTER)
                .build();
            IndexSearcher plain = new IndexSearcher(reader);
            assertEquals(expected, ids(plain, filtered), "filter query, " + where);
            // A word query through the view equals the unfiltered word query minus what is hidden.
            String word = w.pick(RandomWorld.WORDS);
            Query q = new TermQuery(new Term(FilterFields.NWORDS, word));
            Set<String> all = ids(plain, q);
            all.retainAll(expected);
            assertEquals(all, ids(view, q), "word '" + word + "', " + where);
            visibleChecked += expected.size();
            hiddenChecked += w.posts.size() + w.channels.size() - expected.size();
          }
        }
      }
    }
  }

  /** Writes records as a JSON Lines file for a bulk run (one segment per run). */
  private Path jsonl(String name, List<?> records) throws java.io.IOException {
    Path f = tmp.resolve(name + "-" + System.nanoTime() + ".jsonl");
    StringBuilder sb = new StringBuilder();
    for (Object r : records) {
      sb.append(r instanceof Post p ? RecordJson.toJson(p) : RecordJson.toJson((Channel) r)).append('\n');
    }
    java.nio.file.Files.writeString(f, sb.toString());
    return f;
  }

  private static final Sort NEWEST =
      new Sort(LongField.newSortField(Fields.DATE, true, SortedNumericSelector.Type.MAX));

  private static Set<String> ids(IndexSearcher searcher, Query q) throws Exception {
    return ids(searcher, q, null);
  }

  private static Set<String> ids(IndexSearcher searcher, Query q, Sort sort) throws Exception {
    Set<String> out = new TreeSet<>();
    var stored = searcher.storedFields();
    for (ScoreDoc sd : (sort == null ? searcher.search(q, 100_000) : searcher.search(q, 100_000, sort)).scoreDocs) {
      var d = stored.document(sd.doc, Set.of(FilterFields.KIND, FilterFields.ID));
      out.add(d.get(FilterFields.KIND) + ":" + d.get(FilterFields.ID));
    }
    return out;
  }
}
