package dev.lucenefilter.index;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;

/**
 * Deletes for good what {@code reject} rules added after indexing now match, and the records of channels rejected at
 * index time (posts stored before their channel was rejected; see {@link
 * dev.lucenefilter.filter.RejectedChannels}). Query-time filtering already hides such records everywhere; purging
 * also removes them from disk: it logs each one (no content), then expunges the deletions and commits, so that when
 * it returns their text is in no index file and in no term statistic. The tombstones of rejected channels stay:
 * the index must go on rejecting their posts.
 */
public final class RejectPurge {
  private RejectPurge() {}

  /**
   * Deletes every record an active reject rule of {@code policy} matches at {@code at}, and every stored record of
   * a channel rejected at index time, expunges them from the index files and commits.
   *
   * @return what was deleted
   */
  public static List<RejectedRecords.Rejected> purge(ContentIndex index, PolicySnapshot policy, ContentFilters filters,
      Instant at, RejectionLog log) throws IOException {
    List<RejectedRecords.Rejected> out;
    try (ContentIndex.SearcherLease lease = index.acquireUnfiltered()) {
      out = RejectedRecords.find((DirectoryReader) lease.searcher().getIndexReader(), policy, filters, at);
    }
    for (RejectedRecords.Rejected r : out) {
      index.delete(r.kind(), r.id());
      if (log != null) log.log(at, r.kind(), r.id(), r.rules(), policy.version());
    }
    index.expungeDeletes();
    return out;
  }
}
