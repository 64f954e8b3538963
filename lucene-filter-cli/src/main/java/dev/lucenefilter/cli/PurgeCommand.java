package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.RejectPurge;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code purge}: deletes for good what the policy's reject rules match (they are already hidden everywhere). */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = "Delete from the index every record that an active reject rule matches, and log each deletion.")
final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory.")
  Path index;

  @Option(names = "--blocklists", paramLabel = "DIR", defaultValue = "blocklists", description = "Policy directory (default ./${DEFAULT-VALUE}).")
  Path blocklists;

  @Option(names = "--at", paramLabel = "INSTANT", description = "Evaluate rule dates at this instant (default: now).")
  String at;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PolicySnapshot policy = CliPolicies.load(blocklists, spec.commandLine().getErr());
    if (!ContentIndex.exists(index)) throw CliException.badInput("no index at " + index);
    List<RejectedRecords.Rejected> purged;
    try (ContentIndex ix = ContentIndex.open(index);
        RejectionLog log = RejectionLog.append(index.resolve(IndexCommand.REJECTION_LOG))) {
      purged = RejectPurge.purge(ix, policy, ContentFilters.load(), CliPolicies.instant("--at", at), log);
    }
    for (RejectedRecords.Rejected p : purged) out.println("purged " + p.kind() + " " + p.id() + " by " + p.rules());
    out.println("purged " + purged.size() + " records under policy " + policy.version().substring(0, 12));
    return 0;
  }
}
