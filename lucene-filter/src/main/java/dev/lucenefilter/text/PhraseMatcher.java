package dev.lucenefilter.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches many phrase rules (docs/reference.md §2) against {@link Tokens} in one pass. Immutable and thread-safe once
 * built.
 *
 * <p>A phrase matches when its words (after steps 1–5) are the forms of consecutive tokens of the graph ({@code
 * endNode(a) == startNode(b)}); a multi-word phrase also matches all its words joined into one token; a
 * trailing {@code *} makes the last word, and the joined form, a prefix of a token's form. A word never
 * matches inside a longer token. Leetspeak counts only in words with a letter on both sides: a prefix without
 * a letter ({@code 2026*}) matches a token with one ({@code 2026bonus}, form {@code 2o26bonus}) by its
 * leetspeak form, and a token without one ({@code 20261}) by its plain form.
 *
 * <p>All rules form one trie over word ids (the words of every phrase get dense ids); a prefix last word hangs
 * off its trie node as a trie over chars. Matching walks the graph's nodes in order, carrying the trie states
 * that end at each node, so its cost is tokens × live states, independent of the number of rules. The hot path
 * allocates nothing per char: one hash lookup per token for its word id (over the token's chars, no String), one
 * per live state for the step.
 */
public final class PhraseMatcher {
  /** Receives matches; called once per match and path (the same span may come twice via two token paths). */
  @FunctionalInterface
  public interface Sink {
    void match(String ruleId, int startOffset, int endOffset);
  }

  private final String[] ruleIds;
  private final WordIds wordIds;
  private final LongIntMap wordTrans;
  /** The root's transitions by word id (-1 = none): every token steps from the root, so this skips a hash. */
  private final int[] rootChild;
  /** Per word-trie node: whether it has outgoing words or prefixes (else nothing can continue from it). */
  private final boolean[] live;
  private final int[] prefixRoot;
  private final int[] wordOutHead;
  private final LongIntMap charTrans;
  private final int[] charOutHead;
  private final int[] outRule;
  private final int[] outNext;

  private PhraseMatcher(Builder b) {
    ruleIds = b.ruleIndex.keySet().toArray(new String[0]);
    wordIds = b.wordIds;
    wordTrans = b.wordTrans;
    rootChild = new int[b.wordIds.size()];
    for (int w = 0; w < rootChild.length; w++) rootChild[w] = b.wordTrans.get(w);
    live = Arrays.copyOf(b.live, b.wordNodes);
    prefixRoot = Arrays.copyOf(b.prefixRoot, b.wordNodes);
    wordOutHead = Arrays.copyOf(b.wordOutHead, b.wordNodes);
    charTrans = b.charTrans;
    charOutHead = Arrays.copyOf(b.charOutHead, b.charNodes);
    outRule = Arrays.copyOf(b.outRule, b.outs);
    outNext = Arrays.copyOf(b.outNext, b.outs);
  }

  /** A new, empty builder. */
  public static Builder builder() { return new Builder(); }

  /**
   * One sequence of normalized words a phrase compiles to; {@code prefix}: the last word is a prefix of a token's
   * form. A phrase matches text exactly when one of its patterns matches consecutive tokens.
   */
  public record Pattern(List<String> words, boolean prefix) {
    public Pattern {
      words = List.copyOf(words);
    }
  }

  /**
   * The patterns a phrase rule value compiles to: its words, the leetspeak variant of a letterless prefix, its
   * joined form and that form's variant. The index side builds its candidates from exactly these, so it can
   * never disagree with the matcher about what a phrase is.
   *
   * @throws IllegalArgumentException when the phrase has no words or a misplaced {@code *}
   */
  public static List<Pattern> patterns(String phrase) {
    TextNormalizer.PhraseParts parts = TextNormalizer.standard().phraseParts(phrase);
    List<Pattern> out = new ArrayList<>(4);
    List<String> words = parts.forms();
    out.add(new Pattern(words, parts.prefix()));
    if (parts.lastLeet() != null) {
      List<String> variant = new ArrayList<>(words);
      variant.set(variant.size() - 1, parts.lastLeet());
      out.add(new Pattern(variant, true));
    }
    if (parts.joined() != null) out.add(new Pattern(List.of(parts.joined()), parts.prefix()));
    if (parts.joinedLeet() != null) out.add(new Pattern(List.of(parts.joinedLeet()), true));
    return out;
  }

  /** Number of distinct rule ids. */
  int ruleCount() { return ruleIds.length; }

  /** Per-thread scratch of {@link #match}: nodes' state lists and the pool of (state, start) entries. */
  private static final class Scratch {
    int[] head = new int[256];
    int[] pState = new int[256];
    int[] pStart = new int[256];
    int[] pNext = new int[256];
    /** Set while a match runs, so a sink that matches again on the same thread gets fresh scratch. */
    boolean busy;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Calls {@code sink} for every match of every rule in {@code tokens}. */
  public void match(Tokens tokens, Sink sink) {
    int n = tokens.size();
    if (n == 0) return;
    int nodes = tokens.nodeCount();
    char[] chars = tokens.chars();
    int[] data = tokens.data();
    Scratch scratch = SCRATCH.get();
    if (scratch.busy) scratch = new Scratch();
    scratch.busy = true;
    if (scratch.head.length < nodes + 1) scratch.head = new int[Math.max(nodes + 1, scratch.head.length * 2)];
    int[] head = scratch.head;
    Arrays.fill(head, 0, nodes + 1, -1);
    int[] pState = scratch.pState;
    int[] pStart = scratch.pStart;
    int[] pNext = scratch.pNext;
    int pool = 0;
    try {
      for (int j = 0; j < n; j++) {
        int b = j * Tokens.STRIDE;
        int node = data[b + Tokens.START_NODE];
        int formOff = data[b + Tokens.FORM_OFF];
        int formLen = data[b + Tokens.FORM_LEN];
        int wid = wordIds.get(chars, formOff, formLen, WordIds.hash(chars, formOff, formLen));
        int endNode = data[b + Tokens.END_NODE];
        int endOffset = data[b + Tokens.END_OFFSET];
        // The root: a match may start at every node.
        int state = 0;
        int start = data[b + Tokens.START_OFFSET];
        int e = head[node];
        while (true) {
          if (wid >= 0) {
            int child = state == 0 ? rootChild[wid] : wordTrans.get(((long) state << 32) | wid);
            if (child >= 0) {
              emit(wordOutHead[child], start, endOffset, sink);
              if (live[child]) {
                if (pool == pState.length) {
                  pState = scratch.pState = Arrays.copyOf(pState, pool * 2);
                  pStart = scratch.pStart = Arrays.copyOf(pStart, pool * 2);
                  pNext = scratch.pNext = Arrays.copyOf(pNext, pool * 2);
                }
                pState[pool] = child;
                pStart[pool] = start;
                pNext[pool] = head[endNode];
                head[endNode] = pool++;
              }
            }
          }
          int pr = prefixRoot[state];
          if (pr >= 0) {
            int cs = pr;
            for (int k = formOff, end = formOff + formLen; k < end; k++) {
              cs = charTrans.get(((long) cs << 32) | chars[k]);
              if (cs < 0) break;
              emit(charOutHead[cs], start, endOffset, sink);
            }
          }
          if (e < 0) break;
          state = pState[e];
          start = pStart[e];
          e = pNext[e];
        }
      }
    } finally {
      scratch.busy = false;
    }
  }

  private void emit(int out, int start, int end, Sink sink) {
    for (int o = out; o >= 0; o = outNext[o]) sink.match(ruleIds[outRule[o]], start, end);
  }

  /** Collects rules; not thread-safe. A rule id may be added with several phrases. */
  public static final class Builder {
    /** Rule ids in order of first addition, and their index. */
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    private final WordIds wordIds = new WordIds();
    private final LongIntMap wordTrans = new LongIntMap(1024);
    private final LongIntMap charTrans = new LongIntMap(1024);
    private int wordNodes = 1;
    private boolean[] live = new boolean[1024];
    private int[] prefixRoot = filled(1024);
    private int[] wordOutHead = filled(1024);
    private int charNodes;
    private int[] charOutHead = filled(1024);
    private int[] outRule = new int[1024];
    private int[] outNext = new int[1024];
    private int outs;
    private boolean built;

    private Builder() {}

    private static int[] filled(int n) {
      int[] a = new int[n];
      Arrays.fill(a, -1);
      return a;
    }

    private static int[] grow(int[] a, int min) {
      if (min < a.length) return a;
      int old = a.length;
      int[] b = Arrays.copyOf(a, Math.max(old * 2, min + 1));
      Arrays.fill(b, old, b.length, -1);
      return b;
    }

    /**
     * Adds a phrase as written in the policy (normalized with {@link TextNormalizer#phraseWords}).
     *
     * @throws IllegalArgumentException when the phrase has no words or a misplaced {@code *}
     */
    public Builder add(String ruleId, String phrase) {
      if (built) throw new IllegalStateException("build() was already called on this builder");
      List<Pattern> patterns = patterns(phrase);
      int rule = ruleIndex.computeIfAbsent(ruleId, id -> ruleIndex.size());
      for (Pattern p : patterns) addPattern(rule, p.words(), p.prefix());
      return this;
    }

    private void addPattern(int rule, List<String> words, boolean prefix) {
      int node = 0;
      int full = prefix ? words.size() - 1 : words.size();
      for (int i = 0; i < full; i++) {
        int wid = wordIds.getOrAdd(words.get(i));
        long key = ((long) node << 32) | wid;
        int child = wordTrans.get(key);
        if (child < 0) {
          child = wordNodes++;
          if (wordNodes >= live.length) live = Arrays.copyOf(live, live.length * 2);
          prefixRoot = grow(prefixRoot, wordNodes);
          wordOutHead = grow(wordOutHead, wordNodes);
          wordTrans.put(key, child);
          live[node] = true;
        }
        node = child;
      }
      if (!prefix) {
        wordOutHead[node] = addOut(wordOutHead[node], rule);
        return;
      }
      if (prefixRoot[node] < 0) prefixRoot[node] = newCharNode();
      live[node] = true;
      int cs = prefixRoot[node];
      String last = words.get(words.size() - 1);
      for (int k = 0; k < last.length(); k++) {
        long key = ((long) cs << 32) | last.charAt(k);
        int next = charTrans.get(key);
        if (next < 0) {
          next = newCharNode();
          charTrans.put(key, next);
        }
        cs = next;
      }
      charOutHead[cs] = addOut(charOutHead[cs], rule);
    }

    private int newCharNode() {
      charOutHead = grow(charOutHead, charNodes + 1);
      return charNodes++;
    }

    private int addOut(int head, int rule) {
      for (int o = head; o >= 0; o = outNext[o]) if (outRule[o] == rule) return head;
      if (outs == outRule.length) {
        outRule = Arrays.copyOf(outRule, outs * 2);
        outNext = Arrays.copyOf(outNext, outs * 2);
      }
      outRule[outs] = rule;
      outNext[outs] = head;
      return outs++;
    }

    /** The immutable matcher. Call once: the matcher takes over the builder's tables. */
    public PhraseMatcher build() {
      if (built) throw new IllegalStateException("build() was already called on this builder");
      built = true;
      return new PhraseMatcher(this);
    }
  }
}
