/**
 * Text normalization, word extraction, link and mention extraction, and multi-pattern matching.
 *
 * <p>One normalizer serves every side: {@link dev.lucenefilter.text.TextNormalizer} turns text into {@link
 * dev.lucenefilter.text.Tokens} (contract §2, steps 1–5), the analyzers feed the same tokens to Lucene, and the
 * matchers read the same tokens, so the index, {@code check} and query-time filtering cannot disagree.
 * Depends only on {@code model}.
 */
package dev.lucenefilter.text;
