package dev.lucenefilter.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one jurisdiction that are active during one interval between rule-date boundaries, with the
 * lookups a filter needs precomputed. Immutable and thread-safe; obtain from {@link PolicySnapshot#activeAt}.
 * Every list is sorted by rule id. Lookup keys are canonical: channel ids as written, usernames without {@code @}
 * in lower case, domains in {@link dev.lucenefilter.text.Domains#canonical} form (a domain rule matches a record
 * when one of the record's domain {@link dev.lucenefilter.text.Domains#suffixes} is a key), hashes in lower-case
 * hex. Reject rules are included in every lookup (they are GLOBAL's) and listed again in {@link #rejectRules()}.
 */
public final class ActiveRules {
  private final String jurisdiction;
  private final Instant validFrom;
  private final Instant validUntil;
  private final List<Rule> rules;
  private final Map<String, Object> channels;
  private final Map<String, Object> usernames;
  private final Map<String, Object> mentions;
  private final Map<String, Object> domains;
  private final Map<String, Object> hashes;
  private final Map<String, List<ClassifierRule>> classifiers;
  private final List<PhraseRule> phrases;
  private final List<RegexRule> regexes;
  private final Map<String, List<Rule>> byType;
  private final ActiveRules rejects;

  ActiveRules(String jurisdiction, Instant validFrom, Instant validUntil, List<Rule> rules, boolean rejectOnly) {
    this.jurisdiction = jurisdiction;
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.rules = List.copyOf(rules);
    int channelValues = 0, domainValues = 0, userValues = 0;
    for (Rule r : rules) {
      if (r instanceof ChannelRule c) channelValues += c.channelIds().size();
      else if (r instanceof DomainRule d) domainValues += d.domains().size();
      else if (r instanceof UsernameRule u) userValues += u.usernames().size();
    }
    Map<String, Object> ch = HashMap.newHashMap(channelValues);
    Map<String, Object> us = HashMap.newHashMap(userValues);
    Map<String, Object> me = new HashMap<>();
    Map<String, Object> dom = HashMap.newHashMap(domainValues);
    Map<String, Object> hs = new HashMap<>();
    Map<String, List<ClassifierRule>> cls = new LinkedHashMap<>();
    List<PhraseRule> ph = new ArrayList<>();
    List<RegexRule> rx = new ArrayList<>();
    Map<String, List<Rule>> types = new LinkedHashMap<>();
    List<Rule> rej = new ArrayList<>();
    for (Rule r : rules) {
      types.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
      if (r.action() == Action.REJECT) rej.add(r);
      switch (r) {
        case ChannelRule c -> c.channelIds().forEach(v -> put(ch, v, r));
        case UsernameRule u -> u.usernames().forEach(v -> {
          put(us, v, r);
          if (u.mentions()) put(me, v, r);
        });
        case DomainRule d -> d.domains().forEach(v -> put(dom, v, r));
        case MediaHashRule h -> h.sha256().forEach(v -> put(hs, v, r));
        case ClassifierRule c -> cls.computeIfAbsent(c.flag(), k -> new ArrayList<>()).add(c);
        case PhraseRule p -> ph.add(p);
        case RegexRule x -> rx.add(x);
        default -> { } // other types: reachable through ofType
      }
    }
    this.channels = ch;
    this.usernames = us;
    this.mentions = me;
    this.domains = dom;
    this.hashes = hs;
    cls.replaceAll((k, v) -> List.copyOf(v));
    this.classifiers = Collections.unmodifiableMap(cls);
    this.phrases = List.copyOf(ph);
    this.regexes = List.copyOf(rx);
    types.replaceAll((k, v) -> List.copyOf(v));
    this.byType = Collections.unmodifiableMap(types);
    this.rejects = rejectOnly ? this : new ActiveRules(jurisdiction, validFrom, validUntil, rej, true);
  }

  /** Single rule stored bare, several as an immutable list: most values belong to one rule. */
  private static void put(Map<String, Object> m, String key, Rule r) {
    m.merge(key, r, (old, add) -> {
      List<Rule> l = new ArrayList<>(old instanceof Rule o ? List.of(o) : asList(old));
      if (!l.contains(r)) l.add(r);
      return List.copyOf(l);
    });
  }

  @SuppressWarnings("unchecked")
  private static List<Rule> asList(Object o) {
    if (o == null) return List.of();
    if (o instanceof Rule r) return List.of(r);
    return (List<Rule>) o;
  }

  /** The jurisdiction these rules are effective in. */
  public String jurisdiction() { return jurisdiction; }

  /** The first instant of the interval (empty: since forever). */
  public Optional<Instant> validFrom() { return Optional.ofNullable(validFrom); }

  /** The first instant after the interval, when some rule starts or expires (empty: forever). */
  public Optional<Instant> validUntil() { return Optional.ofNullable(validUntil); }

  /** Every active effective rule, reject rules included, sorted by id. */
  public List<Rule> rules() { return rules; }

  /** The active reject rules: they apply in every jurisdiction and at index time. */
  public List<Rule> rejectRules() { return rejects.rules; }

  /** The same lookups restricted to the active reject rules. */
  public ActiveRules rejects() { return rejects; }

  /** Channel rules listing {@code channelId}. */
  public List<Rule> byChannelId(String channelId) { return asList(channels.get(channelId)); }

  /** Username rules listing {@code canonicalUsername} (a channel's own username). */
  public List<Rule> byUsername(String canonicalUsername) { return asList(usernames.get(canonicalUsername)); }

  /** Username rules with {@code mentions: true} listing {@code canonicalUsername} (a mention in a post). */
  public List<Rule> byMentionedUsername(String canonicalUsername) { return asList(mentions.get(canonicalUsername)); }

  /** Domain rules listing exactly {@code canonicalDomain}; call once per suffix of a record's domain. */
  public List<Rule> byDomain(String canonicalDomain) { return asList(domains.get(canonicalDomain)); }

  /** Media-hash rules listing {@code sha256} (lower-case hex). */
  public List<Rule> bySha256(String sha256) { return asList(hashes.get(sha256)); }

  /** Classifier rules on {@code flag}. */
  public List<ClassifierRule> classifierRules(String flag) { return classifiers.getOrDefault(flag, List.of()); }

  /** The flags some active classifier rule reads. */
  public Set<String> classifierFlags() { return classifiers.keySet(); }

  /** Active phrase rules: hand their {@link PhraseRule#phrases()} to the phrase matcher. */
  public List<PhraseRule> phraseRules() { return phrases; }

  /** Active regex rules. */
  public List<RegexRule> regexRules() { return regexes; }

  /** Active rules of any JSON {@code type}, including types registered beyond the standard seven. */
  public List<Rule> ofType(String type) { return byType.getOrDefault(type, List.of()); }

  /** Every blocked channel id. */
  public Set<String> channelIds() { return Collections.unmodifiableSet(channels.keySet()); }

  /** Every blocked username (channel usernames). */
  public Set<String> usernames() { return Collections.unmodifiableSet(usernames.keySet()); }

  /** Every username whose mentions are blocked. */
  public Set<String> mentionedUsernames() { return Collections.unmodifiableSet(mentions.keySet()); }

  /** Every blocked domain (each also blocks its subdomains). */
  public Set<String> domains() { return Collections.unmodifiableSet(domains.keySet()); }

  /** Every blocked SHA-256. */
  public Set<String> sha256s() { return Collections.unmodifiableSet(hashes.keySet()); }

  @Override
  public String toString() {
    return "ActiveRules[" + jurisdiction + ", " + rules.size() + " rules, from " + validFrom + " until " + validUntil + "]";
  }
}
