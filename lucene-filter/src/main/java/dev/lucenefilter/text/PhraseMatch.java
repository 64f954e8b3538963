package dev.lucenefilter.text;

/**
 * A phrase rule matched a text.
 *
 * @param ruleId      the rule
 * @param startOffset start (UTF-16, inclusive) of the first matched word in the original text
 * @param endOffset   end (UTF-16, exclusive) of the last matched word in the original text
 */
public record PhraseMatch(String ruleId, int startOffset, int endOffset) {}
