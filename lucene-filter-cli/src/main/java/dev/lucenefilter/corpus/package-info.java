/**
 * The sample corpus: a deterministic generator of Telegram-like channels and posts in Russian, Kazakh and English
 * ({@code generate}), and {@link dev.lucenefilter.corpus.SampleTargets}, the invented channels, usernames, domains,
 * phrases and media that the sample blocklists in {@code blocklists/} target. Depends only on {@code model}.
 * Lives in the {@code lucene-filter-cli} module (the benchmarks use it too), not in the library.
 */
package dev.lucenefilter.corpus;
