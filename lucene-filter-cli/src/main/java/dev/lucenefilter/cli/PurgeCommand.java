package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code purge}: deletes for good what the policy's reject rules match (they are already hidden everywhere). */
@Command(name = "purge",
    description = "Delete from the index every record that an active reject rule matches, and log each deletion.")
final class PurgeCommand extends CliCommand {
  @Mixin SharedOptions.IndexDir indexDir;

  @Mixin SharedOptions.Blocklists blocklistsDir;

  @Mixin SharedOptions.At at;

  @Override
  public Integer call() throws Exception {
    PolicySnapshot policy = loadPolicy(blocklistsDir.dir, err());
    List<RejectedRecords.Rejected> purged;
    try (ContentIndex ix = indexDir.openForWriting();
        RejectionLog log = RejectionLog.append(indexDir.dir.resolve(IndexCommand.REJECTION_LOG))) {
      purged = ix.purge(policy, ContentFilters.load(), at.instant(), log);
    }
    for (RejectedRecords.Rejected p : purged) {
      out().println("purged " + p.kind() + " " + Printable.of(p.id()) + " by " + p.rules());
    }
    out().println("purged " + purged.size() + " records under policy " + policy.version().substring(0, 12));
    return 0;
  }
}
