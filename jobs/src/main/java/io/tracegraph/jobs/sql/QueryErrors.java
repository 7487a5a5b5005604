package io.tracegraph.jobs.sql;

import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;

/** Turns Spark's analysis errors into messages that list what is there: the tables, and each one's columns. */
final class QueryErrors {
  private QueryErrors() {}

  static String explain(AnalysisException e, SparkSession spark, List<String> tables) {
    String condition = e.getCondition() == null ? "" : e.getCondition();
    String first = e.getMessage().lines().findFirst().orElse(e.getMessage());
    StringBuilder message = new StringBuilder("the query cannot run: ").append(first);
    if (condition.startsWith("TABLE_OR_VIEW_NOT_FOUND")) {
      message.append("\navailable tables: ").append(tables.isEmpty() ? "(none)" : String.join(", ", tables));
    } else if (condition.startsWith("UNRESOLVED_COLUMN") || condition.startsWith("UNRESOLVED_FIELD")) {
      for (String table : tables) message.append("\ncolumns of ").append(table).append(": ").append(columns(spark, table));
    }
    return message.toString();
  }

  private static String columns(SparkSession spark, String table) {
    StringJoiner names = new StringJoiner(", ");
    for (String name : spark.table(table).schema().fieldNames()) names.add(name);
    return names.toString();
  }
}
