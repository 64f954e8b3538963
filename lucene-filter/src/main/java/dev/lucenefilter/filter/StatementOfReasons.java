package dev.lucenefilter.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.policy.Rule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exports a hiding decision as a statement of reasons modelled on the EU DSA Transparency Database submission
 * (Art. 17 and 24(5) DSA): visibility decision, territorial scope, category, legal ground, facts, automated
 * detection and decision. Field names follow the database's API; values are filled from the matching rules.
 */
public final class StatementOfReasons {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Member states of the EU, the territorial scope of an {@code EU} decision. */
  static final List<String> EU_MEMBERS = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
      "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

  /** Our categories mapped onto the database's statement categories. */
  static final Map<String, String> CATEGORIES = Map.ofEntries(
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

  private StatementOfReasons() {}

  /**
   * The statement for a decision that withholds a record; {@code keep} decisions have none.
   *
   * @throws IllegalArgumentException for a {@code keep} decision
   */
  public static ObjectNode of(Explanation e) {
    Decision d = e.decision();
    if (d.visible()) throw new IllegalArgumentException("a visible record has no statement of reasons");
    ObjectNode o = JSON.createObjectNode();
    boolean reject = d.outcome() == Decision.Outcome.REJECT;
    o.putArray("decision_visibility").add(reject ? "DECISION_VISIBILITY_CONTENT_REMOVED" : "DECISION_VISIBILITY_CONTENT_DISABLED");
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
    territorialScope(d.jurisdiction()).forEach(scope::add);
    o.putArray("content_type").add(e.kind().equals("post") ? "CONTENT_TYPE_TEXT" : "CONTENT_TYPE_OTHER");
    o.put("content_type_other", e.kind().equals("post") ? null : "public channel");
    o.put("automated_detection", "Yes");
    o.put("automated_decision", "AUTOMATED_DECISION_FULLY");
    o.put("source_type", "SOURCE_VOLUNTARY");
    o.put("decision_facts", String.join(" | ", d.matches().stream().map(m -> m.ruleId() + ": " + m.evidence()).toList()));
    o.put("application_date", e.at().toString().substring(0, 10));
    o.put("puid", e.kind() + ":" + e.id());
    return o;
  }

  /** Countries a jurisdiction's decision applies in: itself, EU member states for EU, everywhere for GLOBAL. */
  static List<String> territorialScope(String jurisdiction) {
    return switch (jurisdiction.toUpperCase(Locale.ROOT)) {
      case "EU" -> EU_MEMBERS;
      case "GLOBAL" -> List.of("GLOBAL");
      default -> List.of(jurisdiction);
    };
  }
}
