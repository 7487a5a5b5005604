package io.tracegraph.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.tools.GeneratedWeek;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The "Questions answered with tracegraph sql" (docs/querying.md, linked from the README) are queries planners copy:
 * each must run on real output (a generated week, through the same views {@code tracegraph sql} registers) and
 * answer with rows, so a renamed column or a typo in the page fails the build.
 */
class SqlQuestionsTest extends SparkTestBase {
  private static final Path PAGE = Path.of(System.getProperty("tracegraph.root", "..")).resolve("docs/querying.md");
  private static final String SECTION = "## Questions answered with `tracegraph sql`";

  @Test
  void everyQuestionInTheDocsRunsAndAnswers() throws IOException {
    List<String> queries = queries(Files.readAllLines(PAGE));
    assertTrue(queries.size() >= 5, PAGE + " section '" + SECTION + "' has " + queries.size() + " queries");
    OutputTables.register(spark(), GeneratedWeek.out().toString(), null, null);
    for (String query : queries) {
      Dataset<Row> result = spark().sql(query);
      List<Row> rows = result.collectAsList();
      assertFalse(rows.isEmpty(), "no rows for:\n" + query);
      for (Row row : rows) {
        assertEquals(result.columns().length, row.size());
        assertFalse(row.isNullAt(0), "first column null for:\n" + query);
      }
    }
  }

  /** The ```sql blocks of the section, without their leading comment line. */
  private static List<String> queries(List<String> lines) {
    int start = lines.indexOf(SECTION);
    assertTrue(start >= 0, PAGE + " has no section " + SECTION);
    List<String> queries = new ArrayList<>();
    StringBuilder query = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) break; // the next section
      if (line.equals("```sql")) {
        query = new StringBuilder();
      } else if (line.equals("```") && query != null) {
        queries.add(query.toString().strip());
        query = null;
      } else if (query != null && !line.startsWith("--")) {
        query.append(line).append('\n');
      }
    }
    return queries;
  }
}
