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

/** One bulk run of {@link ContentIndex#index}: counts and progress; the caller commits or rolls back. */
final class BulkRun {
  private final IndexWriter writer;
  private final IndexTimeHook hook;
  private final BulkOptions options;
  private final ChannelRejections rejections;
  private final long start = System.nanoTime();
  private long posts;
  private long channels;
  private long skipped;
  private long rejected;
  private final DuplicateIds postIds = new DuplicateIds();
  private final DuplicateIds channelIds = new DuplicateIds();
  private long nextProgress = BulkOptions.PROGRESS_EVERY;

  BulkRun(IndexWriter writer, IndexTimeHook hook, BulkOptions options, ChannelRejections rejections) {
    this.writer = writer;
    this.hook = hook;
    this.options = options;
    this.rejections = rejections;
  }

  void skipped(RecordFormatException error) {
    skipped++;
    options.skipped.skipped(error);
  }

  void channels(RecordReader<Channel> reader) throws IOException, RecordFormatException {
    for (Channel c; (c = reader.next()) != null; ) {
      switch (hook.inspect(c)) {
        case IndexTimeHook.Admit a -> {
          writer.updateDocument(new Term(Fields.UID, Fields.uid(FilterFields.KIND_CHANNEL, c.id())),
              DocumentFactory.channel(c, a.tags()));
          rejections.admitted(writer, c.id());
          // A later line with the same id replaced the earlier one: one channel is stored, not two.
          if (!channelIds.stored(c.id(), reader.source(), reader.line())) channels++;
        }
        case IndexTimeHook.Reject r -> {
          rejections.rejected(writer, c.id(), r.ruleIds());
          reject(FilterFields.KIND_CHANNEL, c.id(), r);
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
        reject(FilterFields.KIND_POST, p.id(), new IndexTimeHook.Reject(channelRules));
        progress();
        continue;
      }
      switch (hook.inspect(p)) {
        case IndexTimeHook.Admit a -> {
          writer.updateDocument(new Term(Fields.UID, Fields.uid(FilterFields.KIND_POST, p.id())), DocumentFactory.post(p, a.tags()));
          if (!postIds.stored(p.id(), reader.source(), reader.line())) posts++;
        }
        case IndexTimeHook.Reject r -> reject(FilterFields.KIND_POST, p.id(), r);
      }
      progress();
    }
  }

  private void reject(String kind, String id, IndexTimeHook.Reject r) {
    rejected++;
    options.rejected.rejected(kind, id, r.ruleIds());
  }

  private long duplicates() { return postIds.count() + channelIds.count(); }

  private long records() { return posts + channels + skipped + rejected + duplicates(); }

  private void progress() {
    if (records() >= nextProgress) {
      nextProgress += BulkOptions.PROGRESS_EVERY;
      options.progress.update(records(), rate());
    }
  }

  private double rate() {
    long nanos = System.nanoTime() - start;
    return nanos <= 0 ? 0 : records() * 1e9 / nanos;
  }

  IndexReport finish() {
    options.progress.update(records(), rate());
    List<String> lines = new ArrayList<>(channelIds.listed());
    lines.addAll(postIds.listed());
    return new IndexReport(posts, channels, skipped, rejected, duplicates(),
        lines.subList(0, Math.min(lines.size(), DuplicateIds.MAX_LISTED)), System.nanoTime() - start);
  }
}
