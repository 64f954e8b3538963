package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.internal.hppc.LongHashSet;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * One bulk run of {@link ContentIndex#index}: counts and progress; the caller commits or rolls back.
 *
 * <p>To report the lines that replaced a record stored earlier in the same run (the index keeps the last one), the
 * ids stored so far are remembered per kind as 64-bit murmur3 hashes (8 bytes a slot), so a million-record file
 * costs about 16 MB; two different ids share a hash with probability about n²/2⁶⁵ (below 10⁻⁷ for 10⁶ ids), and
 * such a collision could only add a line to the report, never change what is stored.
 */
final class BulkRun {
  /** How many duplicate lines the report lists by location; the count is always exact. */
  static final int MAX_LISTED = 10;

  private final IndexWriter writer;
  private final IndexTimeHook hook;
  private final BulkOptions options;
  private final ChannelRejections rejections;
  private final long start = System.nanoTime();
  private long posts;
  private long channels;
  private long skipped;
  private long rejected;
  private long duplicates;
  private final LongHashSet postIds = new LongHashSet();
  private final LongHashSet channelIds = new LongHashSet();
  private final List<String> duplicateLines = new ArrayList<>();
  private long nextProgress = BulkOptions.PROGRESS_EVERY;

  BulkRun(IndexWriter writer, IndexTimeHook hook, BulkOptions options, ChannelRejections rejections) {
    this.writer = writer;
    this.hook = hook;
    this.options = options;
    this.rejections = rejections;
  }

  void skipped(RecordFormatException error) {
    skipped++;
    options.skipped().accept(error);
  }

  void channels(RecordReader<Channel> reader) throws IOException, RecordFormatException {
    for (Channel c; (c = reader.next()) != null; ) {
      switch (hook.inspect(c)) {
        case IndexTimeHook.Admit a -> {
          writer.updateDocument(new Term(Fields.UID, Fields.uid(FilterFields.KIND_CHANNEL, c.id())),
              DocumentFactory.channel(c, a.tags()));
          rejections.admitted(writer, c.id());
          // A later line with the same id replaced the earlier one: one channel is stored, not two.
          if (firstOf(channelIds, c.id(), reader)) channels++;
        }
        case IndexTimeHook.Reject r -> {
          rejections.rejected(writer, c.id(), r.ruleIds());
          reject(FilterFields.KIND_CHANNEL, c.id(), r.ruleIds());
        }
      }
      progress();
    }
  }

  void posts(RecordReader<Post> reader) throws IOException, RecordFormatException {
    for (Post p; (p = reader.next()) != null; ) {
      List<String> channelRules = rejections.rules(p.channelId());
      if (channelRules != null) {
        hook.rejectedWithChannel(p, channelRules);
        reject(FilterFields.KIND_POST, p.id(), channelRules);
        progress();
        continue;
      }
      switch (hook.inspect(p)) {
        case IndexTimeHook.Admit a -> {
          writer.updateDocument(new Term(Fields.UID, Fields.uid(FilterFields.KIND_POST, p.id())), DocumentFactory.post(p, a.tags()));
          if (firstOf(postIds, p.id(), reader)) posts++;
        }
        case IndexTimeHook.Reject r -> reject(FilterFields.KIND_POST, p.id(), r.ruleIds());
      }
      progress();
    }
  }

  private void reject(String kind, String id, List<String> ruleIds) {
    rejected++;
    options.rejected().rejected(kind, id, ruleIds);
  }

  /** True when no earlier line of this run stored {@code id}; otherwise counts and lists the line. */
  private boolean firstOf(LongHashSet stored, String id, RecordReader<?> reader) {
    if (stored.add(StringHelper.murmurhash3_x64_128(new BytesRef(id))[0])) return true;
    if (duplicateLines.size() < MAX_LISTED) duplicateLines.add(reader.source() + ":" + reader.line());
    duplicates++;
    return false;
  }

  private long records() { return posts + channels + skipped + rejected + duplicates; }

  private void progress() {
    if (records() >= nextProgress) {
      nextProgress += BulkOptions.PROGRESS_EVERY;
      options.progress().update(records(), rate());
    }
  }

  private double rate() {
    long nanos = System.nanoTime() - start;
    return nanos <= 0 ? 0 : records() * 1e9 / nanos;
  }

  IndexReport finish() {
    options.progress().update(records(), rate());
    return new IndexReport(posts, channels, skipped, rejected, duplicates, duplicateLines, System.nanoTime() - start);
  }
}
