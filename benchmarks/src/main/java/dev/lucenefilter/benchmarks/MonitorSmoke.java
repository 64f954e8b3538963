package dev.lucenefilter.benchmarks;

import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.Version;

/**
 * Shows that Lucene Monitor 10.3.0 (the served version, the peer of {@link CheckPeers}) runs beside the library's
 * Lucene: registers two phrase queries over the library's normalized words and matches two posts, exiting 1 on
 * any other outcome. Run by {@code ci-smoke.sh}; needs no dataset.
 */
public final class MonitorSmoke {
  private MonitorSmoke() {}

  public static void main(String[] args) throws Exception {
    NormalizedWordsAnalyzer analyzer = new NormalizedWordsAnalyzer();
    QueryBuilder qb = new QueryBuilder(analyzer);
    try (Monitor monitor = new Monitor(analyzer)) {
      monitor.register(List.of(new MonitorQuery("casino", qb.createPhraseQuery("words", "онлайн казино")),
          new MonitorQuery("spice", qb.createPhraseQuery("words", "купить спайс"))));
      int hit = matches(monitor, "Лучшее ОНЛАЙН  казино города");
      int miss = matches(monitor, "казино онлайн, погода");
      if (hit != 1 || miss != 0) {
        System.err.println("Lucene Monitor beside Lucene " + Version.LATEST + ": expected 1 and 0 matches, got " + hit + " and " + miss);
        System.exit(1);
      }
      System.out.println("Lucene Monitor runs beside Lucene " + Version.LATEST + ": 1 and 0 matches as expected");
    }
  }

  private static int matches(Monitor monitor, String text) throws Exception {
    Document d = new Document();
    d.add(new TextField("words", text, Field.Store.NO));
    return monitor.match(d, QueryMatch.SIMPLE_MATCHER).getMatchCount();
  }
}
