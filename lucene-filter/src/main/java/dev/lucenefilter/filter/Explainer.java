package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;

/**
 * Explains decisions for records held in an index: looks the record (and a post's channel record) up in the
 * stored index and runs the reference decision, which query-time filtering agrees with. A tool for policy teams
 * and appeals; it reads hidden records too, but returns only the decision and its evidence. Thread-safe.
 */
public final class Explainer {
  private final ContentFilters filters;
  private final UnknownJurisdictions unknown;

  public Explainer(ContentFilters filters, UnknownJurisdictions unknown) {
    this.filters = Objects.requireNonNull(filters);
    this.unknown = Objects.requireNonNull(unknown);
  }

  /**
   * The explanation for the record with {@code id} (a post if one has that id, else a channel), or empty when the
   * index holds no such record.
   *
   * @throws UnknownJurisdictionException when the jurisdiction is unknown and unknown codes are refused
   */
  public Optional<Explanation> explain(IndexReader reader, PolicySnapshot snapshot, String jurisdiction, String id,
      Instant at) throws IOException {
    IndexedRecords records = new IndexedRecords(reader);
    String kind = FilterFields.KIND_POST;
    int doc = records.find(kind, id);
    if (doc < 0) {
      kind = FilterFields.KIND_CHANNEL;
      doc = records.find(kind, id);
    }
    if (doc < 0) return Optional.empty();
    DecisionEngine engine = DecisionEngine.create(snapshot, filters, unknown);
    Decision d = engine.decide(records.view(doc), jurisdiction, at);
    return Optional.of(new Explanation(kind, id, d, at));
  }
}
