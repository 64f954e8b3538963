/**
 * The filtering layer: what a jurisdiction may see, decided the same way on a record and on an index.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.lucenefilter.filter.ContentFilter}: the SPI. Each filter reports matches on a record
 *       ({@code match}, the reference) and sets the documents it hides in a segment ({@code hidden}). The seven
 *       built-in rule filters ({@code ChannelRuleFilter} … {@code ClassifierRuleFilter}, package-private) use it like
 *       third-party filters; {@link dev.lucenefilter.filter.ContentFilters} lists them in code and adds the third-party ones
 *       {@link java.util.ServiceLoader} finds, and refuses a policy with a rule type no filter enforces.</li>
 *   <li>{@link dev.lucenefilter.filter.DecisionEngine}: the reference decision ({@code keep}/{@code hide}/{@code
 *       reject} and the rule ids) for a post with its channel, or a channel. {@code check}, {@code explain} and
 *       the index-time hook use it.</li>
 *   <li>Query-time filtering, three files from request to result:
 *     <ol>
 *       <li>{@link dev.lucenefilter.filter.ExclusionCache}: the entry points ({@code visibleReader},
 *           {@code visibleQuery}, {@code warm}) and the store, one Caffeine cache bounded by bytes over every
 *           structure that holds a document set, building each key once, and beside it each jurisdiction's last
 *           resolution ({@code LastResolutions}: references into the store and the context cache, nothing of its
 *           own; both entry points take it, so a repeated query makes no lookup); a
 *           {@code warm} is paced ({@code WarmupPacing}: it steps aside while other threads wait for a core);</li>
 *       <li>{@code ExclusionBuilder}: per (jurisdiction, digest of its active rules, segment core) one
 *           {@code HiddenDocs}, dense or sparse: the filters' documents (per-rule sets,
 *           keyed on each rule's content, survive policy edits) plus the posts of hidden channels across
 *           segments, and the records of channels rejected at index time
 *           ({@link dev.lucenefilter.filter.RejectedChannels}, in every jurisdiction);</li>
 *       <li>{@code VisibleLeafReader} (a reader view whose hidden documents look deleted, the approach of
 *           Elasticsearch's document-level security, for embedding where every query must be filtered by
 *           construction) and {@code VisibleDocsQuery} (a FILTER clause, a value that resolves the exclusions of
 *           the reader it runs on).</li>
 *     </ol>
 *     The rules they evaluate are a {@link dev.lucenefilter.filter.FilterContext}: the one definition of which
 *     rules are active for a jurisdiction at an instant ({@link dev.lucenefilter.filter.DecisionEngine#activeRules}
 *     hands out the same one), computed with their digest in one pass ({@code ActiveRules}).</li>
 *   <li>{@link dev.lucenefilter.filter.Explainer}, {@link dev.lucenefilter.filter.Explanation#statementOfReasons},
 *       {@link dev.lucenefilter.filter.ImpactAnalysis}: why a record is hidden, the DSA-style statement, and what a
 *       policy change would hide and unhide before it is deployed. They take a reader;
 *       {@code dev.lucenefilter.search.IndexAudits} runs them over a {@code ContentIndex}.</li>
 * </ul>
 *
 * <h2>Why the two sides agree</h2>
 * Every field a filter reads at query time is written at index time from the same code the reference uses
 * (the text package's tokens and link extraction). Exact lookups (ids, usernames, domain suffixes, hashes, flag
 * points, one-word phrases, regex automata over the word dictionary) need nothing more; multi-word phrases take
 * candidates from the word dictionary (the documents holding all of a pattern's whole words, or its joined form)
 * and verify each with the reference matcher on the stored record. The word fields hold a word longer than 8,000
 * chars by its beginning and mark its document; phrase and regex rules verify every marked document the same way.
 * A differential test holds the two sides equal on random corpora (with such words), policies and reloads.
 *
 * <h2>Sides of a record</h2>
 * A rule's {@code target} picks the post side (text, links, media, flags, the post's own channel id and username)
 * or the channel side (the channel record: id, username, title, description, flags); a channel-side match hides
 * the channel and all its posts. See {@link dev.lucenefilter.filter.RecordView}.
 *
 * <p>Depends on {@code policy}, {@code text} and {@code model}; the index schema writes the fields named in
 * {@link dev.lucenefilter.filter.FilterFields}.
 */
package dev.lucenefilter.filter;
