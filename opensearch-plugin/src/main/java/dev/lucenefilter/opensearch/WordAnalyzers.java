package dev.lucenefilter.opensearch;

import dev.lucenefilter.text.NormalizedWordsAnalyzer;
import dev.lucenefilter.text.RegexWordsAnalyzer;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;

/**
 * The analyzers of the plugin's mapping: {@code lucene_filter_nwords} and {@code lucene_filter_rwords} are the
 * library's normalizer analyzers (what phrase and regex rules match), {@code lucene_filter_text} the library's
 * display analysis (ICU word segmentation and folding) for the user-facing text fields.
 */
final class WordAnalyzers {
  private WordAnalyzers() {}

  static Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> all() {
    return Map.of(
        "lucene_filter_nwords", provider(NormalizedWordsAnalyzer::new),
        "lucene_filter_rwords", provider(RegexWordsAnalyzer::new),
        "lucene_filter_text", provider(DisplayAnalyzer::new));
  }

  private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> provider(Supplier<Analyzer> make) {
    return (IndexSettings indexSettings, org.opensearch.env.Environment env, String name, Settings settings) ->
        new Provider(indexSettings, name, settings, make.get());
  }

  private static final class Provider extends AbstractIndexAnalyzerProvider<Analyzer> {
    private final Analyzer analyzer;

    Provider(IndexSettings indexSettings, String name, Settings settings, Analyzer analyzer) {
      super(indexSettings, name, settings);
      this.analyzer = analyzer;
    }

    @Override
    public Analyzer get() { return analyzer; }
  }

  /** ICU segmentation and folding, no stemming: the library's analysis of its display fields. */
  static final class DisplayAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new ICUTokenizer();
      return new TokenStreamComponents(source, new ICUFoldingFilter(source));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) { return new ICUFoldingFilter(in); }
  }
}
