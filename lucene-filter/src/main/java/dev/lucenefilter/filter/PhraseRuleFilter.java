package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.text.PhraseMatcher;
import dev.lucenefilter.text.TextNormalizer;
import dev.lucenefilter.text.Tokens;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Built-in filter for {@code phrase} rules. On a record: the snapshot's one compiled {@link PhraseMatcher} over the
 * post text (post side) and the channel title and description (channel side).
 *
 * <p>On a segment: a one-word phrase is exact from the normalized-words field (a term, or a prefix). A longer
 * phrase takes as candidates the documents holding its rarest whole word or its joined form (every match holds
 * one of them), then verifies each candidate with the reference matcher over its stored record, so the index and
 * {@code check} agree by construction.
 */
public final class PhraseRuleFilter extends RuleFilter<PhraseRule> {
  public PhraseRuleFilter() { super(PhraseRule.class, "phrase"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    PhraseMatcher m = ctx.compiled().phrases();
    if (record.hasPostSide()) report(ctx, m, record.postTokens(), record.post().text(), "text", MatchSink.Side.POST, sink);
    if (record.channel() != null) {
      report(ctx, m, record.titleTokens(), record.channel().title(), "channel title", MatchSink.Side.CHANNEL, sink);
      report(ctx, m, record.descriptionTokens(), record.channel().description(), "channel description", MatchSink.Side.CHANNEL, sink);
    }
  }

  private static void report(FilterContext ctx, PhraseMatcher m, Tokens tokens, String text, String where,
      MatchSink.Side side, MatchSink sink) {
    if (tokens.size() == 0) return;
    m.match(tokens, (ruleId, start, end) -> {
      if (ctx.activeRule(ruleId) instanceof PhraseRule r && (side == MatchSink.Side.POST ? readsPost(r) : readsChannel(r))) {
        sink.matched(ruleId, r, side, "words '" + text.substring(start, end) + "' at " + start + "-" + end + " in " + where);
      }
    });
  }

  @Override
  void ruleDocs(FilterContext ctx, PhraseRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    LeafReader leaf = segment.reader();
    FixedBitSet candidates = new FixedBitSet(out.length());
    TextNormalizer normalizer = TextNormalizer.standard();
    for (String phrase : r.phrases()) {
      List<String> words = normalizer.phraseWords(phrase);
      boolean prefix = words.get(words.size() - 1).endsWith("*");
      String last = prefix ? stripStar(words.get(words.size() - 1)) : words.get(words.size() - 1);
      if (words.size() == 1) {
        // Exact: a one-word phrase matches a token equal to (or, as a prefix, starting with) the word.
        if (prefix) DocSets.prefix(leaf, FilterFields.NWORDS, last, out);
        else DocSets.terms(leaf, FilterFields.NWORDS, List.of(last), out);
        continue;
      }
      String joined = String.join("", words.subList(0, words.size() - 1)) + last;
      if (prefix) DocSets.prefix(leaf, FilterFields.NWORDS, joined, candidates);
      else DocSets.terms(leaf, FilterFields.NWORDS, List.of(joined), candidates);
      String rarest = null;
      int rarestFreq = Integer.MAX_VALUE;
      for (int i = 0; i < words.size(); i++) {
        if (i == words.size() - 1 && prefix) continue;
        int f = DocSets.docFreq(leaf, FilterFields.NWORDS, words.get(i));
        if (f < rarestFreq) { rarestFreq = f; rarest = words.get(i); }
      }
      if (rarestFreq > 0) DocSets.terms(leaf, FilterFields.NWORDS, List.of(rarest), candidates);
    }
    candidates.andNot(out);
    if (candidates.cardinality() > 0) verify(ctx, r, leaf, candidates, out);
    restrictToSides(r, leaf, out);
  }

  /** Keeps the candidates the reference matcher confirms for this rule, on the side each document represents. */
  private static void verify(FilterContext ctx, PhraseRule r, LeafReader leaf, FixedBitSet candidates, FixedBitSet out)
      throws IOException {
    PhraseMatcher single = ctx.compiled().matcherFor(r);
    StoredRecords records = new StoredRecords(leaf);
    int len = candidates.length();
    for (int d = candidates.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
        d = d + 1 < len ? candidates.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      RecordView v = records.view(d);
      boolean hit = v.hasPostSide()
          ? readsPost(r) && matches(single, v.postTokens())
          : readsChannel(r) && (matches(single, v.titleTokens()) || matches(single, v.descriptionTokens()));
      if (hit) out.set(d);
    }
  }

  private static boolean matches(PhraseMatcher m, Tokens t) {
    if (t.size() == 0) return false;
    boolean[] found = {false};
    m.match(t, (id, s, e) -> found[0] = true);
    return found[0];
  }

  private static String stripStar(String w) { return w.substring(0, w.length() - 1); }
}
