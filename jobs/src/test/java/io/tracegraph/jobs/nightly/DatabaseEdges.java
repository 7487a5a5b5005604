package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.TrafficScenarios;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every source must make of {@link TrafficScenarios#databases()} (a Redis, a PostgreSQL with two namespaces, a
 * MongoDB client): nodes named by the database system in {@code dependency_links}, one {@code database} row per
 * namespace in {@code edges}, the namespace as its destination.
 */
public final class DatabaseEdges {
  private DatabaseEdges() {}

  public static void assertWritten(SparkSession spark, Path out, LocalDate day, DependencyGraphJob.Result result) {
    assertEquals(TrafficScenarios.databaseLinks(), result.links(), "nodes named by the database system");
    Map<EdgeKey, String> found = new TreeMap<>(EdgeKey.ORDER);
    for (Row e : NightlyRunner.table(spark, out, TrafficTables.EDGES, day)) {
      found.put(new EdgeKey(e.getAs("caller"), e.getAs("callee"), ConnectionType.ofKey(e.getAs("connection_type")),
          e.getAs("broker"), e.getAs("destination")), e.<Long>getAs("calls") + "/" + e.<Long>getAs("errors"));
    }
    Map<EdgeKey, String> expected = new TreeMap<>(EdgeKey.ORDER);
    TrafficScenarios.databaseEdges().forEach((k, c) -> expected.put(k, c[0] + "/" + c[1]));
    assertEquals(expected, found, "one database edge per namespace, the namespace as destination");
  }
}
