package dev.lucenefilter.text;

import java.io.IOException;
import java.io.StringWriter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

/**
 * Reads the whole input, runs {@link TextNormalizer#tokenize} once and replays its tokens, so the analyzers
 * emit exactly the words the matchers see. Position = start node, position length = node span.
 *
 * <p>A word longer than {@link #MAX_TERM_CHARS} is written as its beginning, which is not the word: right after
 * the first such word of a value comes the term {@link #LONG_WORD}, at the same position and offsets, so that
 * filters find the documents whose terms are not all whole words and judge them on their stored text.
 */
public final class WordsTokenizer extends Tokenizer {
  /** Longest term written, in chars: at most 3 UTF-8 bytes each, within Lucene's 32,766-byte limit. */
  public static final int MAX_TERM_CHARS = 8_000;
  /**
   * The term that marks a value with a word longer than {@link #MAX_TERM_CHARS}: never a word, since words have no
   * spaces (docs/reference.md §2, step 2).
   */
  public static final String LONG_WORD = " long word";

  private final boolean regexForms;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
  private Tokens tokens;
  private int next;
  private int lastStartNode;
  private int textLength;
  /** 0: no word of this value was cut yet; 1: one was, the marker comes next; 2: the marker was written. */
  private int marker;

  WordsTokenizer(boolean regexForms) {
    this.regexForms = regexForms;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (tokens == null) {
      StringWriter all = new StringWriter();
      input.transferTo(all);
      String text = all.toString();
      textLength = text.length();
      tokens = TextNormalizer.standard().tokenize(text);
      next = 0;
      lastStartNode = -1;
    }
    if (marker == 1) {
      // Stacked on the word cut just before: same offsets and position length, which clearAttributes would reset.
      marker = 2;
      term.setEmpty().append(LONG_WORD);
      posInc.setPositionIncrement(0);
      return true;
    }
    if (next >= tokens.size()) return false;
    clearAttributes();
    int i = next++;
    // Straight from the token chars: no String per token.
    int b = i * Tokens.STRIDE;
    int[] data = tokens.data();
    int start = data[b + (regexForms ? Tokens.REGEX_OFF : Tokens.FORM_OFF)];
    int length = data[b + (regexForms ? Tokens.REGEX_LEN : Tokens.FORM_LEN)];
    if (length > MAX_TERM_CHARS) {
      // Lucene refuses a term over 32,766 UTF-8 bytes and with it the whole record: keep the word's beginning and
      // mark the value (LONG_WORD), whose documents rule filters then decide on their stored text.
      length = MAX_TERM_CHARS;
      if (Character.isHighSurrogate(tokens.chars()[start + length - 1])) length--;
      if (marker == 0) marker = 1;
    }
    term.copyBuffer(tokens.chars(), start, length);
    offset.setOffset(correctOffset(tokens.startOffset(i)), correctOffset(tokens.endOffset(i)));
    posInc.setPositionIncrement(tokens.startNode(i) - lastStartNode);
    posLen.setPositionLength(tokens.endNode(i) - tokens.startNode(i));
    lastStartNode = tokens.startNode(i);
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    int finalOffset = correctOffset(textLength);
    offset.setOffset(finalOffset, finalOffset);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    tokens = null;
    textLength = 0;
    marker = 0;
  }
}
