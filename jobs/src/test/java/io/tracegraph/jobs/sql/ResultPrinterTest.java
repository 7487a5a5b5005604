package io.tracegraph.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.HostileNames;
import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.OutputsReadBack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Query results with hostile names, printed as CSV and as a table (no Spark session needed). */
class ResultPrinterTest {
  static final StructType SCHEMA = new StructType().add("service", DataTypes.StringType)
      .add("calls", DataTypes.LongType).add("change", DataTypes.DoubleType);
  static final List<String> NAMES = new ArrayList<>(HostileNames.ALL.subList(0, HostileNames.ALL.size() - 1));

  static {
    NAMES.add("term\u001B]0;pwned\u0007"); // an escape sequence that would retitle a terminal
  }

  static String print(ResultFormat format) {
    List<Row> rows = new ArrayList<>();
    for (String name : NAMES) rows.add(RowFactory.create(name, 7L, -0.25));
    StringWriter out = new StringWriter();
    ResultPrinter.print(SCHEMA, rows, format, new PrintWriter(out));
    return out.toString();
  }

  /** Commons CSV reads one record per row; formula-like names carry a leading '; numbers stay numbers. */
  @Test
  void csvReadsBackWithFormulasNeutralised() {
    List<List<String>> records = OutputsReadBack.csv(print(ResultFormat.CSV));
    assertEquals(List.of("service", "calls", "change"), records.get(0));
    assertEquals(NAMES.size() + 1, records.size(), "no name split a record");
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      boolean formula = "=+-@\t\r\n\uFF1D".indexOf(name.charAt(0)) >= 0;
      assertEquals(List.of(formula ? "'" + name : name, "7", "-0.25"), records.get(i + 1), name);
    }
  }

  /** The table shows invisible characters (an escape sequence, a right-to-left override) as \\uXXXX. */
  @Test
  void theTableWritesNoInvisibleCharacter() {
    String table = print(ResultFormat.TABLE);
    assertTrue(table.codePoints().noneMatch(InvisibleCharacters::is), table);
    assertTrue(table.contains("term\\u001B]0;pwned\\u0007"));
    assertTrue(table.contains("evil\\u202Egpj.exe"));
    assertFalse(table.contains("\u001B"));
  }
}
