package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The highlighter's passage scores equal Lucene's default scorer's, bit for bit, so snippets pick the same passages. */
class PassageScoresTest {
  @Test
  void scoresEqualLucenesDefaultScorer() {
    PassageScorer lucene = new PassageScorer();
    Random r = new Random(42);
    String[] words = {"алматы", "снег", "погода", "astana", "қар"};
    for (int n = 0; n < 2_000; n++) {
      Passage p = new Passage();
      int start = r.nextInt(5_000);
      int matches = 1 + r.nextInt(8);
      p.setStartOffset(start);
      p.setEndOffset(start + 25 * matches + r.nextInt(50));
      for (int m = 0, offset = start; m < matches; m++) {
        offset += 1 + r.nextInt(20);
        p.addMatch(offset, offset + 3, new BytesRef(words[r.nextInt(words.length)]), 1 + r.nextInt(6));
      }
      int contentLength = p.getEndOffset() + r.nextInt(2_000);
      assertThat(Snippets.PASSAGE_SCORES.score(p, contentLength)).as("passage %d", n)
          .isEqualTo(lucene.score(p, contentLength));
    }
  }
}
