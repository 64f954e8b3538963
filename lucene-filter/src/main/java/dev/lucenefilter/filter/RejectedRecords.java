package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;

/**
 * Finds the records of an index that an active {@code reject} rule matches (rules added after the records were
 * indexed): the candidates are what GLOBAL hides, where every reject rule is in force, and each is confirmed by the
 * reference decision with its channel record, or by the tombstone of its channel when that channel was rejected
 * at index time ({@link RejectedChannels}: posts stored before their channel was rejected). Query-time filtering
 * already hides them everywhere; this lists them so they can be deleted for good.
 */
public final class RejectedRecords {
  private RejectedRecords() {}

  /** One record to reject, with the reject rules that match it (sorted). */
  public record Rejected(String kind, String id, List<String> rules) {}

  /** Every live record of {@code reader} that an active reject rule of {@code policy} matches at {@code at}. */
  public static List<Rejected> find(DirectoryReader reader, PolicySnapshot policy, ContentFilters filters, Instant at)
      throws IOException {
    ExclusionCache cache = new ExclusionCache(filters, UnknownJurisdictions.GLOBAL_ONLY, ExclusionCache.DEFAULT_MAX_BYTES);
    DecisionEngine engine = DecisionEngine.create(policy, filters, UnknownJurisdictions.GLOBAL_ONLY);
    IndexedRecords records = new IndexedRecords(reader);
    List<Rejected> out = new ArrayList<>();
    records.forEachHidden(cache.exclusions(reader, policy, FilterContext.GLOBAL, at), null, v -> {
      Decision decision = records.decide(engine, v, FilterContext.GLOBAL, at);
      if (decision.outcome() == Decision.Outcome.REJECT) {
        out.add(new Rejected(v.kind() == RecordView.Kind.POST ? FilterFields.KIND_POST : FilterFields.KIND_CHANNEL,
            v.id(), decision.rules()));
      }
    });
    return out;
  }
}
