package dev.lucenefilter.index;

import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.model.RecordReader.OnError;
import java.util.List;
import java.util.Objects;

/**
 * How a bulk run of {@link ContentIndex#index} treats malformed lines and whom it tells about its progress.
 * Immutable; build with {@link #builder()}; {@link #defaults()} fails on the first malformed line and reports
 * nothing.
 */
public final class BulkOptions {
  /** Receives progress of a bulk run, every {@link #PROGRESS_EVERY} records and once at the end. */
  @FunctionalInterface
  public interface Progress {
    /** {@code records} read so far (indexed, skipped or rejected) at {@code perSecond} records per second. */
    void update(long records, double perSecond);
  }

  /** Receives each record the {@link IndexTimeHook} rejected (not indexed). */
  @FunctionalInterface
  public interface RejectionListener {
    void rejected(String kind, String id, List<String> ruleIds);
  }

  /** Records between two progress updates. */
  public static final int PROGRESS_EVERY = 10_000;

  private static final BulkOptions DEFAULTS = builder().build();

  final OnError onError;
  final Progress progress;
  final RecordReader.ErrorListener skipped;
  final RejectionListener rejected;

  private BulkOptions(Builder b) {
    this.onError = b.onError;
    this.progress = b.progress;
    this.skipped = b.skipped;
    this.rejected = b.rejected;
  }

  /** Fail on the first malformed line, report nothing. */
  public static BulkOptions defaults() { return DEFAULTS; }

  public static Builder builder() { return new Builder(); }

  /** Builder of {@link BulkOptions}; not thread-safe. */
  public static final class Builder {
    private OnError onError = OnError.FAIL;
    private Progress progress = (n, r) -> {};
    private RecordReader.ErrorListener skipped = e -> {};
    private RejectionListener rejected = (k, id, rules) -> {};

    private Builder() {}

    /** {@link OnError#FAIL} (default): the first malformed line rolls the whole run back; {@code SKIP}: counted. */
    public Builder onError(OnError onError) { this.onError = Objects.requireNonNull(onError); return this; }

    public Builder progress(Progress progress) { this.progress = Objects.requireNonNull(progress); return this; }

    /** Receives the error of every skipped line (only under {@link OnError#SKIP}). */
    public Builder onSkipped(RecordReader.ErrorListener l) { this.skipped = Objects.requireNonNull(l); return this; }

    public Builder onRejected(RejectionListener l) { this.rejected = Objects.requireNonNull(l); return this; }

    public BulkOptions build() { return new BulkOptions(this); }
  }
}
