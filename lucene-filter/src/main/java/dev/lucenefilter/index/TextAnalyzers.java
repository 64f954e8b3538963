package dev.lucenefilter.index;

import org.apache.lucene.analysis.Analyzer;

/** The normalizer's Lucene analyzers from the {@code text} package. */
final class TextAnalyzers {
  private TextAnalyzers() {}

  static Analyzer normalizedWords() { return load("dev.lucenefilter.text.NormalizedWordsAnalyzer"); }

  static Analyzer regexWords() { return load("dev.lucenefilter.text.RegexWordsAnalyzer"); }

  // Reflection only until the text package ships the two classes; then these become plain constructor calls.
  private static Analyzer load(String name) {
    try {
      return (Analyzer) Class.forName(name).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the text package does not provide " + name + " yet", e);
    }
  }
}
