package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An index-time copy of a generated policy: every rule of one jurisdiction and of GLOBAL, as {@code reject} rules of
 * GLOBAL (the only file where the format allows {@code reject}), so that index time applies the whole jurisdiction.
 * This is what the indexing benchmark's {@code rules12k} hook runs with; the query-time policy is unchanged.
 */
final class RejectPolicy {
  private RejectPolicy() {}

  /**
   * Writes {@code target/GLOBAL.json}: the rules of {@code source/GLOBAL.json} and {@code source/<jurisdiction>.json}
   * in that order, each with {@code "action": "reject"}.
   *
   * @return how many rules it holds
   */
  static int write(Path source, String jurisdiction, Path target) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode global = json.createObjectNode();
    global.put("jurisdiction", "GLOBAL");
    global.put("description", "every rule of " + jurisdiction + " and GLOBAL as a reject rule (index-time benchmark)");
    ArrayNode rules = global.putArray("rules");
    for (String file : new String[] {"GLOBAL.json", jurisdiction + ".json"}) {
      JsonNode root = json.readTree(source.resolve(file).toFile());
      for (JsonNode rule : root.path("rules")) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.put("action", "reject");
        rules.add(copy);
      }
    }
    Files.createDirectories(target);
    json.writerWithDefaultPrettyPrinter().writeValue(target.resolve("GLOBAL.json").toFile(), global);
    return rules.size();
  }
}
