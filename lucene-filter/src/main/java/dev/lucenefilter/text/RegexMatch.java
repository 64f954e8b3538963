package dev.lucenefilter.text;

/**
 * A regex rule matched one whole word of a text.
 *
 * @param ruleId      the rule
 * @param startOffset start (UTF-16, inclusive) of the word in the original text
 * @param endOffset   end (UTF-16, exclusive) of the word in the original text
 */
public record RegexMatch(String ruleId, int startOffset, int endOffset) {}
