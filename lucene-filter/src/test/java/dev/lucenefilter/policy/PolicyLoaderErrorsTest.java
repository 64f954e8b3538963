package dev.lucenefilter.policy;

import static dev.lucenefilter.policy.PolicyDirs.errors;
import static dev.lucenefilter.policy.PolicyDirs.policy;
import static dev.lucenefilter.policy.PolicyDirs.rule;
import static dev.lucenefilter.policy.PolicyDirs.write;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of the loader, with its exact FILE:LINE:COLUMN and message. */
class PolicyLoaderErrorsTest {
  @TempDir Path dir;

  /** One rule in KZ.json (line 2, column 1) after an empty GLOBAL. */
  private List<String> kz(String rule) {
    policy(dir, "KZ", "[\"GLOBAL\"]", rule);
    return errors(dir);
  }

  @Test
  void syntaxErrorNamesFileLineColumn() {
    write(dir, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [\n");
    assertThat(errors(dir)).containsExactly(
        "KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array");
  }

  /**
   * The column is where the offending token starts, in characters: also for the tokens Jackson reports after
   * their end, and after characters outside the BMP (an emoji is one column).
   */
  @Test
  void syntaxErrorColumnsAreWhereTheTokenStarts() {
    String head = "{\"jurisdiction\": \"KZ\", \"rules\": [{\"threshold\": ";
    String[][] cases = {
        {head + "NaN}]}", "1:48: invalid JSON: Non-standard token 'NaN'"},
        {head + "Infinity}]}", "1:48: invalid JSON: Non-standard token 'Infinity'"},
        {head + "-Infinity}]}", "1:48: invalid JSON: Non-standard token '-Infinity'"},
        {head + "+0.5}]}", "1:48: invalid JSON: Unexpected character ('+'"},
        {"{\"jurisdiction\": \"KZ\",\n\u0000\"rules\": []}", "2:1: invalid JSON: Illegal character ((CTRL-CHAR, code 0))"},
        {"{\"jurisdiction\": \"KZ\",\n   \u0001\"rules\": []}", "2:4: invalid JSON: Illegal character ((CTRL-CHAR, code 1))"},
        {"{\"jurisdiction\": \"KZ😀😀\", \"rules\": [,]}", "1:36: invalid JSON: Unexpected character (',' (code 44))"},
        {"{\"jurisdiction\": \"KZ\", \"rules\": [True]}", "1:34: invalid JSON: Unrecognized token 'True'"}};
    for (String[] c : cases) {
      write(dir, "KZ.json", c[0]);
      assertThat(errors(dir)).as(c[0]).singleElement(as(InstanceOfAssertFactories.STRING)).startsWith("KZ.json:" + c[1]);
    }
  }

  @Test
  void ruleErrorColumnsCountCharacters() {
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"😀😀\", \"\"]"));
    assertThat(errors(dir)).containsExactly("KZ.json:2:50: r1: values[1] is empty");
  }

