package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.text.PhraseMatcher;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOConsumer;

/**
 * Built-in filter for {@code phrase} rules. On a record: the snapshot's one compiled {@link PhraseMatcher} over the
 * post text (post side) and the channel title and description (channel side).
 *
 * <p>On a segment, per pattern the matcher compiles the phrase to ({@link PhraseMatcher#patterns}): a one-word
 * pattern (a word, a joined form, a prefix) is exact from the normalized-words field; a longer pattern takes as
 * candidates the documents where its whole words can be consecutive tokens ({@link PhraseCandidates}), and
 * candidates are verified with the reference matcher over their stored record, so the index and {@code check} agree
 * by construction. A document with a word longer than the index keeps (its term is the word's beginning; {@link
 * dev.lucenefilter.text.WordsTokenizer#LONG_WORD} marks it) is a candidate of every rule. Rules are cached per
 * segment like the other rule types, but built together.
 */
final class PhraseRuleFilter implements ContentFilter {
  @Override
  public String name() { return "phrase"; }

  @Override
  public Set<String> ruleTypes() { return Set.of(PhraseRule.TYPE); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (ctx.active(PhraseRule.class).isEmpty()) return; // no rule: no need to read the words
    PhraseMatcher m = ctx.compiled().phrases();
    for (RecordView.WordSource src : record.wordSources()) {
      record.matchPhrases(m, src, (ruleId, start, end) -> {
        if (ctx.activeRule(ruleId) instanceof PhraseRule r && RuleFilter.reads(r, src.side())) {
          sink.matched(ruleId, r, src.side(), "words '" + src.text().substring(start, end) + "' at " + start + "-" + end + " in " + src.where());
        }
      });
    }
  }

  @Override
  public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException {
    RuleFilter.together(ctx, ctx.active(PhraseRule.class), segment, out, (rules, done) -> build(segment, rules, done));
  }

  /**
   * Builds rules together: exact documents of one-word patterns from the word dictionary, candidates of longer
   * patterns from the positions of their whole words, then one pass over the union of candidates that reads each
   * stored record once and runs the matcher once, instead of once per rule. A document with a word longer than the
   * index keeps is a candidate of every rule, never an exact match: its terms are not all whole words.
   */
  private static void build(LeafReaderContext segment, List<PhraseRule> rules, IOConsumer<DocIdSet> done)
      throws IOException {
    LeafReader leaf = segment.reader();
    int maxDoc = leaf.maxDoc();
    FixedBitSet longWords = SegmentDocs.longWords(leaf, FilterFields.NWORDS);
    Map<String, Pending> pending = new LinkedHashMap<>();
    for (PhraseRule r : rules) pending.put(r.id(), new Pending(r, maxDoc));
    FixedBitSet candidates = new FixedBitSet(maxDoc);
    for (Pending p : pending.values()) {
      WarmupPacing.step();
      p.collect(segment, longWords);
      candidates.or(p.candidates());
    }
    verify(leaf, candidates, pending);
    for (Pending p : pending.values()) {
      RuleFilter.restrictToSides(p.rule(), segment, p.docs());
      done.accept(RuleFilter.compact(p.docs()));
    }
  }

  /** One rule being built: its confirmed documents and the candidates still to verify. */
  private record Pending(PhraseRule rule, FixedBitSet docs, FixedBitSet candidates) {
    Pending(PhraseRule rule, int maxDoc) {
      this(rule, new FixedBitSet(maxDoc), new FixedBitSet(maxDoc));
    }

    /**
     * Exact one-word patterns into {@link #docs}; every document a longer pattern could match, and every one of
     * {@code longWords} (null for none), into candidates.
     */
    void collect(LeafReaderContext segment, FixedBitSet longWords) throws IOException {
      LeafReader leaf = segment.reader();
      for (String phrase : rule.phrases()) {
        for (PhraseMatcher.Pattern p : PhraseMatcher.patterns(phrase)) {
          List<String> words = p.words();
          if (words.size() == 1) {
            if (p.prefix()) SegmentDocs.prefix(leaf, FilterFields.NWORDS, words.get(0), docs);
            else SegmentDocs.terms(leaf, FilterFields.NWORDS, words, docs);
            continue;
          }
          // Every match holds the whole (non-prefix) words of the pattern as consecutive tokens.
          PhraseCandidates.collect(leaf, FilterFields.NWORDS,
              words.subList(0, p.prefix() ? words.size() - 1 : words.size()), candidates);
        }
      }
      if (longWords != null) {
        docs.andNot(longWords);
        candidates.or(longWords);
      }
      candidates.andNot(docs);
    }
  }

  /** Confirms candidates with the reference matcher, on the side each document represents. */
  private static void verify(LeafReader leaf, FixedBitSet candidates, Map<String, Pending> pending)
      throws IOException {
    int n = candidates.cardinality();
    if (n == 0) return;
    // Only the rules being built: after a small policy edit that is a handful, far cheaper than the whole policy.
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    for (Pending p : pending.values()) for (String phrase : p.rule().phrases()) b.add(p.rule().id(), phrase);
    PhraseMatcher matcher = b.build();
    StoredFields stored = leaf.storedFields();
    BitSetIterator it = new BitSetIterator(candidates, n);
    int seen = 0;
    for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      // About a third of a millisecond of reading and matching between two yields.
      if ((++seen & 15) == 0) WarmupPacing.step();
      RecordView v = StoredRecord.wordView(stored, d);
      // A stored record is read without its channel: a post document carries only its post text, a channel
      // document its title and description; each side is judged by the rule's target.
      final int doc = d;
      for (RecordView.WordSource src : v.wordSources()) {
        matcher.match(src.tokens(), (id, start, end) -> {
          Pending p = pending.get(id);
          if (p != null && p.candidates().get(doc) && RuleFilter.reads(p.rule(), src.side())) p.docs().set(doc);
        });
      }
    }
  }
}
