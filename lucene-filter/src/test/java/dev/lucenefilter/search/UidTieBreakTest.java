package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link UidTieBreak} must be indistinguishable from Lucene's STRING sort on the same field: the same hits in the
 * same order with the same {@link FieldDoc#fields}, on the first page and on every search-after page built and
 * searched as {@link SearchService} does. Random multi-segment indexes with deletions, updates and deleted copies
 * (a uid's bytes stay in the doc values of segments where it is deleted), sort values with many ties, sometimes
 * duplicate or missing uids, searched in one slice, one slice per segment (merged by {@code compareValues}) and in
 * segment partitions. A failure names its seed; {@code -Dlucenefilter.long=true} runs ten times as many.
 */
class UidTieBreakTest {
  private static final String UID = "uid";
  private static final String VALUE = "value";
  private static final String ID = "id";
  private static final String GROUP = "group";
  private static final int SEEDS = Boolean.getBoolean("lucenefilter.long") ? 600 : 60;
  private static final String[] PREFIXES = {"", "post:", "post:ch1/", "post:ch1/9", "channel:", "é"};
  private static final String CHARS = "ab9Zé€";

  @Test
  void ordersAndPagesLikeTheStringSortUnderASortValueWithTies() {
    forEachSeed(0, (r, index) -> {
      for (boolean newestFirst : new boolean[] {true, false}) {
        SortField primary = LongField.newSortField(VALUE, newestFirst, SortedNumericSelector.Type.MIN);
        index.compare(r, new Sort(primary, new SortField(UID, SortField.Type.STRING)),
            new Sort(primary, new SortField(UID, new UidTieBreak())), true);
      }
    });
  }

  @Test
  void ordersAndPagesLikeTheStringSortWhenOnlyTheUidSorts() {
    forEachSeed(1_000, (r, index) -> {
      SortField absent = LongField.newSortField("absent", true, SortedNumericSelector.Type.MIN);
      index.compare(r, new Sort(absent, new SortField(UID, SortField.Type.STRING)),
          new Sort(absent, new SortField(UID, new UidTieBreak())), true);
      for (boolean reverse : new boolean[] {false, true}) {
        index.compare(r, new Sort(new SortField(UID, SortField.Type.STRING, reverse)),
            new Sort(new SortField(UID, new UidTieBreak(), reverse)), false);
      }
    });
  }

  @Test
  void sortsAreEqualWhenTheirSourcesAre() {
    assertThat(new SortField(UID, new UidTieBreak())).isEqualTo(new SortField(UID, new UidTieBreak()))
        .hasSameHashCodeAs(new SortField(UID, new UidTieBreak()));
  }

  @FunctionalInterface
  private interface Check {
    void run(Random r, RandomIndex index) throws IOException;
  }

  private static void forEachSeed(long base, Check check) {
    for (int i = 0; i < SEEDS; i++) {
      long seed = base + i;
      Random r = new Random(seed);
      try (RandomIndex index = new RandomIndex(r)) {
        check.run(r, index);
      } catch (Throwable t) {
        throw new AssertionError("failed for seed " + seed + ": " + t.getMessage(), t);
      }
    }
  }

  /** A random index and a searcher over it, with what the walk through all pages may assume. */
  private static final class RandomIndex implements AutoCloseable {
    final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    final List<String> uids = new ArrayList<>();
    final IndexReader reader;
    final IndexSearcher searcher;
    final Query query;
    final String description;
    /** No live document lacks a uid and no two share one: the pages then hold every hit exactly once. */
    final boolean uniqueUids;

    RandomIndex(Random r) throws IOException {
      int docs = 1 + r.nextInt(160);
      int flushEvery = 2 + r.nextInt(30);
      // Posts arrive in date order: the newest-first listing then finds every hit competitive.
      boolean valueInDocOrder = r.nextBoolean();
      boolean missingUids = r.nextInt(5) == 0;
      boolean duplicateUids = r.nextInt(4) == 0;
      boolean missingValues = r.nextInt(5) == 0;
      uniqueUids = !missingUids && !duplicateUids;
      Set<String> taken = new HashSet<>();
      try (IndexWriter w = new IndexWriter(dir,
          new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE).setUseCompoundFile(false))) {
        for (int i = 0; i < docs; i++) {
          Document d = new Document();
          d.add(new StringField(ID, Integer.toString(i), Field.Store.NO));
          d.add(new StringField(GROUP, r.nextInt(3) == 0 ? "a" : "b", Field.Store.NO));
          String uid = null;
          boolean update = false;
          if (missingUids && r.nextInt(8) == 0) {
            uid = null;
          } else if (!uids.isEmpty() && r.nextInt(8) == 0) {
            // Replaces the live document of that uid, if any, as the index does on an update.
            uid = uids.get(r.nextInt(uids.size()));
            update = true;
          } else if (duplicateUids && !uids.isEmpty() && r.nextInt(3) == 0) {
            uid = uids.get(r.nextInt(uids.size()));
          } else {
            do uid = randomUid(r); while (!taken.add(uid));
            uids.add(uid);
          }
          if (uid != null) {
            d.add(new StringField(UID, uid, Field.Store.NO));
            d.add(new SortedDocValuesField(UID, new BytesRef(uid)));
          }
          if (!missingValues || r.nextInt(6) != 0) {
            d.add(new LongField(VALUE, valueInDocOrder ? 6L * i / docs : r.nextInt(6), Field.Store.NO));
          }
          if (update) w.updateDocument(new Term(UID, uid), d);
          else w.addDocument(d);
          if (r.nextInt(12) == 0) w.deleteDocuments(new Term(ID, Integer.toString(r.nextInt(i + 1))));
          if (!uids.isEmpty() && r.nextInt(4) == 0) {
            // A deleted copy: the uid's bytes in this segment's doc values without a live document, so a value
            // from another segment is found exactly here.
            Document ghost = new Document();
            ghost.add(new StringField(ID, "ghost", Field.Store.NO));
            String copied = uids.get(r.nextInt(uids.size()));
            ghost.add(new StringField(UID, copied, Field.Store.NO));
            ghost.add(new SortedDocValuesField(UID, new BytesRef(copied)));
            w.addDocument(ghost);
            w.deleteDocuments(new Term(ID, "ghost"));
          }
          if ((i + 1) % flushEvery == 0) w.flush();
        }
        w.commit();
      }
      reader = DirectoryReader.open(dir);
      int how = r.nextInt(3);
      searcher = switch (how) {
        case 0 -> new IndexSearcher(reader);
        case 1 -> new IndexSearcher(reader, Runnable::run) {
          @Override
          protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return slices(leaves, Integer.MAX_VALUE, 1, false);
          }
        };
        default -> new IndexSearcher(reader, Runnable::run) {
          @Override
          protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return slices(leaves, 7, 3, true);
          }
        };
      };
      if (r.nextBoolean()) {
        query = MatchAllDocsQuery.INSTANCE;
      } else if (r.nextBoolean()) {
        query = LongField.newRangeQuery(VALUE, 1, 4);
      } else {
        query = new TermQuery(new Term(GROUP, "a"));
      }
      description = docs + " docs, " + reader.leaves().size() + " segments, "
          + (reader.maxDoc() - reader.numDocs()) + " deleted, searcher " + how + ", " + query;
    }

    /** Page by page through all hits, then from random cursors: {@code lazy} must give what {@code reference} gives. */
    void compare(Random r, Sort reference, Sort lazy, boolean withPrimary) throws IOException {
      int n = 1 + r.nextInt(25);
      String context = description + ", " + lazy + ", " + n + " a page";
      Set<Integer> seen = new HashSet<>();
      int hits = 0;
      FieldDoc after = null;
      for (int page = 0; ; page++) {
        assertThat(page).as(context + ": pages without end").isLessThanOrEqualTo(reader.maxDoc());
        TopDocs expected = search(reference, after, n);
        TopDocs actual = search(lazy, after, n);
        assertSamePage(expected, actual, context + ", page " + page);
        for (ScoreDoc d : expected.scoreDocs) seen.add(d.doc);
        hits += expected.scoreDocs.length;
        if (expected.scoreDocs.length < n) break;
        after = new FieldDoc(Integer.MAX_VALUE, Float.NaN, ((FieldDoc) expected.scoreDocs[n - 1]).fields);
      }
      if (uniqueUids) {
        assertThat(hits).as(context).isEqualTo(seen.size()).isEqualTo(searcher.count(query));
      }
      // Cursors whose uid is absent from some or all segments, or was deleted, or is null.
      for (int i = 0; i < 4; i++) {
        int pick = r.nextInt(4);
        BytesRef uid = pick == 0 ? null
            : new BytesRef(pick == 1 || uids.isEmpty() ? randomUid(r) : uids.get(r.nextInt(uids.size())));
        Object[] fields = withPrimary ? new Object[] {(long) r.nextInt(8) - 1, uid} : new Object[] {uid};
        FieldDoc cursor = new FieldDoc(Integer.MAX_VALUE, Float.NaN, fields);
        assertSamePage(search(reference, cursor, n), search(lazy, cursor, n), context + ", after " + cursor);
      }
    }

    private TopDocs search(Sort sort, FieldDoc after, int n) throws IOException {
      // Through the collector manager, as SearchService pages: IndexSearcher.searchAfter refuses after.doc past
      // maxDoc, and the cursor's doc is Integer.MAX_VALUE.
      return after == null ? searcher.search(query, n, sort)
          : searcher.search(query, new TopFieldCollectorManager(sort, n, after, 1_000));
    }

    @Override
    public void close() throws IOException {
      if (reader != null) reader.close();
      dir.close();
    }
  }

  private static void assertSamePage(TopDocs expected, TopDocs actual, String context) {
    assertThat(docs(actual)).as(context).containsExactly(docs(expected));
    for (int i = 0; i < expected.scoreDocs.length; i++) {
      assertThat(((FieldDoc) actual.scoreDocs[i]).fields).as(context + ", hit " + i)
          .containsExactly(((FieldDoc) expected.scoreDocs[i]).fields);
    }
    assertThat(actual.totalHits).as(context).isEqualTo(expected.totalHits);
  }

  private static int[] docs(TopDocs top) {
    return Arrays.stream(top.scoreDocs).mapToInt(d -> d.doc).toArray();
  }

  /** Short strings over a few shared prefixes, multi-byte characters included, the empty string possible. */
  private static String randomUid(Random r) {
    StringBuilder sb = new StringBuilder(PREFIXES[r.nextInt(PREFIXES.length)]);
    for (int i = r.nextInt(5); i > 0; i--) sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
    return sb.toString();
  }
}
