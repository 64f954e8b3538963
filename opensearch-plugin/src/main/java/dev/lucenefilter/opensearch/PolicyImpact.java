package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.Bits;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.index.IndexService;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.index.shard.IndexShardState;

/**
 * What a candidate policy would hide and unhide, per jurisdiction, compared with the serving one, over the
 * primary shards of the filtered indices on this node: the same exclusion sets the node would serve, compared
 * document by document. Nothing is changed.
 */
final class PolicyImpact {
  private final NodePolicy policy;
  private final ThreadContext threadContext;

  PolicyImpact(NodePolicy policy, ThreadContext threadContext) {
    this.policy = policy;
    this.threadContext = threadContext;
  }

  /** The change in one jurisdiction, with up to the requested number of {@code kind:id} samples each way. */
  record Result(String jurisdiction, long newlyHidden, long unhidden, List<String> hiddenSamples, List<String> unhiddenSamples) {}

  List<Result> compare(PolicySnapshot from, PolicySnapshot to, int samples) throws IOException {
    Set<String> jurisdictions = new TreeSet<>(to.jurisdictions());
    jurisdictions.addAll(from.jurisdictions());
    Instant now = policy.clock().instant();
    List<Result> out = new ArrayList<>();
    for (String j : jurisdictions) {
      long[] counts = new long[2];
      List<String> hidden = new ArrayList<>(), unhidden = new ArrayList<>();
      for (IndexService index : policy.filteredIndices()) {
        for (IndexShard shard : index) {
          if (shard.state() != IndexShardState.STARTED || !shard.routingEntry().primary()) continue;
          NodePolicy.withUnfilteredReader(threadContext, shard, reader -> {
            compare(reader, from, to, j, now, counts, hidden, unhidden, samples);
            return null;
          });
        }
      }
      out.add(new Result(j, counts[0], counts[1], hidden, unhidden));
    }
    return out;
  }

  private void compare(DirectoryReader reader, PolicySnapshot from, PolicySnapshot to, String j, Instant now, long[] counts,
      List<String> hidden, List<String> unhidden, int samples) throws IOException {
    DirectoryReader before = from.hasJurisdiction(j) ? policy.cache().visibleReader(reader, from, j, now) : reader;
    DirectoryReader after = to.hasJurisdiction(j) ? policy.cache().visibleReader(reader, to, j, now) : reader;
    for (int i = 0; i < reader.leaves().size(); i++) {
      LeafReader plain = reader.leaves().get(i).reader();
      Bits live = plain.getLiveDocs(), b = before.leaves().get(i).reader().getLiveDocs(), a = after.leaves().get(i).reader().getLiveDocs();
      if (b == live && a == live) continue;
      for (int d = 0; d < plain.maxDoc(); d++) {
        if (live != null && !live.get(d)) continue;
        boolean wasVisible = b == null || b.get(d), isVisible = a == null || a.get(d);
        if (wasVisible == isVisible) continue;
        List<String> sample = isVisible ? unhidden : hidden;
        counts[isVisible ? 1 : 0]++;
        if (sample.size() < samples) {
          Document doc = plain.storedFields().document(d, Set.of(FilterFields.KIND, FilterFields.ID));
          sample.add(doc.get(FilterFields.KIND) + ":" + doc.get(FilterFields.ID));
        }
      }
    }
  }
}
