package dev.lucenefilter.text;

import org.apache.lucene.analysis.Analyzer;

/**
 * Emits the words of {@link TextNormalizer#tokenize} after steps 1–3 ({@link Tokens#regexForm}): what regex
 * rules see. Exactly the tokens of {@code tokenize}, in its order: position = the token's start node (so a joined or
 * spelled-out word is stacked on its first part), position length = the nodes it spans, offsets into the original
 * text. Thread-safe like every {@link Analyzer}.
 */
public final class RegexWordsAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new WordsTokenizer(true));
  }
}
