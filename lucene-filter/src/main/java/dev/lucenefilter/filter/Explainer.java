package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;

/**
 * Explains decisions for records held in an index: looks the record (and a post's channel record) up in the
 * stored index and runs the reference decision, which query-time filtering agrees with, including the channels
 * the index remembers as rejected at index time ({@link RejectedChannels}). A tool for policy teams and appeals;
 * it reads hidden records too, but returns only the decision and its evidence. Thread-safe.
 */
public final class Explainer {
  private final ContentFilters filters;
  private final UnknownJurisdictions unknown;

  public Explainer(ContentFilters filters, UnknownJurisdictions unknown) {
    this.filters = Objects.requireNonNull(filters);
    this.unknown = Objects.requireNonNull(unknown);
  }

  /**
   * The explanation for the record of {@code kind} ({@code post} or {@code channel}) with {@code id}, or empty when
   * the index holds no such record. A channel rejected at index time is explained from its tombstone (as never
   * stored). With a null kind the id must name one record only.
   *
   * @throws AmbiguousIdException when {@code kind} is null and both a post and a channel have this id
   * @throws IllegalArgumentException when {@code kind} is neither {@code post} nor {@code channel}
   * @throws UnknownJurisdictionException when the jurisdiction is unknown and unknown codes are refused
   */
  public Optional<Explanation> explain(IndexReader reader, PolicySnapshot snapshot, String jurisdiction, String kind,
      String id, Instant at) throws IOException {
    Objects.requireNonNull(id, "id");
    boolean posts = kind == null || kind.equals(FilterFields.KIND_POST);
    boolean channels = kind == null || kind.equals(FilterFields.KIND_CHANNEL);
    if (!posts && !channels) throw new IllegalArgumentException("kind must be 'post' or 'channel', not '" + kind + "'");
    IndexedRecords records = new IndexedRecords(reader);
    int post = posts ? records.find(FilterFields.KIND_POST, id) : -1;
    int channel = channels ? records.find(FilterFields.KIND_CHANNEL, id) : -1;
    Optional<RejectedChannels.Tombstone> tombstone = channels ? records.tombstone(id) : Optional.empty();
    boolean hasChannel = channel >= 0 || tombstone.isPresent();
    if (post >= 0 && hasChannel) throw new AmbiguousIdException(id);
    DecisionEngine engine = DecisionEngine.create(snapshot, filters, unknown);
    if (post >= 0 || channel >= 0) {
      int doc = post >= 0 ? post : channel;
      Decision d = records.decide(engine, records.view(doc), jurisdiction, at);
      return Optional.of(new Explanation(post >= 0 ? FilterFields.KIND_POST : FilterFields.KIND_CHANNEL, id, d, at, true));
    }
    if (tombstone.isPresent()) {
      // Only the id is left of the channel: the rules that match the id alone, and the remembered rejection.
      Decision own = engine.decide(RecordView.channel(new Channel(id, "", "", "", "", 0, null, null)), jurisdiction, at);
      Decision d = RejectedChannels.reject(own, tombstone.get(), snapshot);
      return Optional.of(new Explanation(FilterFields.KIND_CHANNEL, id, d, at, false));
    }
    return Optional.empty();
  }

  /** A post and a channel share the id asked for, and no kind was given to choose between them. */
  public static final class AmbiguousIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    AmbiguousIdException(String id) {
      super("both a post and a channel have id '" + id + "': give the kind (post or channel)");
    }
  }
}
