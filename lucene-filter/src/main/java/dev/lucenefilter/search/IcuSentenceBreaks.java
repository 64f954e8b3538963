package dev.lucenefilter.search;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.text.CharacterIterator;

/**
 * Sentence boundaries (Unicode UAX #29) from ICU4J, behind the JDK's {@link java.text.BreakIterator} type that
 * Lucene's highlighter takes. The highlighter asks for the boundaries around every match ({@code preceding},
 * {@code following}); the JDK's rule-based iterator re-scans the text for each of those calls and took over half
 * of a highlighted page's highlighting time, while ICU's keeps a cache of the boundaries it found (about 30 times
 * faster on post texts, with the same boundaries there). Not thread-safe, like every break iterator.
 */
final class IcuSentenceBreaks extends java.text.BreakIterator {
  private BreakIterator icu;

  IcuSentenceBreaks() { icu = BreakIterator.getSentenceInstance(ULocale.ROOT); }

  @Override
  public int first() { return icu.first(); }

  @Override
  public int last() { return icu.last(); }

  @Override
  public int next(int n) { return icu.next(n); }

  @Override
  public int next() { return icu.next(); }

  @Override
  public int previous() { return icu.previous(); }

  @Override
  public int following(int offset) { return icu.following(offset); }

  @Override
  public int preceding(int offset) { return icu.preceding(offset); }

  @Override
  public boolean isBoundary(int offset) { return icu.isBoundary(offset); }

  @Override
  public int current() { return icu.current(); }

  @Override
  public CharacterIterator getText() { return icu.getText(); }

  @Override
  public void setText(String text) { icu.setText(text); }

  @Override
  public void setText(CharacterIterator text) { icu.setText(text); }

  @Override
  public IcuSentenceBreaks clone() {
    IcuSentenceBreaks copy = (IcuSentenceBreaks) super.clone();
    copy.icu = (BreakIterator) icu.clone();
    return copy;
  }
}
