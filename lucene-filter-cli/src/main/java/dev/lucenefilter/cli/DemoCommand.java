package dev.lucenefilter.cli;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.StoredRecord;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.VisibilityFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.IOUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a small corpus indexed under the sample blocklists, then the same searches from KZ, FR, DE and
 * GLOBAL side by side: what each may see, and for every result hidden somewhere, which rules hide it and why.
 */
@Command(name = "demo",
    description = "Generate a small corpus, index it under the sample blocklists and compare KZ, FR, DE and GLOBAL side by side.")
final class DemoCommand extends CliCommand {
  static final List<String> JURISDICTIONS = List.of("KZ", "FR", "DE", "GLOBAL");
  static final List<String[]> QUERIES = List.of(
      new String[] {"ru", "онлайн казино"},
      new String[] {"ru", "погода Алматы"},
      new String[] {"kk", "жаңалықтар"},
      new String[] {"en", "replica watches"},
      new String[] {"en", "free spins"},
      new String[] {"fr", "film complet gratuit"});
  private static final int SHOWN = 4;

  @Option(names = "--posts", defaultValue = "5000", paramLabel = "N", description = "Posts to generate (default ${DEFAULT-VALUE}; 1000 to 5000000).")
  int posts;

  @Option(names = "--blocklists", paramLabel = "DIR",
      description = "Policy directory (default: the sample blocklists of this checkout).")
  Path blocklists;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    CorpusGenerator corpus = GenerateCommand.corpus(posts, null, 42);
    Path policyDir = blocklists != null ? blocklists : defaultBlocklists();
    PolicySnapshot policy = loadPolicy(policyDir, err());
    for (String j : JURISDICTIONS) requireJurisdiction(policy, j, policyDir);
    Path tmp = Files.createTempDirectory("lucene-filter-demo");
    try {
      CorpusGenerator.Summary g = corpus.generate(tmp.resolve("data"));
      out.printf("generated %d posts and %d channels (%d with sample target content) in %s%n", g.posts(),
          g.channels(), g.targetPosts(), tmp);
      out.printf("policy %s: %d rules in %s (version %s)%n", policyDir, policy.allRules().size(),
          String.join(", ", policy.jurisdictions()), policy.version().substring(0, 12));
      Clock clock = Clock.systemUTC();
      PolicyIndexHook hook = new PolicyIndexHook(() -> policy, ContentFilters.load(), clock, null);
      try (ContentIndex ix = ContentIndex.open(tmp.resolve("index"), hook)) {
        IndexReport r = ix.index(tmp.resolve("data/posts.jsonl"), tmp.resolve("data/channels.jsonl"), BulkOptions.defaults());
        out.printf("indexed %d posts and %d channels in %.1f s (%.0f records/s); %d rejected at index time by GLOBAL reject rules%n",
            r.posts(), r.channels(), r.seconds(), r.recordsPerSecond(), r.rejected());
        SearchService filtered = SearchService.builder(ix)
            .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), clock)).build();
        // The demo shows what each jurisdiction loses, so it also looks at unfiltered results: never do this for users.
        SearchService everything = SearchService.builder(ix).visibility(VisibilityFilter.unfiltered()).build();
        DecisionEngine engine = DecisionEngine.create(policy, ContentFilters.load(), UnknownJurisdictions.ERROR);
        for (String[] q : QUERIES) compare(out, filtered, everything, engine, q[0], q[1], clock.instant());
      }
    } finally {
      IOUtils.rm(tmp);
    }
    return 0;
  }

  private void compare(PrintWriter out, SearchService filtered, SearchService everything, DecisionEngine engine,
      String language, String query, Instant now) throws IOException {
    out.printf("%n[%s] \"%s\"%n  hits:", language, query);
    for (String j : JURISDICTIONS) {
      SearchResult r = filtered.search(SearchRequest.builder(j).query(query).pageSize(1).highlight(false).build());
      out.printf("  %s %d", j, r.totalHits());
    }
    SearchResult all = everything.search(SearchRequest.builder("GLOBAL").query(query).pageSize(SHOWN).highlight(false).build());
    out.printf("   (%d before filtering)%n", all.totalHits());
    out.printf("  %-34s", "top results before filtering");
    for (String j : JURISDICTIONS) out.printf("%-9s", j);
    out.println();
    for (Hit h : all.hits()) {
      // A hit of the unfiltered search: its record is in the index.
      StoredRecord rec = everything.get(h.kind(), h.id(), "GLOBAL").orElseThrow();
      out.printf("  %-34s", h.id() + " " + preview(rec));
      List<String> why = new ArrayList<>();
      for (String j : JURISDICTIONS) {
        boolean visible = filtered.get(h.kind(), h.id(), j).isPresent();
        out.printf("%-9s", visible ? "shown" : "HIDDEN");
        if (visible) continue;
        for (String id : decide(engine, everything, rec, j, now).rules()) {
          Rule rule = engine.snapshot().rule(id).orElse(null);
          why.add(String.format("      %s: %s (%s; %s)", j, id, rule == null ? "custom filter" : rule.category(),
              rule == null ? "" : abbreviate(rule.legalBasis(), 70)));
        }
      }
      out.println();
      why.forEach(out::println);
    }
  }

  private static Decision decide(DecisionEngine engine, SearchService everything, StoredRecord rec, String j,
      Instant now) throws IOException {
    if (rec.kind().equals("channel")) return engine.decide(rec.channel(), j, now);
    var post = rec.post();
    var channel = everything.get("channel", post.channelId(), "GLOBAL").map(StoredRecord::channel).orElse(null);
    return engine.decide(post, channel, j, now);
  }

  private static String preview(StoredRecord r) {
    String t = r.kind().equals("post") ? r.post().text() : r.channel().title();
    return abbreviate(t.replaceAll("\\s+", " "), 24);
  }

  private static String abbreviate(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }

  /** The sample blocklists of this checkout (the launcher passes its location), else ./blocklists. */
  static Path defaultBlocklists() {
    String home = System.getProperty("lucenefilter.home");
    return home != null ? Path.of(home, "blocklists") : Path.of("blocklists");
  }
}
