package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ICU's sentence boundaries through the JDK type the highlighter uses: the boundaries, and lookups around offsets. */
class IcuSentenceBreaksTest {
  private static final String TEXT =
      "Сегодня в Алматы снег. Бүгін қар жауады! Что дальше?\nНовости: курс тенге…  Конец";

  @Test
  void findsSentenceBoundaries() {
    BreakIterator b = new IcuSentenceBreaks();
    b.setText(TEXT);
    assertThat(boundaries(b)).containsExactly(0, 23, 41, 53, TEXT.length()); // "…" ends no sentence (UAX #29);
  }

  @Test
  void precedingAndFollowingAgreeWithTheBoundaries() {
    BreakIterator b = new IcuSentenceBreaks();
    b.setText(TEXT);
    List<Integer> all = boundaries(b);
    Random r = new Random(7);
    for (int n = 0; n < 500; n++) {
      int offset = 1 + r.nextInt(TEXT.length() - 1);
      int before = all.stream().filter(x -> x < offset).mapToInt(Integer::intValue).max().orElseThrow();
      int after = all.stream().filter(x -> x > offset).mapToInt(Integer::intValue).min().orElseThrow();
      assertThat(b.preceding(offset)).as("preceding %d", offset).isEqualTo(before);
      assertThat(b.following(offset)).as("following %d", offset).isEqualTo(after);
      assertThat(b.isBoundary(offset)).as("isBoundary %d", offset).isEqualTo(all.contains(offset));
    }
    assertThat(b.following(TEXT.length())).isEqualTo(BreakIterator.DONE);
  }

  @Test
  void aCloneIteratesIndependently() {
    BreakIterator b = new IcuSentenceBreaks();
    b.setText(TEXT);
    b.first();
    BreakIterator copy = (BreakIterator) b.clone();
    assertThat(b.next()).isEqualTo(23);
    assertThat(b.next()).isEqualTo(41);
    assertThat(copy.current()).isEqualTo(0);
    assertThat(copy.next()).isEqualTo(23);
  }

  private static List<Integer> boundaries(BreakIterator b) {
    List<Integer> out = new ArrayList<>();
    for (int x = b.first(); x != BreakIterator.DONE; x = b.next()) out.add(x);
    return out;
  }
}
