/**
 * The Lucene index of channels and posts: {@link dev.lucenefilter.index.ContentIndex} (open, add, delete, bulk
 * runs that commit or roll back as a whole, near-real-time searchers), its schema (the fields filters read in
 * {@link dev.lucenefilter.filter.FilterFields}, the index's own in {@link dev.lucenefilter.index.Fields}; records
 * are read back by {@link dev.lucenefilter.filter.StoredRecord}), and the {@link dev.lucenefilter.index.IndexTimeHook} every record passes before
 * it is written.
 *
 * <p><b>One index with a {@code kind} field, not one index per kind.</b> The filtering the library exists for
 * works across kinds: a rule on a channel hides the channel and all its posts, so a single term query on {@code
 * channel_id} (which holds a post's channel and a channel's own id) must reach both; one index gives one reader,
 * one set of per-segment exclusion bitsets, one commit point (a bulk run of channels and posts commits or rolls
 * back together) and one near-real-time searcher. The cost is a {@code kind} filter clause on each search, a
 * cheap term query, and documents of two shapes in one index, which Lucene handles without overhead because each
 * kind simply lacks the other's fields.
 *
 * <p><b>Rejected channels are remembered.</b> A channel record that a {@code reject} rule matches is not stored, but
 * a tombstone is (kind {@code rejected_channel}: its id and rule ids, no content), so that the channel's posts are
 * rejected in later runs too and, when they were stored earlier, hidden everywhere by the filter layer and deleted
 * by {@link dev.lucenefilter.index.ContentIndex#purge}, which also expunges deletions from the index files.
 *
 * <p>The full-text fields use ICU word segmentation and folding (Russian, Kazakh and English alike, no stemming);
 * the normalized-word fields use the {@code text} package's analyzers, so the index holds exactly the words the
 * policy matchers see. Depends on {@code filter} (whose {@link dev.lucenefilter.filter.FilterFields} names the fields
 * filters read, and whose decision engine the index-time hook applies), {@code policy}, {@code text} and {@code
 * model}.
 */
package dev.lucenefilter.index;
