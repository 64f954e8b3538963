package dev.lucenefilter.text;

import java.util.Arrays;

/** Builds {@link Tokens} one token at a time, for the reference tokenizer; callers add tokens in (startNode, endNode) order. */
final class TokensBuilder {
  private char[] chars = new char[64];
  private int charCount;
  private int[] data = new int[16 * Tokens.STRIDE];
  private int size;
  private int nodes;

  TokensBuilder add(String form, String regexForm, int startNode, int endNode, int startOffset, int endOffset) {
    if (endNode <= startNode) throw new IllegalArgumentException("empty token span");
    if ((size + 1) * Tokens.STRIDE > data.length) data = Arrays.copyOf(data, data.length * 2);
    int b = size * Tokens.STRIDE;
    data[b + Tokens.FORM_OFF] = append(form);
    data[b + Tokens.FORM_LEN] = form.length();
    data[b + Tokens.REGEX_OFF] = append(regexForm);
    data[b + Tokens.REGEX_LEN] = regexForm.length();
    data[b + Tokens.START_NODE] = startNode;
    data[b + Tokens.END_NODE] = endNode;
    data[b + Tokens.START_OFFSET] = startOffset;
    data[b + Tokens.END_OFFSET] = endOffset;
    nodes = Math.max(nodes, endNode);
    size++;
    return this;
  }

  private int append(String s) {
    if (charCount + s.length() > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + s.length()));
    s.getChars(0, s.length(), chars, charCount);
    int at = charCount;
    charCount += s.length();
    return at;
  }

  Tokens build() { return new Tokens(chars, charCount, data, size, nodes); }
}
