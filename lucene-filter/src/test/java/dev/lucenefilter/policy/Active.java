package dev.lucenefilter.policy;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.filter.UnknownJurisdictions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * Test lookups over the active rules as the filters see them: the {@link FilterContext} of {@link
 * DecisionEngine#activeRules}, the one definition of which rules are active (the same one query-time filtering
 * uses). Lists are sorted by rule id.
 */
record Active(FilterContext ctx) {
  private static final Map<PolicySnapshot, DecisionEngine> ENGINES = Collections.synchronizedMap(new WeakHashMap<>());

  static Active at(PolicySnapshot s, String code, Instant t) {
    DecisionEngine e = ENGINES.computeIfAbsent(s, x -> DecisionEngine.create(x, ContentFilters.builtIn(), UnknownJurisdictions.ERROR));
    return new Active(e.activeRules(code, t));
  }

  List<Rule> rules() { return ctx.activeRules(); }

  List<Rule> rejectRules() { return rules().stream().filter(r -> r.action() == Action.REJECT).toList(); }

  List<ChannelRule> byChannelId(String id) { return ctx.byValue(ChannelRule.class, ChannelRule::channelIds).getOrDefault(id, List.of()); }

  Set<String> channelIds() { return new TreeSet<>(ctx.byValue(ChannelRule.class, ChannelRule::channelIds).keySet()); }

  List<UsernameRule> byUsername(String u) { return ctx.byValue(UsernameRule.class, UsernameRule::usernames).getOrDefault(u, List.of()); }

  List<UsernameRule> byMentionedUsername(String u) {
    return byUsername(u).stream().filter(UsernameRule::mentions).toList();
  }

  List<DomainRule> byDomain(String d) { return ctx.byValue(DomainRule.class, DomainRule::domains).getOrDefault(d, List.of()); }

  Set<String> domains() { return new TreeSet<>(ctx.byValue(DomainRule.class, DomainRule::domains).keySet()); }

  List<MediaHashRule> bySha256(String h) { return ctx.byValue(MediaHashRule.class, MediaHashRule::sha256).getOrDefault(h, List.of()); }

  List<ClassifierRule> classifierRules(String flag) {
    return ctx.active(ClassifierRule.class).stream().filter(c -> c.flag().equals(flag)).toList();
  }

  List<PhraseRule> phraseRules() { return ctx.active(PhraseRule.class); }

  List<RegexRule> regexRules() { return ctx.active(RegexRule.class); }

  List<Rule> ofType(String type) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules()) if (r.type().equals(type)) out.add(r);
    return out;
  }
}
