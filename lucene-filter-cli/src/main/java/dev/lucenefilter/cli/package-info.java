/**
 * The command-line interface ({@code bin/lucene-filter}), built with picocli: one class per command, each a thin
 * layer over the library. Exit codes: 0 done, 1 bad input (policy, records, query), 2 usage. Errors are one line
 * on stderr; {@code --debug} adds the stack trace. Nothing depends on this package.
 */
package dev.lucenefilter.cli;
