package dev.lucenefilter.policy;

import static dev.lucenefilter.policy.PolicyDirs.errors;
import static dev.lucenefilter.policy.PolicyDirs.policy;
import static dev.lucenefilter.policy.PolicyDirs.rule;
import static dev.lucenefilter.policy.PolicyDirs.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds are decimal numbers, rule dates lie in the documented range, and policy file names are files. */
class PolicyInputHardeningTest {
  @TempDir Path dir;

  private List<String> kz(String rule) {
    policy(dir, "KZ", "[\"GLOBAL\"]", rule);
    return errors(dir);
  }

  @Test
  void aNegativeZeroThresholdIsZero() throws Exception {
    policy(dir, "KZ", "[\"GLOBAL\"]", rule("r1", "classifier", "\"flag\": \"spam\", \"threshold\": -0.0"));
    ClassifierRule r = (ClassifierRule) PolicyLoader.load(dir).effectiveRules("KZ").get(0);
    assertThat(Double.doubleToRawLongBits(r.threshold())).isZero();
    // The same policy written with 0 has the same version: one decimal number, one canonical form.
    String version = PolicyLoader.load(dir).version();
    policy(dir, "KZ", "[\"GLOBAL\"]", rule("r1", "classifier", "\"flag\": \"spam\", \"threshold\": 0"));
    assertThat(PolicyLoader.load(dir).version()).isEqualTo(version);
  }

  @Test
  void nonFiniteThresholdsAreRefused() {
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"spam\", \"threshold\": 1e999"))).containsExactly(
        "KZ.json:2:65: r1: threshold Infinity is outside [0, 1]");
    assertThat(kz(rule("r1", "classifier", "\"flag\": \"spam\", \"threshold\": -1e999"))).containsExactly(
        "KZ.json:2:65: r1: threshold -Infinity is outside [0, 1]");
  }

  @Test
  void ruleDatesOutsideTheRangeAreLocatedErrors() {
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"effective_from\": \"+999999999-12-31\""))).containsExactly(
        "KZ.json:2:68: r1: 'effective_from' '+999999999-12-31' is outside years 0000 to 9999 (UTC)");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"expires\": \"+999999999-12-31T23:59:59Z\""))).containsExactly(
        "KZ.json:2:61: r1: 'expires' '+999999999-12-31T23:59:59Z' is outside years 0000 to 9999 (UTC)");
    assertThat(kz(rule("r1", "channel", "\"values\": [\"a\"], \"expires\": \"-0001-12-31T23:59:59+01:00\""))).containsExactly(
        "KZ.json:2:61: r1: 'expires' '-0001-12-31T23:59:59+01:00' is outside years 0000 to 9999 (UTC)");
  }

  @Test
  void aDirectoryNamedLikeAPolicyFileIsAnError() throws Exception {
    write(dir, "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.createDirectories(dir.resolve("KZ.json"));
    Files.createDirectories(dir.resolve("schema"));
    assertThat(errors(dir)).containsExactly("KZ.json: is a directory, not a policy file");
  }
}
