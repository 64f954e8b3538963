package dev.lucenefilter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.Fields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each field name and the stored-record decoding are defined once: the index schema declares only its own fields
 * (the ones filters read live in {@link FilterFields}), and stored records are parsed in {@code
 * filter/StoredRecord} alone.
 */
class OneDefinitionTest {
  @Test
  void theIndexSchemaDoesNotReExportTheFilterFields() throws IllegalAccessException {
    Set<Object> filterValues = new java.util.HashSet<>();
    for (Field f : FilterFields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) filterValues.add(f.get(null));
    }
    List<String> own = new ArrayList<>();
    List<String> reExported = new ArrayList<>();
    for (Field f : Fields.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) continue;
      (filterValues.contains(f.get(null)) ? reExported : own).add(f.getName());
    }
    assertThat(reExported).isEmpty();
    assertThat(own).containsExactlyInAnyOrder("UID", "POSITION_GAP", "DATE", "VIEWS", "SUBSCRIBERS");
    assertThat(Arrays.stream(Fields.class.getMethods()).filter(m -> Modifier.isStatic(m.getModifiers()))
        .map(m -> m.getName()).collect(Collectors.toSet())).containsExactlyInAnyOrder("uid", "checkKind");
  }

  @Test
  void storedRecordsAreParsedInOnePlace() throws IOException {
    List<String> parsers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(LayeringTest.MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String src = Files.readString(f);
        if (src.contains("RecordJson.parsePost(") || src.contains("RecordJson.parseChannel(")) {
          parsers.add(LayeringTest.MAIN.relativize(f).toString().replace('\\', '/'));
        }
      }
    }
    assertThat(parsers).containsExactly("filter/StoredRecord.java");
  }
}
