package dev.lucenefilter.text;

import java.util.Arrays;

/**
 * The words of one text after normalization, as a small token graph.
 *
 * <p>Token {@code i} spans the graph nodes {@code [startNode(i), endNode(i))}; plain words span one node, a
 * joined word ({@code buy-heroin} → {@code buyheroin}) or a spelled-out word ({@code к а з и н о} →
 * {@code казино}) spans the nodes of its parts, so it is adjacent to the words around it. Two tokens are
 * consecutive words when {@code endNode(a) == startNode(b)}. Tokens are sorted by start node, then end node.
 * Each token has two forms: {@link #form} after steps 1–5 (what phrase rules and the normalized-words field
 * see) and {@link #regexForm} after steps 1–3 (what regex rules see), and the UTF-16 offsets of the original
 * text it came from. Immutable once built.
 */
public final class Tokens {
  // Per token, STRIDE ints in DATA: where its two forms sit in CHARS, its nodes and its offsets. Forms are
  // slices of one char array rather than Strings, so tokenizing allocates two arrays per text, not two Strings
  // per word; form(i) and regexForm(i) make the String on demand.
  static final int FORM_OFF = 0;
  static final int FORM_LEN = 1;
  static final int REGEX_OFF = 2;
  static final int REGEX_LEN = 3;
  static final int START_NODE = 4;
  static final int END_NODE = 5;
  static final int START_OFFSET = 6;
  static final int END_OFFSET = 7;
  static final int STRIDE = 8;

  private final char[] chars;
  private final int[] data;
  private final int size;
  private final int nodes;

  /**
   * Copies the first {@code charCount} chars and {@code size} tokens of the given buffers; {@code nodes}: the
   * largest end node.
   */
  Tokens(char[] chars, int charCount, int[] data, int size, int nodes) {
    this.chars = Arrays.copyOf(chars, charCount);
    this.data = Arrays.copyOf(data, size * STRIDE);
    this.size = size;
    this.nodes = nodes;
  }

  /** Number of tokens. */
  public int size() { return size; }

  /** The word after steps 1–5. */
  public String form(int i) {
    int b = check(i);
    return new String(chars, data[b + FORM_OFF], data[b + FORM_LEN]);
  }

  /** The word after steps 1–3 (no leetspeak, no confusables). */
  public String regexForm(int i) {
    int b = check(i);
    return new String(chars, data[b + REGEX_OFF], data[b + REGEX_LEN]);
  }

  /** First graph node the token covers. */
  public int startNode(int i) { return data[check(i) + START_NODE]; }

  /** One past the last graph node the token covers; {@code endNode - startNode >= 1}. */
  public int endNode(int i) { return data[check(i) + END_NODE]; }

  /** Start offset (UTF-16, inclusive) in the original text. */
  public int startOffset(int i) { return data[check(i) + START_OFFSET]; }

  /** End offset (UTF-16, exclusive) in the original text. */
  public int endOffset(int i) { return data[check(i) + END_OFFSET]; }

  private int check(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException("token " + i + " of " + size);
    return i * STRIDE;
  }

  /** The chars all forms are slices of; read-only for the matchers. */
  char[] chars() { return chars; }

  /** The token table, {@link #STRIDE} ints per token; read-only for the matchers. */
  int[] data() { return data; }

  /** Number of graph nodes: the largest end node. */
  int nodeCount() { return nodes; }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tokens[");
    for (int i = 0; i < size; i++) {
      if (i > 0) sb.append(", ");
      sb.append(form(i)).append('@').append(startNode(i)).append('-').append(endNode(i));
    }
    return sb.append(']').toString();
  }
}
