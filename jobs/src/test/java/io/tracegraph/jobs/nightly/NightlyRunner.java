package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.LinksTable;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.DependenciesJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test helpers: run the nightly job on a day and read back what it wrote. */
public final class NightlyRunner {
  private NightlyRunner() {}

  public static DependencyGraphJob.Result run(SparkSession spark, NightlyOptions options) {
    return new DependencyGraphJob(options).run(spark);
  }

  public static DependencyGraphJob.Result run(SparkSession spark, Path spans, Path out, LocalDate day) {
    return run(spark, spans, out, day, NightlyOptions.DEFAULT_GRACE, false);
  }

  static DependencyGraphJob.Result run(SparkSession spark, Path spans, Path out, LocalDate day, Duration grace,
                                       boolean skipBadFiles) {
    return new DependencyGraphJob(NightlyOptions.builder(spans.toString(), out.toString(), day).grace(grace)
        .skipBadFiles(skipBadFiles).build()).run(spark);
  }

  /** The rows of table {@code table} for {@code day}, read through the partitioned table root, in file order. */
  public static List<Row> table(SparkSession spark, Path out, String table, LocalDate day) {
    return spark.read().parquet(out.resolve("tables").resolve(table).toString())
        .where("date = '" + day + "'").drop("date").collectAsList();
  }

  public static Path report(Path out, LocalDate day, String file) {
    return out.resolve("reports").resolve(day.toString()).resolve(file);
  }

  public static List<DependencyLink> jsonLinks(Path out, LocalDate day) throws IOException {
    return DependenciesJson.parse(Files.readString(report(out, day, OutputLayout.DEPENDENCIES_JSON)));
  }

  /** The links in the Parquet table for {@code day}, read through the partitioned table root as a notebook would. */
  public static List<DependencyLink> tableLinks(SparkSession spark, Path out, LocalDate day) {
    List<DependencyLink> links = new ArrayList<>();
    for (Row r : spark.read().parquet(out.resolve("tables").resolve(LinksTable.TABLE.name()).toString())
        .where("date = '" + day + "'")
        .select("parent", "child", "call_count", "error_count").collectAsList()) {
      links.add(new DependencyLink(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
    }
    links.sort(DependencyLink.ORDER);
    return links;
  }
}
