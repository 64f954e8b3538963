package dev.lucenefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What embedders get from the library artifact: exactly Lucene, ICU4J (through lucene-analysis-icu), Jackson and
 * slf4j-api, no command line (picocli, progressbar, jline), no logging binding, no Main-Class or Class-Path, a
 * stable module name, and sources and Javadoc jars. Read from this module's pom (tests run in its directory).
 */
class LibraryArtifactTest {
  private static final Document POM = parse(Path.of("pom.xml"));

  private static Document parse(Path p) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + p.toAbsolutePath(), e);
    }
  }

  private static String child(Element e, String name) {
    NodeList l = e.getElementsByTagName(name);
    return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
  }

  private static List<Element> elements(Node parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
    }
    return out;
  }

  @Test
  void runtimeDependenciesAreLuceneIcuJacksonSlf4jApiAndCaffeineOnly() {
    Element project = POM.getDocumentElement();
    Element deps = elements(project, "dependencies").get(0);
    List<String> runtime = new ArrayList<>();
    for (Element d : elements(deps, "dependency")) {
      String scope = child(d, "scope");
      String id = child(d, "groupId") + ":" + child(d, "artifactId");
      boolean testOnly = "test".equals(scope) || id.startsWith("org.junit") || id.startsWith("org.assertj")
          || id.equals("org.slf4j:slf4j-nop");
      if (!testOnly) runtime.add(id);
    }
    assertThat(runtime).containsExactly(
        "org.apache.lucene:lucene-core",
        "org.apache.lucene:lucene-analysis-common",
        "org.apache.lucene:lucene-analysis-icu",
        "org.apache.lucene:lucene-highlighter",
        "com.fasterxml.jackson.core:jackson-core",
        "com.fasterxml.jackson.core:jackson-databind",
        "org.slf4j:slf4j-api",
        "com.github.ben-manes.caffeine:caffeine");
  }

  @Test
  void testOnlyDependenciesAreTestScopedInTheParent() {
    Document parent = parse(Path.of("..", "pom.xml"));
    Element managed = (Element) parent.getElementsByTagName("dependencyManagement").item(0);
    for (Element d : elements((Element) managed.getElementsByTagName("dependencies").item(0), "dependency")) {
      String a = child(d, "artifactId");
      if (a.startsWith("junit") || a.startsWith("assertj") || a.equals("slf4j-nop")) {
        assertThat(child(d, "scope")).as(a).isEqualTo("test");
      }
    }
  }

  @Test
  void jarHasAModuleNameAndNoLauncherEntries() {
    String pom = POM.getDocumentElement().getElementsByTagName("build").item(0).getTextContent();
    assertThat(child(POM.getDocumentElement(), "Automatic-Module-Name")).isEqualTo("dev.lucenefilter");
    assertThat(POM.getElementsByTagName("mainClass").getLength()).isZero();
    assertThat(POM.getElementsByTagName("addClasspath").getLength()).isZero();
    assertThat(pom).contains("maven-source-plugin").contains("maven-javadoc-plugin");
  }
}
