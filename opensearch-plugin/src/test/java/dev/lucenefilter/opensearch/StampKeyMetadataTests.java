package dev.lucenefilter.opensearch;

import java.util.Map;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.test.OpenSearchTestCase;

/** The stamp key crosses the wire and the gateway whole, and no other rendering shows it. */
public class StampKeyMetadataTests extends OpenSearchTestCase {
  public void testWireAndGatewayKeepTheKey() throws Exception {
    StampKeyMetadata key = StampKeyMetadata.generate();
    assertNotEquals(key, StampKeyMetadata.generate());
    try (BytesStreamOutput out = new BytesStreamOutput()) {
      key.writeTo(out);
      assertEquals(key, new StampKeyMetadata(out.bytes().streamInput()));
    }
    String gateway = render(key, new ToXContent.MapParams(Map.of(Metadata.CONTEXT_MODE_PARAM, Metadata.CONTEXT_MODE_GATEWAY)));
    try (XContentParser parser = createParser(JsonXContent.jsonXContent, gateway)) {
      parser.nextToken();
      assertEquals(key, StampKeyMetadata.fromXContent(parser));
    }
  }

  public void testOnlyTheGatewayRendersIt() throws Exception {
    StampKeyMetadata key = StampKeyMetadata.generate();
    assertEquals(java.util.EnumSet.of(Metadata.XContentContext.GATEWAY), key.context());
    assertEquals("{}", render(key, ToXContent.EMPTY_PARAMS));
    assertEquals("{}", render(key, new ToXContent.MapParams(Map.of(Metadata.CONTEXT_MODE_PARAM, Metadata.CONTEXT_MODE_API))));
  }

  private static String render(StampKeyMetadata key, ToXContent.Params params) throws Exception {
    XContentBuilder b = JsonXContent.contentBuilder().startObject();
    key.toXContent(b, params);
    return BytesReference.bytes(b.endObject()).utf8ToString();
  }
}
