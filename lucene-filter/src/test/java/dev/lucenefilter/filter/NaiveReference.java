package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.Action;
import dev.lucenefilter.policy.ChannelRule;
import dev.lucenefilter.policy.ClassifierRule;
import dev.lucenefilter.policy.DomainRule;
import dev.lucenefilter.policy.MediaHashRule;
import dev.lucenefilter.policy.PhraseRule;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.RegexRule;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.Target;
import dev.lucenefilter.policy.UsernameRule;
import dev.lucenefilter.text.Domains;
import dev.lucenefilter.text.LinkExtractor;
import dev.lucenefilter.text.TextNormalizer;
import dev.lucenefilter.text.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * A deliberately naive reading of docs/reference.md §2: normalize, split, and compare every active rule with every word,
 * path and value, one rule at a time. No shared matcher, no lookup tables, no filters: the thing the fast
 * {@link DecisionEngine} is checked against.
 */
final class NaiveReference {
  private NaiveReference() {}

  /** "keep []", "hide [ids]" or "reject [ids]". */
  static String decide(PolicySnapshot snapshot, Post p, Channel c, String jurisdiction, Instant at) {
    List<Rule> rules = new ArrayList<>(snapshot.effectiveRules(jurisdiction));
    rules.addAll(snapshot.rejectRules());
    TreeSet<String> hide = new TreeSet<>();
    TreeSet<String> reject = new TreeSet<>();
    for (Rule r : rules) {
      if (!r.activeAt(at) || !matches(r, p, c)) continue;
      (r.action() == Action.REJECT ? reject : hide).add(r.id());
    }
    if (!reject.isEmpty()) return "reject " + reject;
    return hide.isEmpty() ? "keep []" : "hide " + hide;
  }

  static boolean matches(Rule r, Post p, Channel c) {
    boolean post = r.target() != Target.CHANNEL;
    boolean chan = r.target() != Target.POST;
    if (r instanceof ChannelRule x) return x.channelIds().contains(p.channelId());
    if (r instanceof UsernameRule x) {
      if (post && x.usernames().contains(p.channelUsername())) return true;
      if (post && x.mentions()) {
        for (String m : LinkExtractor.extract(p.text(), p.links()).mentions()) if (x.usernames().contains(m)) return true;
      }
      if (chan && x.usernames().contains(p.channelUsername())) return true;
      return chan && c != null && x.usernames().contains(c.username());
    }
    if (r instanceof DomainRule x) {
      if (post && anyDomain(x, LinkExtractor.extract(p.text(), p.links()).domains())) return true;
      return chan && c != null && (anyDomain(x, LinkExtractor.extract(c.title(), List.of()).domains())
          || anyDomain(x, LinkExtractor.extract(c.description(), List.of()).domains()));
    }
    if (r instanceof MediaHashRule x) {
      if (!post) return false;
      for (String h : p.mediaSha256()) if (x.sha256().contains(h)) return true;
      return false;
    }
    if (r instanceof ClassifierRule x) {
      if (post && atLeast(p.flags(), x)) return true;
      return chan && c != null && atLeast(c.flags(), x);
    }
    if (r instanceof PhraseRule x) {
      for (String phrase : x.phrases()) {
        if (post && phraseIn(phrase, p.text())) return true;
        if (chan && c != null && (phraseIn(phrase, c.title()) || phraseIn(phrase, c.description()))) return true;
      }
      return false;
    }
    if (r instanceof RegexRule x) {
      for (String pattern : x.patterns()) {
        Automaton a = Operations.determinize(new RegExp(pattern, RegExp.NONE).toAutomaton(), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        if (post && regexIn(a, p.text())) return true;
        if (chan && c != null && (regexIn(a, c.title()) || regexIn(a, c.description()))) return true;
      }
      return false;
    }
    throw new IllegalArgumentException("unknown rule type " + r.type());
  }

  private static boolean atLeast(Map<String, Double> flags, ClassifierRule x) {
    Double v = flags.get(x.flag());
    return v != null && v >= x.threshold();
  }

  private static boolean anyDomain(DomainRule x, Set<String> domains) {
    for (String d : domains) for (String s : Domains.suffixes(d)) if (x.domains().contains(s)) return true;
    return false;
  }

  private static boolean regexIn(Automaton a, String text) {
    Tokens t = TextNormalizer.standard().tokenize(text);
    for (int i = 0; i < t.size(); i++) if (Operations.run(a, t.regexForm(i))) return true;
    return false;
  }

  /**
   * Every path of consecutive tokens is compared with the phrase's words; then every token with the joined form.
   * Step 4 reads a word only when it contains a letter, and a prefix (or a joined form) is read the way the text
   * word it is compared with is read: against a word with a letter, as if it had one too.
   */
  static boolean phraseIn(String phrase, String text) {
    List<String> words = TextNormalizer.standard().phraseWords(phrase);
    boolean prefix = words.get(words.size() - 1).endsWith("*");
    List<String> w = new ArrayList<>(words);
    if (prefix) w.set(w.size() - 1, w.get(w.size() - 1).substring(0, w.get(w.size() - 1).length() - 1));
    Tokens t = TextNormalizer.standard().tokenize(text);
    for (int i = 0; i < t.size(); i++) if (path(t, i, w, 0, prefix)) return true;
    if (w.size() > 1) {
      String joined = String.join("", w);
      for (int i = 0; i < t.size(); i++) {
        String j = hasLetter(t.regexForm(i)) ? asInWordWithLetter(joined) : joined;
        if (prefix ? t.form(i).startsWith(j) : t.form(i).equals(j)) return true;
      }
    }
    return false;
  }

  private static boolean path(Tokens t, int token, List<String> w, int k, boolean prefix) {
    boolean last = k == w.size() - 1;
    String form = t.form(token);
    if (last && prefix) {
      String p = hasLetter(t.regexForm(token)) ? asInWordWithLetter(w.get(k)) : w.get(k);
      if (!form.startsWith(p)) return false;
    } else if (!form.equals(w.get(k))) {
      return false;
    }
    if (last) return true;
    for (int j = 0; j < t.size(); j++) {
      if (t.startNode(j) == t.endNode(token) && path(t, j, w, k + 1, prefix)) return true;
    }
    return false;
  }

  private static boolean hasLetter(String s) {
    return s.codePoints().anyMatch(Character::isLetter);
  }

  /** A normalized form read by step 4 as part of a word with a letter: normalize it with one letter added. */
  private static String asInWordWithLetter(String form) {
    if (hasLetter(form)) return form;
    String withLetter = TextNormalizer.standard().phraseWords(form + "z").get(0);
    return withLetter.substring(0, withLetter.length() - 1);
  }

  /** Ids of a set, for messages. */
  static Set<String> ids(List<Rule> rules) {
    Set<String> out = new HashSet<>();
    for (Rule r : rules) out.add(r.id());
    return out;
  }
}
