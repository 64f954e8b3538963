package dev.lucenefilter.index;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import java.io.IOException;
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
          writer.updateDocument(new Term(Fields.UID, Fields.uid(Fields.CHANNEL, c.id())),
              DocumentFactory.channel(c, a.tags()));
          rejections.admitted(writer, c.id());
          channels++;
        }
        case IndexTimeHook.Reject r -> {
          rejections.rejected(writer, c.id(), r.ruleIds());
          reject(Fields.CHANNEL, c.id(), r);
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
        reject(Fields.POST, p.id(), new IndexTimeHook.Reject(channelRules));
        progress();
        continue;
      }
      switch (hook.inspect(p)) {
        case IndexTimeHook.Admit a -> {
          writer.updateDocument(new Term(Fields.UID, Fields.uid(Fields.POST, p.id())), DocumentFactory.post(p, a.tags()));
          posts++;
        }
        case IndexTimeHook.Reject r -> reject(Fields.POST, p.id(), r);
      }
      progress();
    }
  }

  private void reject(String kind, String id, IndexTimeHook.Reject r) {
    rejected++;
    options.rejected.rejected(kind, id, r.ruleIds());
  }

  private long records() { return posts + channels + skipped + rejected; }

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
    return new IndexReport(posts, channels, skipped, rejected, System.nanoTime() - start);
  }
}
