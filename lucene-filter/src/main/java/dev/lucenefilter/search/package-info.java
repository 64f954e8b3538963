/**
 * Searching the index on behalf of a jurisdiction: {@link dev.lucenefilter.search.SearchService} takes a {@link
 * dev.lucenefilter.search.SearchRequest} and returns a {@link dev.lucenefilter.search.SearchResult}.
 *
 * <p>Two rules shape the package. First, every access path (search, count, paging, highlighting, get-by-id) goes
 * through the {@link dev.lucenefilter.search.VisibilityFilter}. The index's unfiltered searcher is not public: this
 * package alone reaches it, through {@code index.UnfilteredReads}, and never hands it out; the audit tools over a
 * whole index (explain, impact, transparency) are {@link dev.lucenefilter.search.IndexAudits}, which return what
 * they document, never a reader. Second, user input never becomes Lucene query syntax: a small parser of our own
 * turns words, quoted phrases, {@code -exclusions}, {@code OR} and trailing-{@code *} prefixes into queries over
 * the display fields and usernames only, and refuses what could be expensive (leading wildcards, huge queries,
 * unbounded prefix expansion). Nothing a jurisdiction is shown is derived from what it may not see, and paging is
 * search-after with an opaque, signed cursor bound to the jurisdiction and request (see {@code SearchService}).
 * Depends on {@code index} and below.
 */
package dev.lucenefilter.search;
