package dev.lucenefilter.search;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Explainer;
import dev.lucenefilter.filter.Explanation;
import dev.lucenefilter.filter.ImpactAnalysis;
import dev.lucenefilter.filter.TransparencyReport;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;

/**
 * The audit and admin tools over a {@link ContentIndex}: they read the whole index (hidden records included) inside
 * the library and return only what each tool documents, never a reader. Explanations name one record's rules and
 * evidence ({@link Explainer}); impact reports give counts and sample ids per rule ({@link ImpactAnalysis});
 * transparency reports give counts only ({@link TransparencyReport}). Stateless and thread-safe.
 */
public final class IndexAudits {
  private IndexAudits() {}

  /** {@link Explainer#explain(org.apache.lucene.index.IndexReader, PolicySnapshot, String, String, String, Instant)} over {@code index}. */
  public static Optional<Explanation> explain(ContentIndex index, Explainer explainer, PolicySnapshot snapshot,
      String jurisdiction, String kind, String id, Instant at) throws IOException {
    try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
      return explainer.explain(lease.searcher().getIndexReader(), snapshot, jurisdiction, kind, id, at);
    }
  }

  /** {@link ImpactAnalysis#compare} over {@code index}, for a service that refuses unknown jurisdictions (the default). */
  public static List<ImpactAnalysis.JurisdictionImpact> impact(ContentIndex index, PolicySnapshot from,
      PolicySnapshot to, Collection<String> jurisdictions, Instant at, ContentFilters filters, int samples)
      throws IOException {
    return impact(index, from, to, jurisdictions, at, filters, samples, UnknownJurisdictions.ERROR);
  }

  /** {@link ImpactAnalysis#compare} over {@code index}, for a service that treats unknown jurisdictions as {@code unknown} says. */
  public static List<ImpactAnalysis.JurisdictionImpact> impact(ContentIndex index, PolicySnapshot from,
      PolicySnapshot to, Collection<String> jurisdictions, Instant at, ContentFilters filters, int samples,
      UnknownJurisdictions unknown) throws IOException {
    try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
      return ImpactAnalysis.compare((DirectoryReader) lease.searcher().getIndexReader(), from, to, jurisdictions, at,
          filters, samples, unknown);
    }
  }

  /** {@link TransparencyReport#compute} over {@code index}. */
  public static List<TransparencyReport.JurisdictionCounts> transparency(ContentIndex index, PolicySnapshot snapshot,
      Collection<String> jurisdictions, Instant at, ContentFilters filters) throws IOException {
    try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
      return TransparencyReport.compute((DirectoryReader) lease.searcher().getIndexReader(), snapshot, jurisdictions,
          at, filters);
    }
  }
}
