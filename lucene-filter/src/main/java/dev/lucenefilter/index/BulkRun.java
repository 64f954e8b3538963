package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.internal.hppc.LongHashSet;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOFunction;
import org.apache.lucene.util.StringHelper;

/**
 * The counts and progress of one bulk run of {@link ContentIndex#index}; the index judges and writes each record,
 * and commits or rolls back.
 *
 * <p>To report the lines that replaced a record stored earlier in the same run (the index keeps the last one), the
 * ids stored so far are remembered per kind as 64-bit murmur3 hashes (8 bytes a slot), so a million-record file
 * costs about 16 MB; two different ids share a hash with probability about n²/2⁶⁵ (below 10⁻⁷ for 10⁶ ids), and
 * such a collision could only add a line to the report, never change what is stored.
 */
final class BulkRun {
  /** How many duplicate lines the report lists by location; the count is always exact. */
  static final int MAX_LISTED = 10;

  private final BulkOptions options;
  private final long start = System.nanoTime();
  /** The ids stored so far, per kind: as many as the distinct records stored. */
  private final LongHashSet postIds = new LongHashSet();
  private final LongHashSet channelIds = new LongHashSet();
  private long skipped;
  private long rejected;
  private long duplicates;
  private final List<String> duplicateLines = new ArrayList<>();
  private long nextProgress = BulkOptions.PROGRESS_EVERY;

  BulkRun(BulkOptions options) {
    this.options = options;
  }

  void skipped(RecordFormatException error) {
    skipped++;
    options.skipped().accept(error);
  }

  /** Passes each record of {@code reader} to {@code store} (which judges and writes it) and counts its verdict. */
  <R> void records(RecordReader<R> reader, String kind, Function<R, String> id,
      IOFunction<R, IndexTimeHook.Verdict> store) throws IOException, RecordFormatException {
    LongHashSet stored = FilterFields.KIND_POST.equals(kind) ? postIds : channelIds;
    for (R record; (record = reader.next()) != null; ) {
      switch (store.apply(record)) {
        case IndexTimeHook.Admit a -> {
          // A later line with the same id replaced the earlier one: one record is stored, not two.
          if (!stored.add(StringHelper.murmurhash3_x64_128(new BytesRef(id.apply(record)))[0])) {
            if (duplicateLines.size() < MAX_LISTED) duplicateLines.add(reader.source() + ":" + reader.line());
            duplicates++;
          }
        }
        case IndexTimeHook.Reject r -> {
          rejected++;
          options.rejected().rejected(kind, id.apply(record), r.ruleIds());
        }
      }
      if (records() >= nextProgress) {
        nextProgress += BulkOptions.PROGRESS_EVERY;
        options.progress().update(records(), rate());
      }
    }
  }

  private long records() { return postIds.size() + channelIds.size() + skipped + rejected + duplicates; }

  private double rate() {
    long nanos = System.nanoTime() - start;
    return nanos <= 0 ? 0 : records() * 1e9 / nanos;
  }

  IndexReport finish() {
    options.progress().update(records(), rate());
    return new IndexReport(postIds.size(), channelIds.size(), skipped, rejected, duplicates, duplicateLines,
        System.nanoTime() - start);
  }
}
