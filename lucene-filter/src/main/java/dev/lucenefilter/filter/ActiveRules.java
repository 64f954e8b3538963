package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules one jurisdiction applies at one instant, and a digest that names them across snapshots: equal digests
 * mean the same rules, by content, so exclusions built for one can serve the other ({@link ExclusionCache} keys on
 * it). A swap makes one for every jurisdiction, so both come from a single pass over the candidate rules, and the
 * digest hashes each declaring file's digest rather than every rule.
 *
 * <p>The digest covers: whether only reject rules count; the code and {@link PolicySnapshot#jurisdictionDigest} of
 * every file that declares a candidate rule; the ids of the candidates not active at the instant. The files fix the
 * candidates (a jurisdiction inherits every rule of each file on its chain, and reject rules are GLOBAL's), and the
 * ids then fix which of them are active. Every part is length-prefixed, so no two inputs hash the same text.
 */
record ActiveRules(List<Rule> rules, String digest) {

  /**
   * The rules active at {@code at} for {@code jurisdiction} (its effective rules and every reject rule; only the
   * reject rules with {@code rejectsOnly}), sorted by id.
   */
  static ActiveRules of(PolicySnapshot snapshot, String jurisdiction, Instant at, boolean rejectsOnly) {
    List<Rule> a = rejectsOnly ? List.of() : snapshot.effectiveRules(jurisdiction);
    List<Rule> b = snapshot.rejectRules();
    List<Rule> active = new ArrayList<>(a.size() + b.size());
    List<String> inactive = new ArrayList<>();
    SortedSet<String> declaring = new TreeSet<>();
    String lastCode = null;
    // Both lists are sorted by id, and an effective list holds the reject rules too: a merge keeps each rule once.
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).id().compareTo(b.get(j).id());
      Rule r = c <= 0 ? a.get(i++) : b.get(j++);
      if (c == 0) j++;
      // Rules of one file tend to come in runs: skip the set for the rest of a run.
      if (!r.jurisdiction().equals(lastCode)) declaring.add(lastCode = r.jurisdiction());
      if (r.activeAt(at)) active.add(r);
      else inactive.add(r.id());
    }
    StringBuilder text = new StringBuilder(128 + 80 * declaring.size());
    prefixed(text, rejectsOnly ? "rejects" : "effective");
    prefixed(text, Integer.toString(declaring.size()));
    for (String code : declaring) {
      prefixed(text, code);
      prefixed(text, snapshot.jurisdictionDigest(code));
    }
    for (String id : inactive) prefixed(text, id);
    return new ActiveRules(List.copyOf(active), sha256(text));
  }

  private static void prefixed(StringBuilder text, String s) {
    text.append(s.length()).append(':').append(s);
  }

  private static String sha256(CharSequence text) {
    try {
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
