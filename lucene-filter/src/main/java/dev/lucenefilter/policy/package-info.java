/**
 * Blocklists (docs/reference.md §2): the rule model, the loader that validates a directory of {@code <CODE>.json} files and
 * reports every error at once with its {@code FILE:LINE:COLUMN}, immutable versioned {@link
 * dev.lucenefilter.policy.PolicySnapshot}s with precomputed per-jurisdiction lookups, and the {@link
 * dev.lucenefilter.policy.PolicyRegistry} that swaps snapshots atomically, keeps the last good one on a failed
 * reload and restarts from a saved copy.
 *
 * <p>Rule types are open: each JSON {@code type} is parsed by a {@link dev.lucenefilter.policy.RuleType} found in
 * a {@link dev.lucenefilter.policy.RuleTypes} registry, so a new kind of rule (a perceptual hash, an allow-list)
 * is one record and one parser, and the others do not change. Depends on {@code text} and {@code model} only.
 */
package dev.lucenefilter.policy;
