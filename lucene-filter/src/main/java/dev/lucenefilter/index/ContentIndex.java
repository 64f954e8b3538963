package dev.lucenefilter.index;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RejectedChannels;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of channels and posts: one index, one document per record, keyed by {@link Fields#UID}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Writing a record replaces any earlier record of the same kind and id ({@code updateDocument} on the uid),
 *       so indexing the same file twice leaves the same documents.</li>
 *   <li>Every record passes the {@link IndexTimeHook} first; a rejected record is never written, and the earlier
 *       version of it the index held (same kind and id) is deleted.</li>
 *   <li>A rejected channel is remembered: the index writes its tombstone (id and rule ids, no content; see {@link
 *       dev.lucenefilter.filter.RejectedChannels}) in the same transaction, and from then on rejects every post of
 *       that channel without asking the hook (same run, later runs, single writes; the hook is told, to log it),
 *       while the filter layer hides the posts stored before. Indexing the channel again with an admitted record
 *       lifts the tombstone.</li>
 *   <li>{@link #expungeDeletes()} (used by purge) leaves nothing of deleted documents in the index files.</li>
 *   <li>{@link #index} is all or nothing: it commits (durably, fsync) at the end; under {@link
 *       RecordReader.OnError#FAIL} the first malformed line, a failing hook or an I/O error rolls the writer back,
 *       so nothing of the run becomes visible and the index is exactly as before the run, the hook is told so
 *       ({@link IndexTimeHook#runEnded}: {@link PolicyIndexHook} drops the run's lines, which its rejection log
 *       held back until the commit),
 *       and the error is rethrown. Nothing of a running bulk run is visible to searches before its commit.</li>
 *   <li>Single-record writes ({@link #add(Post)}, {@link #delete}) are visible to searches when they return
 *       (near-real-time, through a {@link SearcherManager}); they become durable at the next commit ({@link
 *       #commit()}, a bulk run, or {@link #close()}).</li>
 * </ul>
 * Thread-safe: writes are serialized; searches run concurrently with writes.
 */
public final class ContentIndex implements Closeable {
  private final Path dir;
  private final Directory directory;
  private final IndexTimeHook hook;
  private final Analyzer analyzer = new SchemaAnalyzer();
  /**
   * The channels rejected at index time (id to rule ids), a mirror of their tombstones: loaded when the writer
   * opens (so later runs know the rejections of earlier ones, and a rollback forgets those of the failed run) and
   * updated with each write in the writer's transaction. Written only by synchronized writes.
   */
  private final Map<String, List<String>> rejectedChannels = new ConcurrentHashMap<>();
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private volatile boolean closed;
  /** Whether opening made the index: there was no commit when this instance took the write lock. */
  private boolean created;

  private ContentIndex(Path dir, IndexTimeHook hook, boolean readOnly) throws IOException {
    this.dir = Objects.requireNonNull(dir);
    this.hook = Objects.requireNonNull(hook);
    if (!readOnly) Files.createDirectories(dir);
    this.directory = FSDirectory.open(dir);
    try {
      if (readOnly) openReader();
      else openWriter();
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Opens (creating if needed) the index in {@code dir}, admitting every record ({@link IndexTimeHook#admitAll()}). */
  public static ContentIndex open(Path dir) throws IOException {
    return open(dir, IndexTimeHook.admitAll());
  }

  /** Opens (creating if needed) the index in {@code dir}; every record passes {@code hook} before it is indexed. */
  public static ContentIndex open(Path dir, IndexTimeHook hook) throws IOException {
    return new ContentIndex(dir, hook, false);
  }

  /**
   * Opens the committed index in {@code dir} for reading only: it takes no write lock, so it opens while another
   * process (or another {@code ContentIndex}) writes the index, and it reads the index as of its last commit when
   * opened (later commits are not seen). Every write ({@link #add}, {@link #delete}, {@link #index}, {@link
   * #purge}, {@link #commit}, {@link #expungeDeletes}) throws {@link IllegalStateException}.
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} holds no committed index
   */
  public static ContentIndex openReadOnly(Path dir) throws IOException {
    if (!exists(dir)) throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no index");
    return new ContentIndex(dir, IndexTimeHook.admitAll(), true);
  }

  /** True when {@code dir} holds a committed index (so that opening it will not create a new, empty one). */
  public static boolean exists(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (Directory d = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(d);
    }
  }

  private void openWriter() throws IOException {
    TieredMergePolicy merges = new TieredMergePolicy();
    // Purging must rewrite every segment that holds a deleted document, however few (the default skips < 10%).
    merges.setForceMergeDeletesPctAllowed(0);
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(128)
        .setMergePolicy(merges)
        .setCommitOnClose(true);
    IndexWriter w = new IndexWriter(directory, config);
    try {
      // An empty first commit makes "the index as before" well defined for the first bulk run.
      if (!DirectoryReader.indexExists(directory)) {
        w.commit();
        created = true;
      }
      SearcherManager m = new SearcherManager(w, null);
      loadRejectedChannels(m);
      this.writer = w;
      this.searchers = m;
    } catch (IOException | RuntimeException e) {
      w.rollback();
      throw e;
    }
  }

  /** The last commit's searcher and its tombstones, without a writer (see {@link #openReadOnly}). */
  private void openReader() throws IOException {
    SearcherManager m = new SearcherManager(directory, null);
    try {
      loadRejectedChannels(m);
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
    this.searchers = m;
  }

  /** Mirrors the tombstones {@code m}'s searcher holds in {@link #rejectedChannels} (replacing what it held). */
  private void loadRejectedChannels(SearcherManager m) throws IOException {
    try (SearcherLease lease = new SearcherLease(m, m.acquire())) {
      Map<String, RejectedChannels.Tombstone> tombstones = RejectedChannels.all(lease.searcher().getIndexReader());
      rejectedChannels.clear();
      tombstones.forEach((id, t) -> rejectedChannels.put(id, t.rules()));
    }
  }

  /**
   * True when this instance made the index: the directory held no committed index when it took the write lock
   * (decided under the lock, so two processes opening one new directory cannot both believe it).
   */
  public boolean createdOnOpen() { return created; }

  /** True when opened by {@link #openReadOnly}: every write throws. */
  public boolean isReadOnly() { return writer == null; }

  public Path directory() { return dir; }

  /**
   * The analyzer of the schema: query parsers analyze user words with it ({@link FilterFields#TEXT} gives the
   * full-text analysis).
   */
  public Analyzer analyzer() { return analyzer; }

  /**
   * Adds the post or replaces the one with its id; visible to searches on return.
   *
   * @return the hook's verdict; a {@link IndexTimeHook.Reject} means nothing was written
   */
  public IndexTimeHook.Verdict add(Post post) throws IOException {
    // Judged under the write lock: a channel rejected by a concurrent write cannot let this post through.
    return write(() -> store(post, inspect(post)));
  }

  /**
   * Adds the channel or replaces the one with its id; see {@link #add(Post)}. A rejected channel is remembered
   * (its tombstone is written; see the class comment); an admitted one lifts an earlier rejection.
   */
  public IndexTimeHook.Verdict add(Channel channel) throws IOException {
    return write(() -> store(channel, hook.inspect(channel)));
  }

  /** The hook's verdict on the post, or a rejection without asking it when its channel was rejected. */
  private IndexTimeHook.Verdict inspect(Post post) {
    List<String> channelRules = rejectedChannels.get(post.channelId());
    if (channelRules == null) return hook.inspect(post);
    hook.rejectedWithChannel(post, channelRules);
    return IndexTimeHook.Verdict.reject(channelRules);
  }

  /**
   * Writes an admitted post in the writer's current transaction, or deletes the stored version of a rejected one:
   * the record as it now is may never be stored, and the earlier version it replaces must not stay in its place.
   * Returns the verdict.
   */
  private IndexTimeHook.Verdict store(Post post, IndexTimeHook.Verdict verdict) throws IOException {
    Term uid = uidTerm(FilterFields.KIND_POST, post.id());
    switch (verdict) {
      case IndexTimeHook.Admit admit -> writer.updateDocument(uid, DocumentFactory.post(post, admit.tags()));
      case IndexTimeHook.Reject reject -> writer.deleteDocuments(uid);
    }
    return verdict;
  }

  /**
   * Writes an admitted channel, or a rejected one's tombstone (deleting the stored version it replaces), in the
   * writer's current transaction.
   */
  private IndexTimeHook.Verdict store(Channel channel, IndexTimeHook.Verdict verdict) throws IOException {
    Term tombstone = uidTerm(FilterFields.KIND_REJECTED_CHANNEL, channel.id());
    switch (verdict) {
      case IndexTimeHook.Admit admit -> {
        writer.updateDocument(uidTerm(FilterFields.KIND_CHANNEL, channel.id()),
            DocumentFactory.channel(channel, admit.tags()));
        // Judged on this record from now on: an earlier rejection is lifted.
        if (rejectedChannels.remove(channel.id()) != null) writer.deleteDocuments(tombstone);
      }
      case IndexTimeHook.Reject reject -> {
        // As for a post: the channel as it now is may never be stored, and the version it replaces must not stay.
        writer.deleteDocuments(uidTerm(FilterFields.KIND_CHANNEL, channel.id()));
        remember(channel.id(), reject.ruleIds());
      }
    }
    return verdict;
  }

  /** Writes a rejected channel's tombstone in the writer's current transaction and remembers the rejection. */
  private void remember(String channelId, List<String> rules) throws IOException {
    writer.updateDocument(uidTerm(FilterFields.KIND_REJECTED_CHANNEL, channelId),
        DocumentFactory.tombstone(channelId, rules));
    rejectedChannels.put(channelId, rules);
  }

  private static Term uidTerm(String kind, String id) { return new Term(Fields.UID, Fields.uid(kind, id)); }

  /**
   * The channels rejected at index time that this index remembers: channel id to the rules that rejected it,
   * sorted by id.
   */
  public Map<String, List<String>> rejectedChannels() { return new TreeMap<>(rejectedChannels); }

  /** Deletes the record of that kind and id, if any; visible to searches on return. */
  public void delete(String kind, String id) throws IOException {
    Fields.checkKind(kind);
    write(() -> writer.deleteDocuments(uidTerm(kind, id)));
  }

  /** One single-record write, visible to searches on return. */
  private void write(IORunnable w) throws IOException {
    write(() -> {
      w.run();
      return null;
    });
  }

  /** One single-record write, visible to searches on return; returns what {@code w} returns. */
  private synchronized <T> T write(IOSupplier<T> w) throws IOException {
    ensureWritable();
    T result = w.get();
    searchers.maybeRefreshBlocking();
    return result;
  }

  /**
   * Rewrites every segment holding deleted documents without them, commits, and lets go of the old files: when it
   * returns, nothing of a deleted document is left in the index files (stored text, terms, term statistics),
   * unless a searcher leased before still holds the old files open (they go when it is released). Costs a merge
   * of the affected segments: for purges, not for routine deletes.
   */
  public synchronized void expungeDeletes() throws IOException {
    ensureWritable();
    // The default merge scheduler of the writer's config.
    ConcurrentMergeScheduler mergeScheduler = (ConcurrentMergeScheduler) writer.getConfig().getMergeScheduler();
    for (int round = 1; ; round++) {
      // A merge already running keeps its segments out of a forced merge and carries deletions made meanwhile
      // into its result: let running merges end first, then rewrite whatever still holds deletions.
      mergeScheduler.sync();
      writer.forceMergeDeletes(true);
      mergeScheduler.sync();
      IndexWriter.DocStats docs = writer.getDocStats();
      if (docs.maxDoc == docs.numDocs) break;
      if (round == MAX_EXPUNGE_ROUNDS) {
        throw new IOException((docs.maxDoc - docs.numDocs) + " deleted documents remain in " + dir + " after "
            + round + " forced merges");
      }
    }
    writer.commit();
    // The searcher manager's reader holds the pre-merge segment files; a fresh reader releases them.
    searchers.maybeRefreshBlocking();
    writer.deleteUnusedFiles();
  }

  private static final int MAX_EXPUNGE_ROUNDS = 5;

  /**
   * Deletes for good every record an active {@code reject} rule of {@code policy} matches at {@code at} (rules
   * added after indexing; query-time filtering already hides such records everywhere) and every stored record of a
   * channel rejected at index time, logs each to {@code log} (if not null; no content), then expunges the deletions
   * and commits ({@link #expungeDeletes()}): their text is then in no index file and in no term statistic. The
   * tombstones of rejected channels stay, and a channel deleted here gets one, as if rejected when indexed: the
   * index must go on rejecting their posts (with the channel's record gone, no channel rule could see it).
   *
   * @return what was deleted
   */
  public List<RejectedRecords.Rejected> purge(PolicySnapshot policy, ContentFilters filters, Instant at,
      RejectionLog log) throws IOException {
    ensureWritable();
    List<RejectedRecords.Rejected> out;
    try (SearcherLease lease = acquireUnfiltered()) {
      out = RejectedRecords.find((DirectoryReader) lease.searcher().getIndexReader(), policy, filters, at);
    }
    for (RejectedRecords.Rejected r : out) {
      if (FilterFields.KIND_CHANNEL.equals(r.kind())) {
        // Remembered as if rejected when indexed: with its record gone, a channel rule could no longer see the
        // channel, and posts of it indexed later would be stored and shown.
        write(() -> {
          writer.deleteDocuments(uidTerm(FilterFields.KIND_CHANNEL, r.id()));
          remember(r.id(), r.rules());
        });
      } else {
        delete(r.kind(), r.id());
      }
      if (log != null) log.log(at, r.kind(), r.id(), r.rules(), policy.version());
    }
    expungeDeletes();
    return out;
  }

  /** Makes every write so far durable. */
  public synchronized void commit() throws IOException {
    ensureWritable();
    writer.commit();
  }

  /**
   * Indexes a channels file, then a posts file (either may be {@code null}), as one run committed at the end.
   * Earlier uncommitted single-record writes are committed first, so a rollback returns exactly to the state
   * before this call.
   *
   * @throws RecordFormatException the first malformed line under {@link RecordReader.OnError#FAIL}; the index is
   *     then unchanged
   */
  public synchronized IndexReport index(Path posts, Path channels, BulkOptions options)
      throws IOException, RecordFormatException {
    Objects.requireNonNull(options);
    ensureWritable();
    if (writer.hasUncommittedChanges()) writer.commit();
    BulkRun run = new BulkRun(options);
    hook.runStarted();
    try {
      if (channels != null) {
        try (RecordReader<Channel> r = RecordReader.channels(channels, options.onError(), run::skipped)) {
          run.records(r, FilterFields.KIND_CHANNEL, Channel::id, c -> store(c, hook.inspect(c)));
        }
      }
      if (posts != null) {
        try (RecordReader<Post> r = RecordReader.posts(posts, options.onError(), run::skipped)) {
          run.records(r, FilterFields.KIND_POST, Post::id, p -> store(p, inspect(p)));
        }
      }
      writer.commit();
    } catch (IOException | RecordFormatException | RuntimeException | Error e) {
      rollbackAndReopen(e);
      try {
        hook.runEnded(false);
      } catch (RuntimeException hookFailure) {
        e.addSuppressed(hookFailure);
      }
      throw e;
    }
    hook.runEnded(true);
    searchers.maybeRefreshBlocking();
    return run.finish();
  }

  private void rollbackAndReopen(Throwable cause) {
    SearcherManager old = searchers;
    try {
      writer.rollback();
      openWriter();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
      closed = true;
    } finally {
      try {
        old.close();
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /**
   * A searcher over everything the index holds, with NO visibility filtering. Not public, so that the public API
   * reads an index only filtered: the search layer, which applies the filter itself, reaches it through {@link
   * UnfilteredReads}. Release the lease (try-with-resources) when done.
   */
  SearcherLease acquireUnfiltered() throws IOException {
    ensureOpen();
    SearcherManager m = searchers;
    return new SearcherLease(m, m.acquire());
  }

  /** False once {@link #close} has run (or a failed rollback closed it): every further use then throws. */
  public boolean isOpen() { return !closed; }

  /** Counts of what the index holds. */
  public IndexStats stats() throws IOException {
    try (SearcherLease lease = acquireUnfiltered()) {
      IndexSearcher s = lease.searcher();
      long posts = s.count(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_POST)));
      long channels = s.count(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_CHANNEL)));
      var reader = s.getIndexReader();
      long bytes = 0;
      for (String f : directory.listAll()) {
        try {
          bytes += directory.fileLength(f);
        } catch (IOException ignored) {
          // A file merged away between listing and sizing no longer counts.
        }
      }
      return new IndexStats(posts, channels, reader.leaves().size(), reader.numDeletedDocs(), bytes);
    }
  }

  private void ensureOpen() {
    if (closed) throw new IllegalStateException("the index at " + dir + " is closed");
  }

  private void ensureWritable() {
    ensureOpen();
    if (writer == null) throw new IllegalStateException("the index at " + dir + " is open read-only");
  }

  /** Commits pending single-record writes and closes. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    IOUtils.close(searchers, writer, directory, analyzer);
  }

  /** An unfiltered searcher on loan (only {@link UnfilteredReads} hands one out); close it to give it back. */
  public static final class SearcherLease implements Closeable {
    private final SearcherManager manager;
    private final IndexSearcher searcher;
    private boolean released;

    private SearcherLease(SearcherManager manager, IndexSearcher searcher) {
      this.manager = manager;
      this.searcher = searcher;
    }

    /** The searcher: unfiltered, shared, do not change its settings. */
    public IndexSearcher searcher() { return searcher; }

    @Override
    public void close() throws IOException {
      if (released) return;
      released = true;
      manager.release(searcher);
    }
  }
}
