package dev.lucenefilter.index;

import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader.OnError;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a bulk run of {@link ContentIndex#index} treats malformed lines and whom it tells about its progress.
 * Immutable; build with {@link #builder()}; {@link #defaults()} fails on the first malformed line and reports
 * nothing.
 *
 * @param onError  {@link OnError#FAIL}: the first malformed line rolls the whole run back; {@code SKIP}: counted
 * @param progress told every {@link #PROGRESS_EVERY} records and once at the end
 * @param skipped  told the error of every skipped line (only under {@link OnError#SKIP})
 * @param rejected told each record the {@link IndexTimeHook} rejected
 */
public record BulkOptions(OnError onError, Progress progress, Consumer<RecordFormatException> skipped,
    RejectionListener rejected) {
  /** Receives progress of a bulk run. */
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

  public BulkOptions {
    Objects.requireNonNull(onError);
    Objects.requireNonNull(progress);
    Objects.requireNonNull(skipped);
    Objects.requireNonNull(rejected);
  }

  /** Fail on the first malformed line, report nothing. */
  public static BulkOptions defaults() { return builder().build(); }

  public static Builder builder() { return new Builder(); }

  /** Builder of {@link BulkOptions}; not thread-safe. */
  public static final class Builder {
    private OnError onError = OnError.FAIL;
    private Progress progress = (n, r) -> {};
    private Consumer<RecordFormatException> skipped = e -> {};
    private RejectionListener rejected = (k, id, rules) -> {};

    private Builder() {}

    public Builder onError(OnError onError) { this.onError = onError; return this; }

    public Builder progress(Progress progress) { this.progress = progress; return this; }

    public Builder onSkipped(Consumer<RecordFormatException> l) { this.skipped = l; return this; }

    public Builder onRejected(RejectionListener l) { this.rejected = l; return this; }

    public BulkOptions build() { return new BulkOptions(onError, progress, skipped, rejected); }
  }
}
