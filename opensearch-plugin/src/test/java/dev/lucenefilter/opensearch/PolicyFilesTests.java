package dev.lucenefilter.opensearch;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.test.OpenSearchTestCase;

/**
 * Policies as the cluster stores them: validation through the library with errors naming the stored file
 * ({@code FILE:LINE:COLUMN}), a content hash equal for equal files, and the cluster-state metadata surviving
 * the wire and the gateway's on-disk form unchanged.
 */
public class PolicyFilesTests extends OpenSearchTestCase {
  private static final String KZ = "{\n  \"jurisdiction\": \"KZ\",\n  \"inherits\": [\"GLOBAL\"],\n  \"rules\": [\n"
      + "    {\"id\": \"kz-1\", \"type\": \"phrase\", \"values\": [\"спайс\"], \"category\": \"drugs\", \"legal_basis\": \"x\"}\n  ]\n}";

  public void testValidPolicyCompilesToTheLibrarysVersion() throws Exception {
    PolicyFiles files = new PolicyFiles(new TreeMap<>(Map.of("KZ.json", KZ)));
    PolicySnapshot s = files.load(createTempDir());
    assertTrue(s.hasJurisdiction("KZ"));
    assertEquals(1, s.allRules().size());
    Path dir = createTempDir();
    Files.writeString(dir.resolve("KZ.json"), KZ);
    assertEquals(dev.lucenefilter.policy.PolicyLoader.load(dir).version(), s.version());
  }

  public void testADirectoryIsReadWithoutItsHiddenFilesAsTheLibraryLoadsIt() throws Exception {
    Path dir = createTempDir();
    Files.writeString(dir.resolve("KZ.json"), KZ);
    Files.writeString(dir.resolve(".#KZ.json"), "editor lock");
    Files.writeString(dir.resolve("README.md"), "notes");
    PolicyFiles files = PolicyFiles.readDirectory(dir);
    // Lucene's test file system (ExtrasFS) may add an entry named extra* to any directory: not ours.
    assertEquals(List.of("KZ.json", "README.md"),
        files.files().keySet().stream().filter(name -> !name.startsWith("extra")).toList());
    assertEquals(dev.lucenefilter.policy.PolicyLoader.load(dir).version(), files.load(createTempDir()).version());
  }

  public void testErrorsNameTheStoredFileWithLineAndColumn() throws Exception {
    String broken = KZ.replace("\"type\": \"phrase\"", "\"type\": \"nonsense\"");
    PolicyFiles files = new PolicyFiles(new TreeMap<>(Map.of("KZ.json", broken)));
    Path scratch = createTempDir();
    PolicyValidationException e = expectThrows(PolicyValidationException.class, () -> files.load(scratch));
    List<String> errors = PolicyFiles.describe(e);
    assertFalse(errors.isEmpty());
    for (String err : errors) assertTrue(err, err.matches("KZ\\.json:5:\\d+: .*"));
    try (var left = Files.list(scratch)) {
      // Lucene's test file system (ExtrasFS) may add files named extra* to any directory: they are not ours.
      assertEquals("the staging directory is removed", 0,
          left.filter(p -> !p.getFileName().toString().startsWith("extra")).count());
    }
  }

  public void testHashIsOverNamesAndContents() {
    PolicyFiles a = new PolicyFiles(new TreeMap<>(Map.of("KZ.json", KZ, "GLOBAL.json", "{}")));
    PolicyFiles b = new PolicyFiles(new TreeMap<>(Map.of("GLOBAL.json", "{}", "KZ.json", KZ)));
    PolicyFiles c = new PolicyFiles(new TreeMap<>(Map.of("KZ.json", KZ + " ", "GLOBAL.json", "{}")));
    assertEquals(a.hash(), b.hash());
    assertNotEquals(a.hash(), c.hash());
    expectThrows(IllegalArgumentException.class, () -> new PolicyFiles(new TreeMap<>(Map.of("../KZ.json", KZ))));
  }

  public void testMetadataSurvivesTheWireAndTheGateway() throws Exception {
    PolicyMetadata m = new PolicyMetadata(7, "v-abc", new PolicyFiles(new TreeMap<>(Map.of("KZ.json", KZ))));
    BytesStreamOutput out = new BytesStreamOutput();
    m.writeTo(out);
    PolicyMetadata wire = new PolicyMetadata(out.bytes().streamInput());
    assertEquals(m, wire);
    assertEquals(m.hash(), wire.hash());

    XContentBuilder b = XContentFactory.jsonBuilder().startObject();
    m.toXContent(b, ToXContent.EMPTY_PARAMS);
    b.endObject();
    try (XContentParser p = XContentType.JSON.xContent().createParser(NamedXContentRegistry.EMPTY,
        DeprecationHandler.THROW_UNSUPPORTED_OPERATION, BytesReference.bytes(b).streamInput())) {
      p.nextToken();
      assertEquals(m, PolicyMetadata.fromXContent(p));
    }
  }
}
