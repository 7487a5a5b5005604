package io.tracegraph.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * The output tables are a public interface, so a schema change must be deliberate and documented: the schemas are
 * pinned in {@code golden/tables-v<VERSION>.txt}, every column's name, type and nullability must match
 * {@code docs/tables.md}, and the document must name the current version. Changing a table therefore means: bump
 * {@link TableCatalog#VERSION}, add the new golden file (keep the old ones: they are the history), update the doc.
 * {@code -Dgolden.update=true} writes the current version's golden file.
 */
class TableSchemasTest {
  static final Path ROOT = Path.of(System.getProperty("tracegraph.root", ".."));
  static final Path DOC = ROOT.resolve("docs/tables.md");
  static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");

  @Test
  void schemasArePinnedForThisVersion() throws IOException {
    Path golden = GOLDEN_DIR.resolve("tables-v" + TableCatalog.VERSION + ".txt");
    if (Boolean.getBoolean("golden.update")) Files.writeString(golden, TableCatalog.describe());
    if (!Files.exists(golden)) {
      fail("no " + golden + ": a new tables version needs its golden file (run once with -Dgolden.update=true)");
    }
    assertEquals(Files.readString(golden), TableCatalog.describe(), "the output tables' schemas changed: bump "
        + "TableCatalog.VERSION, add golden/tables-v<N>.txt (-Dgolden.update=true) and update docs/tables.md");
  }

  /** An older version's golden file that equals today's schemas means the version was bumped without a change. */
  @Test
  void everyOlderVersionDiffers() throws IOException {
    String current = TableCatalog.describe().lines().skip(1).reduce("", (a, b) -> a + b + "\n");
    try (Stream<Path> files = Files.list(GOLDEN_DIR)) {
      for (Path old : files.filter(f -> f.getFileName().toString().matches("tables-v\\d+\\.txt")).toList()) {
        if (old.getFileName().toString().equals("tables-v" + TableCatalog.VERSION + ".txt")) continue;
        String text = Files.readString(old).lines().skip(1).reduce("", (a, b) -> a + b + "\n");
        assertNotEquals(current, text, old + " has the same schemas as version " + TableCatalog.VERSION);
      }
    }
  }

  @Test
  void docNamesTheVersionAndEveryTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    assertTrue(doc.contains("**tables v" + TableCatalog.VERSION + "**"),
        "docs/tables.md must say **tables v" + TableCatalog.VERSION + "**");
    Map<String, List<DocColumn>> documented = TablesDoc.parse(doc);
    assertEquals(List.copyOf(TableCatalog.schemas().keySet()), List.copyOf(documented.keySet()),
        "docs/tables.md documents exactly the tables the nightly job writes, in the same order");
  }

  @Test
  void docMatchesEveryColumnTypeAndNullability() throws IOException {
    Map<String, List<DocColumn>> documented = TablesDoc.parse(Files.readString(DOC, StandardCharsets.UTF_8));
    TableCatalog.schemas().forEach((table, schema) -> {
      List<DocColumn> expected = new ArrayList<>();
      for (StructField f : schema.fields()) {
        expected.add(new DocColumn(f.name(), f.dataType().catalogString(), f.nullable()));
      }
      assertEquals(lines(expected), lines(documented.get(table)), "docs/tables.md, table " + table);
    });
  }

  /** One line per column, so that a failure shows a readable diff. */
  private static String lines(List<DocColumn> columns) {
    StringBuilder text = new StringBuilder();
    if (columns != null) {
      for (DocColumn c : columns) {
        text.append(c.name()).append(' ').append(c.type()).append(c.nullable() ? " null" : "").append('\n');
      }
    }
    return text.toString();
  }

  /** A documented column: name, Spark SQL type, nullable. */
  record DocColumn(String name, String type, boolean nullable) {}

  /**
   * Reads docs/tables.md: a {@code ## Table `name`} heading starts a table's section; its first Markdown table's
   * rows are {@code | `column` | type | unit | nullable | meaning |}. A row {@code `<prefix>_*`} of type
   * {@code latency group} stands for the columns of the {@code ## Latency group} section with the prefix filled in.
   */
  static final class TablesDoc {
    private static final Pattern TABLE_HEADING = Pattern.compile("^## Table `([a-z_]+)`\\s*$");
    private static final Pattern ROW =
        Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|[^|]*\\|\\s*(yes|no|)\\s*\\|.*$");

    static Map<String, List<DocColumn>> parse(String doc) {
      Map<String, List<DocColumn>> tables = new java.util.LinkedHashMap<>();
      List<DocColumn> group = new ArrayList<>();
      List<DocColumn> current = null;
      for (String line : doc.lines().toList()) {
        Matcher heading = TABLE_HEADING.matcher(line);
        if (heading.matches()) {
          current = new ArrayList<>();
          tables.put(heading.group(1), current);
          continue;
        }
        if (line.startsWith("## Latency group")) {
          current = group;
          continue;
        }
        if (line.startsWith("## ")) {
          current = null;
          continue;
        }
        Matcher row = ROW.matcher(line);
        if (current == null || !row.matches()) continue;
        String type = row.group(2).replace("&lt;", "<").replace("&gt;", ">").replace(" ", "");
        boolean nullable = row.group(3).equals("yes");
        current.add(new DocColumn(row.group(1), type, nullable));
      }
      tables.replaceAll((name, columns) -> expandGroups(name, columns, group));
      return tables;
    }

    private static List<DocColumn> expandGroups(String table, List<DocColumn> columns, List<DocColumn> group) {
      List<DocColumn> expanded = new ArrayList<>();
      for (DocColumn c : columns) {
        if (!c.type().equals("latencygroup")) {
          expanded.add(c);
          continue;
        }
        if (!c.name().endsWith("_*")) throw new IllegalArgumentException(table + ": group row " + c.name());
        String prefix = c.name().substring(0, c.name().length() - 2);
        for (DocColumn g : group) {
          expanded.add(new DocColumn(g.name().replace("<prefix>", prefix), g.type(), g.nullable()));
        }
      }
      return expanded;
    }
  }
}
