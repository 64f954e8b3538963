package dev.lucenefilter.index;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import dev.lucenefilter.text.RegexWordsAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * The analyzer of every tokenized field: ICU word segmentation and folding for the display fields ({@link
 * FilterFields#TEXT}, {@link FilterFields#TITLE}, {@link FilterFields#DESCRIPTION}), the normalizer's analyzers for {@link
 * FilterFields#NWORDS} and {@link FilterFields#RWORDS}. Thread-safe (per-field, per-thread token stream reuse).
 */
final class SchemaAnalyzer extends DelegatingAnalyzerWrapper {
  private final Analyzer fullText = new FullTextAnalyzer();
  private final Analyzer normalizedWords = new NormalizedWordsAnalyzer();
  private final Analyzer regexWords = new RegexWordsAnalyzer();

  SchemaAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return switch (fieldName) {
      case FilterFields.NWORDS -> normalizedWords;
      case FilterFields.RWORDS -> regexWords;
      default -> fullText;
    };
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    // A channel's title and description are two values of nwords/rwords: a phrase must not span both.
    return FilterFields.NWORDS.equals(fieldName) || FilterFields.RWORDS.equals(fieldName)
        ? Fields.POSITION_GAP : super.getPositionIncrementGap(fieldName);
  }

  @Override
  public void close() {
    super.close();
    fullText.close();
    normalizedWords.close();
    regexWords.close();
  }

  /**
   * Unicode word segmentation (UAX #29 with dictionary rules, so Cyrillic, Kazakh and Latin words split alike)
   * and ICU folding (case, diacritics, width), no stemming: what a user types finds the word as written in any
   * case or width, and highlighting stays exact. ICU folding maps the Kazakh letters ғ қ ң to г к н (keeping ә ө ұ
   * ү һ і), so a query typed on a Russian keyboard still finds Kazakh text; the normalized-word fields keep every
   * Kazakh letter distinct for the policy side.
   */
  static final class FullTextAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new ICUTokenizer();
      TokenStream sink = new ICUFoldingFilter(source);
      return new TokenStreamComponents(source, sink);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ICUFoldingFilter(in);
    }
  }
}
