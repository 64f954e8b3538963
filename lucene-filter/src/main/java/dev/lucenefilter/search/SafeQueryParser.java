package dev.lucenefilter.search;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.model.Usernames;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * The user query syntax, parsed into Lucene queries over the display field ({@link FilterFields#TEXT} for posts,
 * {@link FilterFields#TITLE} for channels) and {@link FilterFields#USERNAME} only.
 *
 * <p>Syntax: words (all required), {@code "quoted phrases"}, {@code -word} or {@code -"phrase"} to exclude,
 * {@code OR} between two words or phrases, {@code word*} for a prefix of at least {@value #MIN_PREFIX} characters
 * (at most {@value #MAX_PREFIXES} per query; expanded by {@link PrefixExpansion} to the words of visible
 * documents, and refused when they are more than {@value #MAX_EXPANSIONS}). Anything else
 * ({@code field:value}, {@code *:*}, parentheses, {@code ^}, {@code ~}, {@code /regex/}) is text: it goes through
 * the analyzer like any word, so it can never name a field or an operator. The query matches only records of the
 * target kind: the display fields are that kind's own, and the username and match-all clauses carry a filter on
 * the kind (so the search needs no filter on the kind around it). Refused: more than {@value #MAX_CHARS}
 * characters (code points) or {@value #MAX_TERMS} terms (a word that is also a valid username counts twice: it is
 * searched as text and as a username), a leading wildcard ({@code *word}, {@code ?word}), a too-short prefix.
 * Stateless and thread-safe.
 */
final class SafeQueryParser {
  static final int MAX_CHARS = 1000;
  static final int MAX_TERMS = 64;
  static final int MIN_PREFIX = 2;
  static final int MAX_PREFIXES = 4;
  static final int MAX_EXPANSIONS = 128;
  /** Title matches outrank body matches: a channel named like the query is what the user most likely wants. */
  private static final float TITLE_BOOST = 2f;

  /** Analyzes a word or phrase into a term query, or a phrase query when it holds several words. */
  private final QueryBuilder words;

  SafeQueryParser(Analyzer analyzer) {
    this.words = new QueryBuilder(analyzer);
  }

  /** A word, phrase or prefix, maybe negated, or the OR operator. */
  private record Chunk(String text, boolean phrase, boolean negated, boolean or) {}

  /**
   * The query, or {@code null} for a blank query (everything). A non-blank query without any searchable word
   * ({@code *:*}, {@code ()}) matches nothing rather than everything.
   */
  Query parse(String query, boolean channels) {
    // Characters are code points: an emoji or a supplementary letter is one, though two UTF-16 units.
    int chars = query.length() > MAX_CHARS ? query.codePointCount(0, query.length()) : query.length();
    if (chars > MAX_CHARS) {
      throw new InvalidQueryException("query longer than " + MAX_CHARS + " characters (" + chars + ")");
    }
    if (query.isBlank()) return null;
    String field = channels ? FilterFields.TITLE : FilterFields.TEXT;
    String kindValue = channels ? FilterFields.KIND_CHANNEL : FilterFields.KIND_POST;
    Query kind = new TermQuery(new Term(FilterFields.KIND, kindValue));
    List<Chunk> chunks = chunks(query);
    int[] terms = {0};
    int prefixes = 0;
    // Each group is one required clause: a single word, or the words joined by OR.
    List<List<Query>> groups = new ArrayList<>();
    List<Query> excluded = new ArrayList<>();
    boolean orPending = false;
    for (Chunk c : chunks) {
      if (c.or()) {
        orPending = !groups.isEmpty();
        continue;
      }
      boolean prefix = !c.phrase() && isPrefix(c.text());
      if (prefix && ++prefixes > MAX_PREFIXES) {
        throw new InvalidQueryException("at most " + MAX_PREFIXES + " prefix words (word*) per query");
      }
      Query q = prefix ? prefixQuery(c.text(), field, terms) : wordQuery(c, field, kind, terms);
      if (terms[0] > MAX_TERMS) throw new InvalidQueryException("query has more than " + MAX_TERMS + " terms");
      if (q == null) continue;
      if (c.negated()) {
        excluded.add(q);
        orPending = false;
      } else if (orPending) {
        groups.get(groups.size() - 1).add(q);
        orPending = false;
      } else {
        groups.add(new ArrayList<>(List.of(q)));
      }
    }
    if (groups.isEmpty() && excluded.isEmpty()) return new MatchNoDocsQuery("no searchable words");
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (groups.isEmpty()) b.add(new ConstantScoreQuery(kind), Occur.MUST);
    for (List<Query> g : groups) b.add(g.size() == 1 ? g.get(0) : anyOf(g), Occur.MUST);
    for (Query e : excluded) b.add(e, Occur.MUST_NOT);
    return b.build();
  }

  private static Query anyOf(List<Query> alternatives) {
    BooleanQuery.Builder or = new BooleanQuery.Builder();
    for (Query q : alternatives) or.add(q, Occur.SHOULD);
    return or.build();
  }

  /** Splits on white space outside quotes; a quote runs to the next quote or the end. */
  private static List<Chunk> chunks(String q) {
    List<Chunk> out = new ArrayList<>();
    int i = 0;
    int n = q.length();
    while (i < n) {
      char ch = q.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
        continue;
      }
      boolean negated = false;
      if (ch == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1))) {
        negated = true;
        i++;
        ch = q.charAt(i);
      }
      if (ch == '"') {
        int end = q.indexOf('"', i + 1);
        if (end < 0) end = n;
        out.add(new Chunk(q.substring(i + 1, end), true, negated, false));
        i = Math.min(n, end + 1);
        continue;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(q.charAt(i))) i++;
      String word = q.substring(start, i);
      if (!negated && word.equals("OR")) {
        out.add(new Chunk(word, false, false, true));
      } else {
        checkLeadingWildcard(word);
        out.add(new Chunk(word, false, negated, false));
      }
    }
    return out;
  }

  private static void checkLeadingWildcard(String word) {
    if (word.length() > 1 && (word.charAt(0) == '*' || word.charAt(0) == '?')) {
      int cp = word.codePointAt(1);
      if (Character.isLetterOrDigit(cp) || cp == '*' || cp == '?') {
        throw new InvalidQueryException("leading wildcards are not allowed: '" + abbreviate(word) + "'");
      }
    }
  }

  private static boolean isPrefix(String word) {
    return word.length() > 1 && word.endsWith("*") && word.indexOf('*') == word.length() - 1;
  }

  private Query prefixQuery(String word, String field, int[] terms) {
    terms[0]++;
    // One word analyzes to a term query; none or several do not.
    String stem = words.createPhraseQuery(field, word.substring(0, word.length() - 1)) instanceof TermQuery t
        ? t.getTerm().text() : "";
    if (stem.codePointCount(0, stem.length()) < MIN_PREFIX) {
      throw new InvalidQueryException(
          "a prefix needs one word of at least " + MIN_PREFIX + " letters before '*': '" + abbreviate(word) + "'");
    }
    // Expanded per request over the jurisdiction's visible words only ({@link PrefixExpansion}), never here.
    return new PrefixQuery(new Term(field, stem));
  }

  private Query wordQuery(Chunk c, String field, Query kind, int[] terms) {
    List<Query> any = new ArrayList<>();
    Query text = words.createPhraseQuery(field, c.text());
    if (text != null) {
      terms[0] += text instanceof PhraseQuery phrase ? phrase.getTerms().length : 1;
      any.add(FilterFields.TITLE.equals(field) ? new BoostQuery(text, TITLE_BOOST) : text);
    }
    if (!c.phrase()) {
      String u = Usernames.canonical(c.text().strip());
      if (Usernames.isValid(u)) {
        terms[0]++;
        any.add(new BooleanQuery.Builder().add(new TermQuery(new Term(FilterFields.USERNAME, u)), Occur.MUST)
            .add(kind, Occur.FILTER).build());
      }
    }
    return any.isEmpty() ? null : any.size() == 1 ? any.get(0) : anyOf(any);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
