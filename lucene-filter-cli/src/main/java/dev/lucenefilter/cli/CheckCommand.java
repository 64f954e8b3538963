package dev.lucenefilter.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check}: the decision for every post of a JSON Lines stream in one jurisdiction, exactly as query-time
 * filtering makes it, one JSON object per post in input order. Streams: memory stays flat however many posts
 * (channel records, if given, are held in memory).
 */
@Command(name = "check",
    description = "Decide keep/hide/reject for each post of a JSON Lines stream in one jurisdiction.")
final class CheckCommand extends CliCommand {

  @Mixin SharedOptions.JurisdictionPolicy policy;

  @Option(names = "--channels", paramLabel = "FILE", description = "Channel records (their usernames, titles, descriptions and flags).")
  Path channels;

  @Mixin SharedOptions.At at;

  @Option(names = "--input", paramLabel = "FILE|-", defaultValue = "-", description = "Posts, JSON Lines; - for stdin (default).")
  String input;

  @Mixin SharedOptions.OnError onError;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = err();
    Instant when = at.instant();
    RecordReader.OnError mode = onError.mode();
    PolicySnapshot snapshot = policy.load(err);
    Map<String, Channel> byId = new HashMap<>();
    if (channels != null) RecordReader.readAllChannels(channels).forEach(c -> byId.put(c.id(), c));
    DecisionEngine engine = DecisionEngine.create(snapshot, ContentFilters.load(), UnknownJurisdictions.ERROR);
    long n = 0, hidden = 0, rejected = 0;
    long start = System.nanoTime();
    Writer sink = out();
    Consumer<RecordFormatException> skipped =
        e -> err.println("lucene-filter: skipped " + Printable.of(e.getMessage()));
    try (RecordReader<Post> posts = "-".equals(input) ? RecordReader.posts("<stdin>", System.in, mode, skipped)
        : RecordReader.posts(Path.of(input), mode, skipped)) {
      for (Post p; (p = posts.next()) != null; ) {
        Decision d = engine.decide(p, byId.get(p.channelId()), policy.code, when);
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", p.id()).put("decision", d.outcome().label());
        d.rules().forEach(o.putArray("rules")::add);
        sink.write(o + "\n");
        sink.flush();
        n++;
        if (d.outcome() == Decision.Outcome.HIDE) hidden++;
        if (d.outcome() == Decision.Outcome.REJECT) rejected++;
      }
      double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
      err.printf("lucene-filter: checked %d posts in %.1f s (%.0f posts/s): %d keep, %d hide, %d reject%s%n", n, secs,
          n / secs, n - hidden - rejected, hidden, rejected, posts.skipped() > 0 ? ", " + posts.skipped() + " malformed lines skipped" : "");
    }
    return 0;
  }
}
