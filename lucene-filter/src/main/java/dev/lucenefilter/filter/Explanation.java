package dev.lucenefilter.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.policy.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
}
