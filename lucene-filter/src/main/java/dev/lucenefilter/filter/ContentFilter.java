package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * The filter SPI: one criterion that can hide records, evaluated the same way on a record (the reference
 * decision, {@code check}, explanations) and on an index segment (query-time exclusion).
 *
 * <p>Every built-in rule type is a {@code ContentFilter}, registered in code; third-party filters are found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/dev.lucenefilter.filter.ContentFilter}; it
 * needs a public no-argument constructor). Implementations must be thread-safe and must agree with themselves:
 * a document of a segment is set by {@link #hidden} exactly when {@link #match} reports a match for its stored
 * record on the side the document represents (channel-level matches are carried to the channel's posts by the
 * framework, not by the filter). The differential tests hold every filter to this.
 */
public interface ContentFilter {

  /** A unique, stable name, e.g. the rule type for built-ins ({@code phrase}). */
  String name();

  /**
   * Reports every match of this filter in {@code record} under {@code ctx} (the active rules of one
   * jurisdiction at one instant). Must not report rules that are not in {@code ctx}.
   */
  void match(FilterContext ctx, RecordView record, MatchSink sink);

  /**
   * Sets in {@code out} (sized to the segment's {@code maxDoc}) every document of the segment that this filter
   * hides under {@code ctx}: posts matched on their post or channel side, and channel records matched on their
   * channel side. Deleted documents may be set.
   */
  void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException;

  /**
   * Index time: tags to store with the record in {@link FilterFields#TAG} (for criteria too costly to evaluate
   * per segment later: compute once at index time, then look the tag up in {@link #hidden}). Default: none.
   */
  default java.util.Collection<String> indexTags(RecordView record) { return java.util.List.of(); }

  /**
   * The policy rule types ({@link dev.lucenefilter.policy.Rule#type()}) this filter enforces. A policy with a
   * rule type that no filter in force names is refused ({@link ContentFilters#requireHandles}), never silently
   * ignored: a third-party filter for a third-party rule type must name it here. Default: none (a filter with its
   * own criterion, not driven by policy rules).
   */
  default java.util.Set<String> ruleTypes() { return java.util.Set.of(); }

  /**
   * Identifies what {@link #hidden} depends on beyond the segment and the context's active rules, so cached
   * exclusions are rebuilt when it changes. The framework keys a jurisdiction's cached exclusions on the
   * jurisdiction and its active rules (their ids and the whole content of the policy files that declare them), not
   * on the snapshot version or the epoch: a swap that leaves them as they were keeps the exclusions. Built-in filters depend only on
   * those rules and return the empty string; a third-party filter that reads anything else (its configuration,
   * other parts of the snapshot, outside data) must return it here.
   */
  default String cacheKey(FilterContext ctx) { return ""; }
}
