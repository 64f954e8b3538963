/**
 * Text normalization, word extraction, link and mention extraction, and multi-pattern matching.
 *
 * <p>One normalizer serves every side: {@link dev.lucenefilter.text.TextNormalizer} turns text into {@link
 * dev.lucenefilter.text.Tokens} (docs/reference.md §2, steps 1–5), the analyzers feed the same tokens to Lucene,
 * and the matchers read the same tokens, so the index, {@code check} and query-time filtering cannot disagree.
 * Hosts ({@link dev.lucenefilter.text.Domains}) are compared in UTS #46 form without the word folding of steps
 * 1–5, so marks and confusables keep lookalike domains apart. Depends only on {@code model}.
 *
 * <p>Performance: the hot path (tokenize, then match) is table-driven for BMP chars (ICU only for composing runs
 * and surrogate pairs), tokenizes into per-thread reusable buffers and keeps word forms as char slices of one
 * array, so a text costs two small arrays of allocation. {@code TokenizeDifferentialTest} holds the original
 * straightforward tokenizer as the reference.
 */
package dev.lucenefilter.text;
