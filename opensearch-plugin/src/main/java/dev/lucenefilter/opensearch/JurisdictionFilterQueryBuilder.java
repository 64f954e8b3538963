package dev.lucenefilter.opensearch;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.query.QueryShardException;

/**
 * {@code {"jurisdiction_filter": {"jurisdiction": "KZ"}}}: matches what a jurisdiction may see under the
 * shard's serving policy (without {@code jurisdiction}: the request's own). For explicit use, e.g. in a
 * {@code bool} filter; it can only narrow a result, because the shard's reader is already filtered for the
 * request's jurisdiction. Only on filtered indices. Built from the shard's cached exclusion sets when the query
 * runs, never during can-match (which only rewrites).
 */
public final class JurisdictionFilterQueryBuilder extends AbstractQueryBuilder<JurisdictionFilterQueryBuilder> {
  public static final String NAME = "jurisdiction_filter";
  private final String jurisdiction;

  /** @param jurisdiction the code, or null for the request's jurisdiction */
  public JurisdictionFilterQueryBuilder(String jurisdiction) { this.jurisdiction = jurisdiction; }

  public JurisdictionFilterQueryBuilder(StreamInput in) throws IOException {
    super(in);
    jurisdiction = in.readOptionalString();
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException { out.writeOptionalString(jurisdiction); }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    if (jurisdiction != null) builder.field("jurisdiction", jurisdiction);
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  /** Parses the query's body. */
  public static JurisdictionFilterQueryBuilder fromXContent(XContentParser parser) throws IOException {
    String jurisdiction = null, queryName = null, field = null;
    float boost = DEFAULT_BOOST;
    XContentParser.Token token;
    while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
      if (token == XContentParser.Token.FIELD_NAME) {
        field = parser.currentName();
      } else if (token.isValue() && "jurisdiction".equals(field)) {
        jurisdiction = parser.text();
      } else if (token.isValue() && "boost".equals(field)) {
        boost = parser.floatValue();
      } else if (token.isValue() && "_name".equals(field)) {
        queryName = parser.text();
      } else {
        throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] does not support [" + field + "]");
      }
    }
    JurisdictionFilterQueryBuilder b = new JurisdictionFilterQueryBuilder(jurisdiction);
    b.boost(boost);
    if (queryName != null) b.queryName(queryName);
    return b;
  }

  @Override
  protected Query doToQuery(QueryShardContext context) throws IOException {
    JurisdictionDirectoryReader reader = JurisdictionDirectoryReader.find(context.getIndexReader());
    if (reader == null) {
      throw new QueryShardException(context, "[" + NAME + "] needs an index with [" + PluginSettings.INDEX_ENABLED.getKey() + "]: true");
    }
    LazyExclusions ex = reader.exclusions();
    String j = jurisdiction == null ? ex.jurisdiction() : jurisdiction;
    if (!ex.snapshot().hasJurisdiction(j)) {
      throw new QueryShardException(context, "[" + NAME + "] unknown jurisdiction [" + j + "] in policy " + ex.snapshot().version());
    }
    return ex.cache().visibleQuery(ex.base(), ex.snapshot(), j, ex.now());
  }

  @Override
  protected boolean doEquals(JurisdictionFilterQueryBuilder other) { return Objects.equals(jurisdiction, other.jurisdiction); }

  @Override
  protected int doHashCode() { return Objects.hashCode(jurisdiction); }

  @Override
  public String getWriteableName() { return NAME; }
}
