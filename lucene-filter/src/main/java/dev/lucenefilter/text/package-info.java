/**
 * Text normalization, word extraction, link and mention extraction, and multi-pattern matching.
 *
 * <p>One normalizer serves every side: {@link dev.lucenefilter.text.TextNormalizer} turns text into {@link
 * dev.lucenefilter.text.Tokens} (docs/reference.md §2, steps 1–5), the analyzers feed the same tokens to Lucene, and the
 * matchers read the same tokens, so the index, {@code check} and query-time filtering cannot disagree.
 * Public pieces: {@link dev.lucenefilter.text.TextNormalizer} (fold, tokenize, phraseWords), {@link
 * dev.lucenefilter.text.NormalizedWordsAnalyzer} and {@link dev.lucenefilter.text.RegexWordsAnalyzer} (Lucene
 * views of the same tokens), {@link dev.lucenefilter.text.PhraseMatcher} (all phrase rules in one trie), {@link
 * dev.lucenefilter.text.WordRegexMatcher} (regex rules as automata), {@link dev.lucenefilter.text.LinkExtractor}
 * and {@link dev.lucenefilter.text.Domains} (hosts in UTS #46 form and IP addresses, compared without the word
 * folding of steps 1–5, so marks and confusables keep lookalike domains apart). The rest (folding with offsets,
 * confusables table, word graph, hash map) is package-private machinery. Depends only on {@code model}.
 *
 * <p>Performance: the hot path (tokenize, then match) is table-driven for BMP chars (fold, word chars,
 * leetspeak and confusables are array reads; ICU only for composing runs and surrogate pairs), tokenizes into
 * per-thread reusable buffers, keeps word forms as char slices of one array in {@link
 * dev.lucenefilter.text.Tokens}, and looks rule words up by those slices, so a text costs two small arrays of
 * allocation. {@code TokenizeDifferentialTest} holds the original straightforward tokenizer as the reference.
 */
package dev.lucenefilter.text;
