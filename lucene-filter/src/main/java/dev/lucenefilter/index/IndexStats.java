package dev.lucenefilter.index;

/**
 * What the index holds, as seen by the current near-real-time searcher.
 *
 * @param posts    live posts
 * @param channels live channels
 * @param segments segments of the reader
 * @param deleted  deleted documents not yet merged away
 * @param bytes    size of the index directory's files
 */
public record IndexStats(long posts, long channels, int segments, long deleted, long bytes) {}
