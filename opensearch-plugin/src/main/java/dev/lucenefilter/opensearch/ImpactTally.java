package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.ImpactAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * The impact of a policy change in one jurisdiction, as the library's {@code ImpactAnalysis.JurisdictionImpact}
 * reports it: records newly hidden and unhidden, and per rule (of the new policy for newly hidden records, of the
 * old one for unhidden records) how many records it accounts for, with up to {@code samples} record ids, and whether
 * the change adds or removes the jurisdiction. Tallies of
 * several shards and nodes merge by adding counts; samples merge to the smallest ids, so the merged report does not
 * depend on the order the nodes answered in. Mutable while a node counts; not thread-safe.
 */
final class ImpactTally implements Writeable {
  final String jurisdiction;
  /** Whether the jurisdiction is in both policies, only the new one, or only the old one. */
  final ImpactAnalysis.Presence presence;
  long newlyHidden;
  long unhidden;
  final Map<String, Rule> hiddenBy = new TreeMap<>();
  final Map<String, Rule> unhiddenFrom = new TreeMap<>();

  /** One rule's records. */
  static final class Rule {
    long records;
    final TreeSet<String> samples = new TreeSet<>();
  }

  ImpactTally(String jurisdiction, ImpactAnalysis.Presence presence) {
    this.jurisdiction = jurisdiction;
    this.presence = presence;
  }

  ImpactTally(StreamInput in) throws IOException {
    jurisdiction = in.readString();
    presence = in.readEnum(ImpactAnalysis.Presence.class);
    newlyHidden = in.readVLong();
    unhidden = in.readVLong();
    readRules(in, hiddenBy);
    readRules(in, unhiddenFrom);
  }

  /** Counts one changed record under the rules that (would) hide it. */
  void add(boolean nowHidden, String label, List<String> rules, int samples) {
    if (nowHidden) newlyHidden++;
    else unhidden++;
    Map<String, Rule> into = nowHidden ? hiddenBy : unhiddenFrom;
    for (String id : rules) {
      Rule r = into.computeIfAbsent(id, k -> new Rule());
      r.records++;
      addSample(r, label, samples);
    }
  }

  /** Adds another shard's or node's tally of the same jurisdiction. */
  void merge(ImpactTally other, int samples) {
    newlyHidden += other.newlyHidden;
    unhidden += other.unhidden;
    mergeRules(hiddenBy, other.hiddenBy, samples);
    mergeRules(unhiddenFrom, other.unhiddenFrom, samples);
  }

  private static void mergeRules(Map<String, Rule> into, Map<String, Rule> from, int samples) {
    for (var e : from.entrySet()) {
      Rule r = into.computeIfAbsent(e.getKey(), k -> new Rule());
      r.records += e.getValue().records;
      for (String s : e.getValue().samples) addSample(r, s, samples);
    }
  }

  private static void addSample(Rule r, String label, int samples) {
    r.samples.add(label);
    while (r.samples.size() > samples) r.samples.pollLast();
  }

  private static void readRules(StreamInput in, Map<String, Rule> into) throws IOException {
    int n = in.readVInt();
    for (int i = 0; i < n; i++) {
      Rule r = new Rule();
      String id = in.readString();
      r.records = in.readVLong();
      r.samples.addAll(in.readStringList());
      into.put(id, r);
    }
  }

  private static void writeRules(StreamOutput out, Map<String, Rule> rules) throws IOException {
    out.writeVInt(rules.size());
    for (var e : rules.entrySet()) {
      out.writeString(e.getKey());
      out.writeVLong(e.getValue().records);
      out.writeStringCollection(new ArrayList<>(e.getValue().samples));
    }
  }

  @Override
  public void writeTo(StreamOutput out) throws IOException {
    out.writeString(jurisdiction);
    out.writeEnum(presence);
    out.writeVLong(newlyHidden);
    out.writeVLong(unhidden);
    writeRules(out, hiddenBy);
    writeRules(out, unhiddenFrom);
  }
}
