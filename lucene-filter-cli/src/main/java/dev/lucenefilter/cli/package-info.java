/**
 * The command-line interface ({@code bin/lucene-filter}), built with picocli, in its own module
 * ({@code lucene-filter-cli}) so that the library carries no CLI dependencies: one class per command, each a thin
 * layer over the library's public API; the options several commands share are mixins ({@code SharedOptions}).
 * Exit codes: 0 done, 1 bad input (policy, records, query), 2 usage. Errors are one line on stderr;
 * {@code --debug} adds the stack trace. Output formats per command are documented in docs/reference.md §4.
 * Nothing depends on this package.
 */
package dev.lucenefilter.cli;
