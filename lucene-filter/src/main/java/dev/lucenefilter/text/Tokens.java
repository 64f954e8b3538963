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
  private final String[] forms;
  private final String[] regexForms;
  private final int[] startNodes;
  private final int[] endNodes;
  private final int[] startOffsets;
  private final int[] endOffsets;
  private final int size;

  private Tokens(Builder b) {
    this.size = b.size;
    this.forms = Arrays.copyOf(b.forms, size);
    this.regexForms = Arrays.copyOf(b.regexForms, size);
    this.startNodes = Arrays.copyOf(b.startNodes, size);
    this.endNodes = Arrays.copyOf(b.endNodes, size);
    this.startOffsets = Arrays.copyOf(b.startOffsets, size);
    this.endOffsets = Arrays.copyOf(b.endOffsets, size);
  }

  /** Number of tokens. */
  public int size() { return size; }

  /** The word after steps 1–5. */
  public String form(int i) { return forms[i]; }

  /** The word after steps 1–3 (no leetspeak, no confusables). */
  public String regexForm(int i) { return regexForms[i]; }

  /** First graph node the token covers. */
  public int startNode(int i) { return startNodes[i]; }

  /** One past the last graph node the token covers; {@code endNode - startNode >= 1}. */
  public int endNode(int i) { return endNodes[i]; }

  /** Start offset (UTF-16, inclusive) in the original text. */
  public int startOffset(int i) { return startOffsets[i]; }

  /** End offset (UTF-16, exclusive) in the original text. */
  public int endOffset(int i) { return endOffsets[i]; }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tokens[");
    for (int i = 0; i < size; i++) {
      if (i > 0) sb.append(", ");
      sb.append(forms[i]).append('@').append(startNodes[i]).append('-').append(endNodes[i]);
    }
    return sb.append(']').toString();
  }

  /** Creates an empty builder. */
  public static Builder builder() { return new Builder(); }

  /** Collects tokens; not thread-safe. Callers add tokens in (startNode, endNode) order. */
  public static final class Builder {
    private String[] forms = new String[16];
    private String[] regexForms = new String[16];
    private int[] startNodes = new int[16];
    private int[] endNodes = new int[16];
    private int[] startOffsets = new int[16];
    private int[] endOffsets = new int[16];
    private int size;

    public Builder add(String form, String regexForm, int startNode, int endNode, int startOffset, int endOffset) {
      if (endNode <= startNode) throw new IllegalArgumentException("empty token span");
      if (size == forms.length) {
        int n = size * 2;
        forms = Arrays.copyOf(forms, n);
        regexForms = Arrays.copyOf(regexForms, n);
        startNodes = Arrays.copyOf(startNodes, n);
        endNodes = Arrays.copyOf(endNodes, n);
        startOffsets = Arrays.copyOf(startOffsets, n);
        endOffsets = Arrays.copyOf(endOffsets, n);
      }
      forms[size] = form;
      regexForms[size] = regexForm;
      startNodes[size] = startNode;
      endNodes[size] = endNode;
      startOffsets[size] = startOffset;
      endOffsets[size] = endOffset;
      size++;
      return this;
    }

    public Tokens build() { return new Tokens(this); }
  }
}
