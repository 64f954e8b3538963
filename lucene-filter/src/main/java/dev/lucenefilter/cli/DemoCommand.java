package dev.lucenefilter.cli;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.VisibilityFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: a small corpus, indexed, searched in Russian, Kazakh and English from several jurisdictions. */
@Command(name = "demo", description = "Generate a small corpus, index it and search it from KZ, FR, DE and GLOBAL side by side.")
final class DemoCommand implements Callable<Integer> {
  static final List<String> JURISDICTIONS = List.of("KZ", "FR", "DE", "GLOBAL");
  static final List<String[]> QUERIES = List.of(
      new String[] {"ru", "погода Алматы"},
      new String[] {"kk", "жаңалықтар"},
      new String[] {"en", "football match"},
      new String[] {"ru", "онлайн казино"},
      new String[] {"en", "replica watches"});
  private static final int SHOWN = 3;

  @Spec CommandSpec spec;

  @Option(names = "--posts", defaultValue = "5000", paramLabel = "N", description = "Posts to generate (default ${DEFAULT-VALUE}).")
  int posts;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path tmp = Files.createTempDirectory("lucene-filter-demo");
    try {
      CorpusGenerator.Summary g = CorpusGenerator.of(posts, CorpusGenerator.defaultChannels(posts), 42)
          .generate(tmp.resolve("data"));
      out.printf("generated %d posts and %d channels (%d with sample target content) in %s%n", g.posts(),
          g.channels(), g.targetPosts(), tmp);
      try (ContentIndex ix = ContentIndex.open(tmp.resolve("index"))) {
        IndexReport r = ix.index(tmp.resolve("data/posts.jsonl"), tmp.resolve("data/channels.jsonl"),
            BulkOptions.defaults());
        out.printf("indexed %d posts and %d channels in %.1f s (%.0f records/s)%n%n", r.posts(), r.channels(),
            r.seconds(), r.recordsPerSecond());
        out.println("NOTE: policies are not supported yet: every jurisdiction sees the same, UNFILTERED results.");
        SearchService service = SearchService.builder(ix).visibility(VisibilityFilter.unfiltered()).build();
        for (String[] q : QUERIES) table(out, service, q[0], q[1]);
      }
    } finally {
      deleteTree(tmp);
    }
    return 0;
  }

  private static void table(PrintWriter out, SearchService service, String language, String query)
      throws IOException {
    List<SearchResult> results = new ArrayList<>();
    for (String j : JURISDICTIONS) {
      results.add(service.search(SearchRequest.builder(j).query(query).pageSize(SHOWN).highlight(false).build()));
    }
    out.printf("%n[%s] \"%s\"%n", language, query);
    StringBuilder head = new StringBuilder("  ");
    for (int j = 0; j < JURISDICTIONS.size(); j++) {
      head.append(String.format("%-22s", JURISDICTIONS.get(j) + " (" + results.get(j).totalHits() + " hits)"));
    }
    out.println(head.toString().stripTrailing());
    for (int row = 0; row < SHOWN; row++) {
      StringBuilder line = new StringBuilder("  ");
      for (SearchResult r : results) {
        line.append(String.format("%-22s", row < r.hits().size() ? label(r.hits().get(row)) : ""));
      }
      out.println(line.toString().stripTrailing());
    }
    if (!results.get(0).hits().isEmpty()) {
      String snippet = results.get(0).hits().get(0).snippet().replace('\n', ' ');
      out.println("  top hit: " + (snippet.length() > 100 ? snippet.substring(0, 99) + "…" : snippet));
    }
  }

  private static String label(Hit h) {
    return h.id() + " @" + h.channelId();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
