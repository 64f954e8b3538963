/**
 * The filtering layer: what a jurisdiction may see, decided the same way on a record and on an index.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.lucenefilter.filter.ContentFilter}: the SPI. Each filter reports matches on a record
 *       ({@code match}, the reference) and sets the documents it hides in a segment ({@code hidden}). The seven
 *       built-in rule filters ({@code ChannelRuleFilter} … {@code ClassifierRuleFilter}) use it like third-party
 *       filters; {@link dev.lucenefilter.filter.ContentFilters} lists them in code and adds the third-party ones
 *       {@link java.util.ServiceLoader} finds, and refuses a policy with a rule type no filter enforces.</li>
 *   <li>{@link dev.lucenefilter.filter.DecisionEngine}: the reference decision ({@code keep}/{@code hide}/{@code
 *       reject} and the rule ids) for a post with its channel, or a channel. {@code check}, {@code explain} and
 *       the index-time hook use it.</li>
 *   <li>{@link dev.lucenefilter.filter.ExclusionCache}: query-time filtering. Per (snapshot version,
 *       jurisdiction, epoch of active rules, segment core) one {@link dev.lucenefilter.filter.HiddenDocs}, dense or
 *       sparse, built once and shared by all queries; per-rule sets beneath it survive policy edits; posts of
 *       hidden channels are added across segments, and so are the records of channels rejected at index time
 *       ({@link dev.lucenefilter.filter.RejectedChannels}, in every jurisdiction). It hands out a FILTER query
 *       ({@code visibleQuery}) and a reader view whose hidden documents look deleted ({@code visibleReader}, the
 *       approach of Elasticsearch's document-level security, for embedding where every query must be filtered
 *       by construction).</li>
 *   <li>{@link dev.lucenefilter.filter.Explainer}, {@link dev.lucenefilter.filter.StatementOfReasons},
 *       {@link dev.lucenefilter.filter.ImpactAnalysis}: why a record is hidden, the DSA-style statement, and what a
 *       policy change would hide and unhide before it is deployed.</li>
 * </ul>
 *
 * <h2>Why the two sides agree</h2>
 * Every field a filter reads at query time is written at index time from the same code the reference uses
 * (the text package's tokens and link extraction). Exact lookups (ids, usernames, domain suffixes, hashes, flag
 * points, one-word phrases, regex automata over the word dictionary) need nothing more; multi-word phrases take
 * candidates from the word dictionary (the rarest word or the joined form, one of which every match holds) and
 * verify each with the reference matcher on the stored record. A differential test holds the two sides equal on
 * random corpora, policies and reloads.
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
