package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordJson;
import dev.lucenefilter.policy.ClassifierRule;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A score of -0.0 is the decimal 0: a threshold-0 rule catches it at query time exactly as the reference does. */
class NegativeZeroScoreTest {
  @TempDir Path tmp;

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private PolicySnapshot policy() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "any-spam", "type": "classifier", "flag": "spam", "threshold": 0,
           "category": "spam", "legal_basis": "test"}
        ]}""");
    return PolicyLoader.load(dir);
  }

  @Test
  void aThresholdZeroRuleHidesANegativeZeroScoreAtQueryTime() throws Exception {
    PolicySnapshot snapshot = policy();
    Path posts = Files.writeString(tmp.resolve("posts.jsonl"), String.join("\n",
        "{\"id\": \"neg\", \"channel_id\": \"c\", \"text\": \"x\", \"flags\": {\"spam\": -0.0}}",
        "{\"id\": \"pos\", \"channel_id\": \"c\", \"text\": \"x\", \"flags\": {\"spam\": 0.0}}",
        "{\"id\": \"none\", \"channel_id\": \"c\", \"text\": \"x\"}") + "\n");
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.index(posts, null, BulkOptions.defaults());
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, new ExclusionCache(), Clock.fixed(NOW, ZoneOffset.UTC)))
          .build();
      Set<String> visible = new TreeSet<>();
      search.search(SearchRequest.builder("KZ").query("").pageSize(100).build()).hits().forEach(h -> visible.add(h.id()));
      assertThat(visible).containsExactly("none");
    }
    DecisionEngine engine = DecisionEngine.create(snapshot);
    Post neg = RecordJson.parsePost("x", "{\"id\": \"neg\", \"channel_id\": \"c\", \"flags\": {\"spam\": -0.0}}");
    Decision d = engine.decide(neg, null, "KZ", NOW);
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.HIDE);
    assertThat(d.matches()).extracting(RuleMatch::evidence).containsExactly("post flag spam = 0.0 ≥ 0.0");
  }

  @Test
  void theRangeQueryAlsoCatchesANegativeZeroWrittenByAnOlderIndex() throws Exception {
    ClassifierRule rule = (ClassifierRule) policy().effectiveRules("KZ").get(0);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        for (double score : new double[] {-0.0, 0.0, Math.nextUp(0.0), 0.5}) {
          Document d = new Document();
          d.add(new StringField(FilterFields.KIND, FilterFields.KIND_POST, Field.Store.NO));
          // Written around Post, which would make it 0.0: the bits an index from before the fix may hold.
          d.add(new DoubleField(FilterFields.flag("spam"), score, Field.Store.NO));
          w.addDocument(d);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        var leaf = reader.leaves().get(0);
        FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
        new ClassifierRuleFilter().ruleDocs(null, rule, leaf, bits);
        assertThat(bits.cardinality()).isEqualTo(4);
      }
    }
  }
}
