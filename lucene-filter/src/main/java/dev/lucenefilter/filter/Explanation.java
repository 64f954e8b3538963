package dev.lucenefilter.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.policy.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Why a record is visible or hidden in a jurisdiction: the decision, every matching rule with its category, legal
 * basis, declaring jurisdiction and evidence (which words, which link, which flag), and the policy version.
 *
 * @param kind     {@code post} or {@code channel}
 * @param id       the record id
 * @param decision the decision
 * @param at       the instant rule dates were evaluated at
 * @param stored   true when the index stores the record (a {@code reject} decision then means it is hidden in
 *                 every jurisdiction until purged); false for a channel rejected at index time, of which only
 *                 the id and rules are remembered
 */
public record Explanation(String kind, String id, Decision decision, Instant at, boolean stored) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Member states of the EU, the territorial scope of an {@code EU} decision. */
  private static final List<String> EU_MEMBERS = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
      "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

  /** Our categories mapped onto the database's statement categories. */
  private static final Map<String, String> CATEGORIES = Map.ofEntries(
      Map.entry("illegal_gambling", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
      Map.entry("drug_trade", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"),
      Map.entry("fraud_phishing", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"),
      Map.entry("fraud", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"),
      Map.entry("counterfeit_goods", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"),
      Map.entry("copyright_piracy", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"),
      Map.entry("terrorism", "STATEMENT_CATEGORY_VIOLENCE"),
      Map.entry("hate_speech", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
      Map.entry("csam", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"),
      Map.entry("fake_accounts", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"),
      Map.entry("spam", "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"));

  private String verdict() {
    if (decision.visible()) return "VISIBLE";
    if (decision.outcome() != Decision.Outcome.REJECT) return "HIDDEN";
    return stored ? "REJECTED (stored, hidden in every jurisdiction until purged)" : "REJECTED (never stored)";
  }

  /** Human-readable lines. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(kind + " " + id + " in " + decision.jurisdiction() + ": "
        + verdict()
        + " (policy " + decision.policyVersion() + ", at " + at + ")");
    for (RuleMatch m : decision.matches()) {
      Rule r = m.rule();
      out.add("  " + m.ruleId() + (r == null ? " [custom filter]" : " [" + r.type() + ", " + r.action().name().toLowerCase()
          + ", from " + r.jurisdiction() + "]") + " on the " + m.side().name().toLowerCase() + " side: " + m.evidence());
      if (r != null) {
        out.add("      category: " + r.category());
        out.add("      legal basis: " + r.legalBasis());
      }
    }
    return out;
  }

  /** The explanation as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind);
    o.put("id", id);
    o.put("jurisdiction", decision.jurisdiction());
    o.put("decision", decision.outcome().label());
    o.put("visible", decision.visible());
    o.put("stored", stored);
    o.put("policy_version", decision.policyVersion());
    o.put("at", at.toString());
    ArrayNode rules = o.putArray("rules");
    decision.rules().forEach(rules::add);
    ArrayNode matches = o.putArray("matches");
    for (RuleMatch m : decision.matches()) {
      ObjectNode mo = matches.addObject();
      mo.put("rule", m.ruleId());
      mo.put("side", m.side().name().toLowerCase());
      mo.put("evidence", m.evidence());
      if (m.rule() != null) {
        mo.put("type", m.rule().type());
        mo.put("action", m.rule().action().name().toLowerCase());
        mo.put("category", m.rule().category());
        mo.put("legal_basis", m.rule().legalBasis());
        mo.put("declared_in", m.rule().jurisdiction());
      }
    }
    return o;
  }

  /**
   * The decision as a statement of reasons modelled on the EU DSA Transparency Database submission (Art. 17 and
   * 24(5) DSA): visibility decision, territorial scope, category, legal ground, facts, automated detection and
   * decision. Field names follow the database's API; values are filled from the matching rules. Only for a decision
   * that withholds the record.
   *
   * @throws IllegalArgumentException for a {@code keep} decision
   */
  public ObjectNode statementOfReasons() {
    Decision d = decision;
    if (d.visible()) throw new IllegalArgumentException("a visible record has no statement of reasons");
    ObjectNode o = JSON.createObjectNode();
    boolean reject = d.outcome() == Decision.Outcome.REJECT;
    o.putArray("decision_visibility")
        .add(reject ? "DECISION_VISIBILITY_CONTENT_REMOVED" : "DECISION_VISIBILITY_CONTENT_DISABLED");
    o.put("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");
    Set<String> bases = new LinkedHashSet<>();
    Set<String> categories = new LinkedHashSet<>();
    Set<String> own = new LinkedHashSet<>();
    for (RuleMatch m : d.matches()) {
      Rule r = m.rule();
      if (r == null) { own.add(m.ruleId()); continue; }
      bases.add(r.legalBasis());
      categories.add(CATEGORIES.getOrDefault(r.category(), "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"));
      own.add(r.category());
    }
    o.put("illegal_content_legal_ground", String.join("; ", bases));
    o.put("illegal_content_explanation", "Matched rules " + d.rules() + " of policy " + d.policyVersion() + ".");
    o.put("category", categories.isEmpty() ? "STATEMENT_CATEGORY_OTHER_VIOLATION_TC" : categories.iterator().next());
    ArrayNode addl = o.putArray("category_addition");
    categories.stream().skip(1).forEach(addl::add);
    ArrayNode spec = o.putArray("category_specification_other");
    own.forEach(spec::add);
    ArrayNode scope = o.putArray("territorial_scope");
    (switch (d.jurisdiction().toUpperCase(Locale.ROOT)) {
      case "EU" -> EU_MEMBERS;
      case "GLOBAL" -> List.of("GLOBAL");
      default -> List.of(d.jurisdiction());
    }).forEach(scope::add);
    o.putArray("content_type").add(kind.equals("post") ? "CONTENT_TYPE_TEXT" : "CONTENT_TYPE_OTHER");
    o.put("content_type_other", kind.equals("post") ? null : "public channel");
    o.put("automated_detection", "Yes");
    o.put("automated_decision", "AUTOMATED_DECISION_FULLY");
    o.put("source_type", "SOURCE_VOLUNTARY");
    o.put("decision_facts", String.join(" | ", d.matches().stream().map(m -> m.ruleId() + ": " + m.evidence())
        .toList()));
    o.put("application_date", at.toString().substring(0, 10));
    o.put("puid", kind + ":" + id);
    return o;
  }
}
