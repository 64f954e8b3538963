/**
 * The Lucene index of channels and posts: {@link dev.lucenefilter.index.ContentIndex} (add, delete, bulk runs that
 * commit or roll back as a whole, purges, near-real-time searchers, the channels rejected at index time), its
 * schema (the fields filters read are named in {@link dev.lucenefilter.filter.FilterFields}, the index's own in
 * {@link dev.lucenefilter.index.Fields}; records are read back by {@link dev.lucenefilter.filter.StoredRecord}), and
 * the {@link dev.lucenefilter.index.IndexTimeHook} every record passes before it is written.
 *
 * <p><b>One index with a {@code kind} field, not one index per kind.</b> The filtering the library exists for
 * works across kinds: a rule on a channel hides the channel and all its posts, so a single term query on {@code
 * channel_id} (which holds a post's channel and a channel's own id) must reach both; one index gives one reader,
 * one set of per-segment exclusion bitsets, one commit point (a bulk run of channels and posts commits or rolls
 * back together) and one near-real-time searcher. The cost is documents of two shapes in one index, which Lucene
 * handles without overhead because each kind simply lacks the other's fields.
 *
 * <p>The full-text fields use ICU word segmentation and folding (no stemming); the normalized-word fields use the
 * {@code text} package's analyzers, so the index holds exactly the words the policy matchers see, except that a
 * word longer than 8,000 chars is held by its beginning and marks its document (see the text package's {@code
 * WordsTokenizer}). Depends on {@code filter}, {@code policy}, {@code text} and {@code model}.
 */
package dev.lucenefilter.index;