  @Test
  void syntaxErrorInOneFileDoesNotHideErrorsInOthers() {
    write(dir, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [}\n");
    policy(dir, "FR", "[\"KZ\", \"XX\"]", rule("fr-1", "channel", "\"values\": [\"\"]"));
    assertThat(errors(dir)).containsExactly(
        "FR.json:1:43: unknown parent jurisdiction 'XX' (no XX.json)",
        "FR.json:2:46: fr-1: values[0] is empty",
        "KZ.json:1:34: invalid JSON: Unexpected close marker '}': expected ']'");
  }

  @Test
  void unknownTopLevelFieldAndMissingRequired() {
    write(dir, "KZ.json", "{\"jurisdictoin\": \"KZ\"}");
    assertThat(errors(dir)).containsExactly(
        "KZ.json:1:1: missing required field 'jurisdiction'",
        "KZ.json:1:1: missing required field 'rules'",
        "KZ.json:1:2: unknown field 'jurisdictoin'");
  }

  @Test
  void fileNameMustMatchJurisdiction() {
    write(dir, "KZ.json", "{\"jurisdiction\": \"FR\", \"rules\": []}");
    assertThat(errors(dir)).containsExactly("KZ.json:1:18: 'jurisdiction' is 'FR' but the file is KZ.json");
  }

  @Test
  void unknownTypeAndUnknownField() {
    assertThat(kz("{\"id\": \"r1\", \"type\": \"colour\", \"values\": [\"x\"], \"category\": \"c\", \"legal_basis\": \"b\", \"colour\": 1}"))
        .containsExactly(
            "KZ.json:2:22: r1: unknown rule type 'colour' (known: channel, classifier, domain, media_hash, phrase, regex, username)",
            "KZ.json:2:86: r1: unknown field 'colour'");
  }

  @Test
  void missingRequiredRuleFields() {
    assertThat(kz("{\"type\": \"channel\"}")).containsExactly(
        "KZ.json:2:1: missing required field 'category'",
        "KZ.json:2:1: missing required field 'id'",
        "KZ.json:2:1: missing required field 'legal_basis'",
        "KZ.json:2:1: missing required field 'values'");
    assertThat(kz("{\"id\": \"r2\", \"category\": \"c\", \"legal_basis\": \"b\"}"))
        .containsExactly("KZ.json:2:1: r2: missing required field 'type'");
  }

  @Test
  void emptyValuesAndEmptyStrings() {
    assertThat(kz(rule("r1", "channel", "\"values\": []"))).containsExactly("KZ.json:2:43: r1: 'values' must not be empty");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\", \"\", 3, \" b\"]"))).containsExactly(
        "KZ.json:2:49: r1: values[1] is empty",
        "KZ.json:2:53: r1: values[2] must be a string, not a number",
        "KZ.json:2:56: r1: values[3] ' b' has leading or trailing whitespace");
    // Invisible in an editor, and an exact value with them would never match.
    assertThat(kz(rule("r1", "channel", "\"values\": [\"spice\u00A0\", \"\u200Bspice\", \"spice\"]"))).containsExactly(
        "KZ.json:2:44: r1: values[0] 'spice\u00A0' starts or ends with an invisible character (U+00A0)",
        "KZ.json:2:54: r1: values[1] '\u200Bspice' starts or ends with an invisible character (U+200B)");
    assertThat(kz("{\"id\": \"r1\", \"type\": \"channel\", \"values\": [\"a\"], \"category\": \"\", \"legal_basis\": \"b\"}"))
        .containsExactly("KZ.json:2:62: r1: 'category' must not be empty");
  }

  @Test
  void duplicateValuesInsideARuleAreFine() throws Exception {
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\", \"a\"]"));
    assertThat(((ChannelRule) PolicyLoader.load(dir).rule("r1").orElseThrow()).channelIds()).containsExactly("a");
  }

  @Test
  void duplicateRuleIdsAcrossFilesNameBothPlaces() {
    policy(dir, "GLOBAL", "[]", rule("dup", "channel", "\"values\": [\"a\"]"));
    policy(dir, "KZ", "[]", rule("dup", "channel", "\"values\": [\"b\"]"));
    assertThat(errors(dir)).containsExactly("KZ.json:2:8: dup: duplicate rule id (also defined at GLOBAL.json:2:8)");
  }

  @Test
  void rejectOnlyInGlobal() {
    assertThat(kz(rule("r1", "media_hash", "\"values\": [\"" + "a".repeat(64) + "\"], \"action\": \"reject\"")))
        .containsExactly("KZ.json:2:126: r1: action 'reject' is allowed only in GLOBAL");
  }

  @Test
  void aMediaHashRuleOnChannelsIsRefusedSinceChannelsHaveNoMedia() throws Exception {
    assertThat(kz(rule("r1", "media_hash", "\"values\": [\"" + "a".repeat(64) + "\"], \"target\": \"channel\"")))
        .containsExactly("KZ.json:2:126: r1: target 'channel' can never match a media_hash rule: media hashes belong"
            + " to posts, and a channel record has none (use target 'post' or 'both')");
    policy(dir, "KZ", "[\"GLOBAL\"]", rule("r1", "media_hash", "\"values\": [\"" + "a".repeat(64) + "\"], \"target\": \"post\""));
    assertThat(PolicyLoader.load(dir).jurisdictions()).contains("KZ");
  }

  @Test
  void badActionAndTarget() {
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"action\": \"delete\", \"target\": \"user\""))).containsExactly(
        "KZ.json:2:60: r1: invalid action 'delete' (expected hide or reject)",
        "KZ.json:2:80: r1: invalid target 'user' (expected post, channel or both)");
  }

  @Test
  void inheritanceErrors() {
    policy(dir, "A", "[\"B\"]");
    policy(dir, "B", "[\"C\"]");
    policy(dir, "C", "[\"A\", \"NOPE\"]");
    policy(dir, "D", "[\"D\"]");
    policy(dir, "GLOBAL", "[\"A\"]");
    assertThat(errors(dir)).containsExactly(
        "C.json:1:36: inheritance cycle: A -> B -> C -> A",
        "C.json:1:41: unknown parent jurisdiction 'NOPE' (no NOPE.json)",
        "D.json:1:36: inheritance cycle: D -> D",
        "GLOBAL.json:1:41: GLOBAL cannot inherit (it is every jurisdiction's ancestor): 'A'");
  }

  @Test
  void thresholdErrors() {
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"fraud\", \"threshold\": 1.5"))).containsExactly(
        "KZ.json:2:66: r1: threshold 1.5 is outside [0, 1]");
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"fraud\", \"threshold\": -0.1"))).containsExactly(
        "KZ.json:2:66: r1: threshold -0.1 is outside [0, 1]");
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"fraud\""))).containsExactly(
        "KZ.json:2:1: r1: missing required field 'threshold'");
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"fraud\", \"threshold\": \"0.9\""))).containsExactly(
        "KZ.json:2:66: r1: 'threshold' must be a number, not a string");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"threshold\": 0.5"))).containsExactly(
        "KZ.json:2:50: r1: field 'threshold' is not allowed on channel rules");
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"fraud\", \"threshold\": 0.5, \"values\": [\"a\"]"))).containsExactly(
        "KZ.json:2:71: r1: field 'values' is not allowed on classifier rules");
  }

  @Test
  void mentionsOnlyOnUsernames() {
    assertThat(kz(rule("r1", "domain", "\"values\": [\"a.example\"], \"mentions\": true"))).containsExactly(
        "KZ.json:2:57: r1: field 'mentions' is not allowed on domain rules");
    assertThat(kz(rule("r1", "username", "\"values\": [\"good_name\"], \"mentions\": \"yes\""))).containsExactly(
        "KZ.json:2:71: r1: 'mentions' must be true or false, not a string");
  }

  @Test
  void dateErrors() {
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"effective_from\": \"2026-02-30\""))).containsExactly(
        "KZ.json:2:68: r1: invalid 'effective_from' '2026-02-30' (expected an ISO-8601 date such as 2026-01-31 or an instant such as 2026-01-31T12:00:00Z)");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"expires\": \"2026-01-01T00:00:00\""))).containsExactly(
        "KZ.json:2:61: r1: invalid 'expires' '2026-01-01T00:00:00' (expected an ISO-8601 date such as 2026-01-31 or an instant such as 2026-01-31T12:00:00Z)");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"effective_from\": \"2026-01-01\", \"expires\": \"2026-01-01T00:00:00Z\"")))
        .containsExactly("KZ.json:2:93: r1: 'expires' (2026-01-01T00:00:00Z) must be after 'effective_from' (2026-01-01T00:00:00Z)");
  }

  @Test
  void malformedValuesPerType() {
    assertThat(kz(rule("r1", "domain", "\"values\": [\"ok.example\", \"not a domain\", \"bet.x1\"]"))).containsExactly(
        "KZ.json:2:57: r1: values[1] 'not a domain' is not a domain or an IP address",
        "KZ.json:2:73: r1: values[2] 'bet.x1' is not a domain or an IP address");
    assertThat(kz(rule("r1", "media_hash", "\"values\": [\"abc\"]"))).containsExactly(
        "KZ.json:2:47: r1: values[0] 'abc' is not a SHA-256 (64 hex characters)");
    assertThat(kz(rule("r1", "username", "\"values\": [\"@Good_Name\", \"abc\", \"1abcde\"]"))).containsExactly(
        "KZ.json:2:59: r1: values[1] 'abc' is not a Telegram username (5-32 characters of a-z, 0-9 and _, starting with a letter; '@' optional)",
        "KZ.json:2:66: r1: values[2] '1abcde' is not a Telegram username (5-32 characters of a-z, 0-9 and _, starting with a letter; '@' optional)");
    assertThat(kz(rule("r1", "phrase", "\"values\": [\"...\", \"ca*sino\", \"casino *\", \"casino*\"]"))).containsExactly(
        "KZ.json:2:43: r1: values[0] '...' has no letter or digit",
        "KZ.json:2:50: r1: values[1] 'ca*sino' has '*' before the end (only a final '*' is allowed, for a prefix)",
        "KZ.json:2:61: r1: values[2] 'casino *' has a '*' that does not end a word");
  }

  @Test
  void regexErrors() {
    assertThat(kz(rule("r1", "regex", "\"values\": [\"bet[0-9\", \"Bet[0-9]+\", \"(a|b)*a(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)\"]")))
        .containsExactly(
            "KZ.json:2:42: r1: values[0] 'bet[0-9' is not a valid regex: expected ']' at position 7",
            "KZ.json:2:53: r1: values[1] 'Bet[0-9]+' changes under normalization step 1 (write it as 'bet[0-9]+')",
            "KZ.json:2:66: r1: values[2] '(a|b)*a(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)' is too complex (more than 10000 automaton states)");
  }

  @Test
  void limits() {
    PolicyLimits tiny = new PolicyLimits(400, 5, 2, 3, 10, 10, 1 << 20);
    write(dir, "BIG.json", "{\"jurisdiction\": \"BIG\", \"rules\": []}" + " ".repeat(400));
    policy(dir, "KZ", "[]",
        rule("r1", "channel", "\"values\": [\"a\", \"b\"]"),
        rule("r2", "channel", "\"values\": [\"c\", \"d\", \"toolong\"]"),
        rule("r3", "regex", "\"values\": [\"[a-z]{20}\"]"));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard(), tiny))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly(
                "BIG.json: file is too large: 436 bytes (at most 400)",
                "KZ.json:3:49: r2: too many values: a policy directory holds at most 3",
                "KZ.json:3:54: r2: values[2] is longer than 5 characters",
                "KZ.json:4:1: r3: too many rules: a policy directory holds at most 2",
                "KZ.json:4:42: r3: values[0] is longer than 5 characters"));
  }

  /** Lengths are in characters: a mathematical letter or an emoji is one, though two UTF-16 units. */
  @Test
  void valueLengthsCountCharacters() throws Exception {
    PolicyLimits five = new PolicyLimits(1 << 20, 5, 100, 100, 10, 10, 1 << 20);
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"𝐚𝐛𝐜𝐝𝐞\", \"😀😀😀😀😀\"]"));
    assertThat(PolicyLoader.load(dir, RuleTypes.standard(), five).jurisdiction("KZ").rules()).hasSize(1);
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"𝐚𝐛𝐜𝐝𝐞𝐟\"]"));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard(), five))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly("KZ.json:2:44: r1: values[0] is longer than 5 characters"));
  }

  @Test
  void rulesPastTheValueLimitFailWithTheLimitsErrorOnly() {
    PolicyLimits threeValues = new PolicyLimits(1 << 20, 100, 100, 3, 10, 10, 1 << 20);
    policy(dir, "KZ", "[]",
        rule("r1", "channel", "\"values\": [\"a\", \"b\", \"c\", \"d\"]"),
        rule("r2", "channel", "\"values\": [\"x\"]"),
        rule("r3", "username", "\"values\": [\"spice_shop\"]"),
        rule("r4", "phrase", "\"values\": [\"казино\"]"));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard(), threeValues))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly("KZ.json:2:59: r1: too many values: a policy directory holds at most 3"));
  }

  @Test
  void aDirectoryWithoutPolicyFilesIsNoPolicy() {
    assertThat(errors(dir)).containsExactly(
        dir + ": no policy files: a policy directory holds one CODE.json per jurisdiction (GLOBAL.json, KZ.json, ...)");
    write(dir, "README.md", "policies go here");
    write(dir, "schema/policy.schema.json", "{}");
    assertThat(errors(dir)).hasSize(1).first().asString().contains("no policy files");
  }

  @Test
  void unpairedSurrogatesAreRefusedWherePairsAreKept() throws Exception {
    policy(dir, "KZ", "[]", rule("r1", "phrase", "\"values\": [\"a\\uD800\"]"));
    assertThat(errors(dir)).containsExactly(
        "KZ.json:2:43: invalid JSON: a string holds an unpaired surrogate \\uD800 (escape a character outside the BMP as a pair)");
    policy(dir, "KZ", "[]", rule("r1", "phrase", "\"values\": [\"\\uDC00x\"]"));
    assertThat(errors(dir)).hasSize(1).first().asString().contains("unpaired surrogate \\uDC00");
    policy(dir, "KZ", "[]", rule("r1", "phrase", "\"values\": [\"\\uD83D\\uDD25 casino\"]"));
    assertThat(PolicyLoader.load(dir).effectiveRules("KZ")).map(Rule::id).containsExactly("r1");
  }

  @Test
  void anAddOnTypeThatMakesNoRuleSilentlyIsAnError() {
    RuleType silent = new RuleType() {
      @Override public String name() { return "silent"; }

      @Override public java.util.Set<String> fields() { return java.util.Set.of("values"); }

      @Override public Rule parse(RuleHeader header, RuleFields fields) { return null; }
    };
    policy(dir, "KZ", "[]", rule("r1", "silent", "\"values\": [\"x\"]"));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard().with(silent)))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly("KZ.json:2:1: r1: rule type 'silent' made no rule and reported no error"));
  }

  @Test
  void notADirectory() {
    assertThat(errors(dir.resolve("missing"))).containsExactly(dir.resolve("missing") + ": not a directory");
  }

  @Test
  void otherFilesAreIgnoredAndMissingGlobalIsEmpty() throws Exception {
    write(dir, "README.md", "not json");
    write(dir, "schema/policy.schema.json", "{}");
    write(dir, "MANIFEST.json", "{}");
    write(dir, ".#KZ.json", "an editor's lock file: hidden");
    write(dir, "KZ.json.bak", "not json");
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\"]"));
    PolicySnapshot s = PolicyLoader.load(dir);
    assertThat(s.jurisdictions()).containsExactly("GLOBAL", "KZ");
    assertThat(s.effectiveRules("GLOBAL")).isEmpty();
    assertThat(s.effectiveRules("KZ")).map(Rule::id).containsExactly("r1");
  }

  @Test
  void policyFileNamesInAnotherCaseAreErrorsNeverSkipped() {
    policy(dir, "GLOBAL", "[]");
    write(dir, "kz.json", "{\"jurisdiction\": \"KZ\", \"rules\": []}");
    write(dir, "Fr.JSON", "{}");
    String form = ": not a policy file name: policy files are named CODE.json, CODE of A-Z, 0-9 and _ starting with"
        + " A-Z (KZ.json, GLOBAL.json); ";
    assertThat(errors(dir)).containsExactly(
        "Fr.JSON" + form + "rename it to FR.json or move it out of the policy directory",
        "kz.json" + form + "rename it to KZ.json or move it out of the policy directory");
  }

  @Test
  void otherFilesAreNotPolicies() throws Exception {
    policy(dir, "GLOBAL", "[]");
    policy(dir, "KZ", "[]");
    for (String other : List.of("kz-old.json", "policy.schema.json", ".KZ.json.tmp", "README.md", "KZ.json.bak",
        "MANIFEST.json", "manifest.json")) {
      write(dir, other, "not a policy");
    }
    assertThat(PolicyLoader.load(dir).jurisdictions()).containsExactly("GLOBAL", "KZ");
  }

  @Test
  void aMisnamedFileAloneIsThatErrorNotAnEmptyDirectory() {
    write(dir, "kz.json", "{\"jurisdiction\": \"KZ\", \"rules\": []}");
    assertThat(errors(dir)).containsExactly("kz.json: not a policy file name: policy files are named CODE.json, CODE of"
        + " A-Z, 0-9 and _ starting with A-Z (KZ.json, GLOBAL.json); rename it to KZ.json or move it out of the policy"
        + " directory");
  }

  @Test
  void phrasesHoldingAMentionOrAnEmailAddressAreRefused() throws Exception {
    assertThat(kz(rule("r1", "phrase", "\"values\": [\"buy @Spice_Shop now\", \"write to info@casino.example\","
        + " \"@spice_shop\", \"c0c@1n3 bonus\", \"@ casino\"]"))).containsExactly(
        "KZ.json:2:43: r1: values[0] 'buy @Spice_Shop now' holds the mention '@spice_shop': mentions are not words, so"
            + " the phrase would be read without it; to hide posts that mention @spice_shop, use a username rule with"
            + " \"mentions\": true",
        "KZ.json:2:66: r1: values[1] 'write to info@casino.example' holds the e-mail address 'info@casino.example':"
            + " e-mail addresses are not words, so the phrase would be read without it; to hide posts that name it, use"
            + " a domain rule on 'casino.example'",
        "KZ.json:2:98: r1: values[2] '@spice_shop' holds the mention '@spice_shop': mentions are not words, so the"
            + " phrase would be read without it; to hide posts that mention @spice_shop, use a username rule with"
            + " \"mentions\": true");
    // '@' inside a word (leetspeak) or alone is a word char, not a mention.
    policy(dir, "KZ", "[]", rule("r1", "phrase", "\"values\": [\"c0c@1n3 bonus\", \"@ casino\"]"));
    assertThat(PolicyLoader.load(dir).effectiveRules("KZ")).map(Rule::id).containsExactly("r1");
  }

  @Test
  void prefixPhrasesMayEndInAWordCharThatIsNoLetter() throws Exception {
    // '$' and '@' are word chars (step 2): 'ca$*' is the prefix of the word 'ca$', read as 'cas' (step 4).
    policy(dir, "KZ", "[]", rule("r1", "phrase", "\"values\": [\"ca$*\", \"bonus c@*\"]"));
    PolicySnapshot s = PolicyLoader.load(dir);
    var engine = dev.lucenefilter.filter.DecisionEngine.create(s, dev.lucenefilter.filter.ContentFilters.builtIn(),
        dev.lucenefilter.filter.UnknownJurisdictions.ERROR);
    java.time.Instant now = java.time.Instant.now();
    for (String text : List.of("ca$ino tonight", "casino tonight", "bonus cat", "bonus c@$h")) {
      assertThat(engine.decide(dev.lucenefilter.model.Post.of("p", "c", text), null, "KZ", now).rules())
          .as(text).containsExactly("r1");
    }
    assertThat(engine.decide(dev.lucenefilter.model.Post.of("p", "c", "cat bonus"), null, "KZ", now).rules()).isEmpty();
    assertThat(kz(rule("r1", "phrase", "\"values\": [\"ca-*\"]")))
        .containsExactly("KZ.json:2:43: r1: values[0] 'ca-*' has a '*' that does not end a word");
  }

  @Test
  void regexesThatCanMatchNoWordAreRefused() throws Exception {
    String why = " can never match a word: a regex rule matches whole words, and a word is one or more letters,"
        + " digits, '@' and '$' (no space, '-', '_', '.' or other punctuation: 'bet-777' is the words 'bet' and '777'"
        + " and the joined word 'bet777')";
    assertThat(kz(rule("r1", "regex", "\"values\": [\"bet-[0-9]{3,}\", \"free spins\", \"buy_[a-z]+\", \"a{0}\","
        + " \"[a-z]+\\\\.example\"]"))).containsExactly(
        "KZ.json:2:42: r1: values[0] 'bet-[0-9]{3,}'" + why,
        "KZ.json:2:59: r1: values[1] 'free spins'" + why,
        "KZ.json:2:73: r1: values[2] 'buy_[a-z]+'" + why,
        "KZ.json:2:87: r1: values[3] 'a{0}'" + why,
        "KZ.json:2:95: r1: values[4] '[a-z]+\\.example'" + why);
    // One alternative that can match is enough; '@' and '$' are word chars; any char is a letter too.
    policy(dir, "KZ", "[]", rule("r1", "regex",
        "\"values\": [\"bet[0-9]{3,}|bet-x\", \"c0c@1n3\", \"[a-z]+$\", \"[^a-z]+\", \".\", \"bet[0-9]*\"]"));
    assertThat(PolicyLoader.load(dir).effectiveRules("KZ")).map(Rule::id).containsExactly("r1");
  }

  @Test
  void classifierFlagsLongerThanARecordsFlagNamesAreRefused() throws Exception {
    String flag65 = "f".repeat(65);
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"" + flag65 + "\", \"threshold\": 0.5"))).containsExactly(
        "KZ.json:2:44: r1: 'flag' '" + flag65 + "' is longer than 64 characters: records' flag names have 1 to 64,"
            + " so the rule could never match");
    policy(dir, "KZ", "[]", rule("r1", "classifier", "\"flag\": \"" + "f".repeat(64) + "\", \"threshold\": 0.5"));
    assertThat(PolicyLoader.load(dir).effectiveRules("KZ")).map(Rule::id).containsExactly("r1");
  }

  @Test
  void theDirectoryHasATotalSizeLimit() throws Exception {
    PolicyLimits total = new PolicyLimits(60, 100, 100, 100, 10, 10, 104);
    write(dir, "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}" + " ".repeat(20)); // 59 bytes
    write(dir, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": []}" + " ".repeat(10)); // 45 bytes: 104 together
    assertThat(PolicyLoader.load(dir, RuleTypes.standard(), total).jurisdictions()).containsExactly("GLOBAL", "KZ");
    write(dir, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": []}" + " ".repeat(11));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard(), total))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly(dir + ": policy files are too large together: 105 bytes (at most 104)"));
    // A file over its own limit is not read, and says so itself: it does not count towards the total.
    write(dir, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": []}" + " ".repeat(100));
    assertThatThrownBy(() -> PolicyLoader.load(dir, RuleTypes.standard(), total))
        .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.errors()).map(PolicyError::toString)
            .containsExactly("KZ.json: file is too large: 135 bytes (at most 60)"));
    assertThat(PolicyLimits.DEFAULT.maxTotalBytes()).isEqualTo(256L << 20);
  }

  @Test
  void invalidUtf8IsLocatedAsTheJsonParserCountsLinesAndColumns() throws Exception {
    byte[] bad = {(byte) 0xFF};
    // After a byte order mark: the parser never sees it, so columns on line 1 do not count it.
    java.nio.file.Files.write(dir.resolve("KZ.json"), concat("\uFEFF{\"jurisdiction\": \"", bad, "\"}"));
    assertThat(errors(dir)).containsExactly("KZ.json:1:19: not valid UTF-8 (byte offset 21)");
    // CR alone ends a line, as does CR LF (one line end, not two).
    java.nio.file.Files.write(dir.resolve("KZ.json"), concat("{\r\"a\": 1,\r\n\"jurisdiction\": \"", bad, "\"}"));
    assertThat(errors(dir)).containsExactly("KZ.json:3:18: not valid UTF-8 (byte offset 28)");
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    byte[] a = before.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] c = after.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(middle, 0, out, a.length, middle.length);
    System.arraycopy(c, 0, out, a.length + middle.length, c.length);
    return out;
  }

  @Test
  void messageIsAllErrorsOnePerLine() {
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": []"), rule("r2", "domain", "\"values\": [\"x\"]"));
    assertThatThrownBy(() -> PolicyLoader.load(dir)).hasMessage(
        "KZ.json:2:43: r1: 'values' must not be empty\nKZ.json:3:43: r2: values[0] 'x' is not a domain or an IP address");
  }
}
