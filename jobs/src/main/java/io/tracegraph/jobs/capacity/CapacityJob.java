package io.tracegraph.jobs.capacity;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.io.ReportDirectoryOutput;
import io.tracegraph.jobs.report.ReportsIndex;
import io.tracegraph.jobs.sql.OutputTables;
import io.tracegraph.reports.capacity.CapacityCsv;
import io.tracegraph.reports.capacity.CapacityHtml;
import io.tracegraph.reports.capacity.CapacityInput;
import io.tracegraph.reports.capacity.CapacityInput.EdgeDay;
import io.tracegraph.reports.capacity.CapacityInput.EntryDay;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityInput.ServiceDay;
import io.tracegraph.reports.capacity.CapacityJson;
import io.tracegraph.reports.capacity.CapacityReport;
import io.tracegraph.reports.capacity.WhatIf;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tracegraph capacity}: reads the daily traffic tables of a range ({@code edges}, {@code services},
 * {@code entry_points}, and {@code totals} for the days present) through the {@code tracegraph sql} views, only the
 * columns the report needs, and hands one small row per table row and day to the driver; everything else happens
 * in {@link CapacityReport} (no Spark). Writes {@code OUT/reports/capacity-<to>/} atomically.
 */
public final class CapacityJob {
  public static final String JSON = "capacity.json";
  public static final String SERVICES_CSV = "services.csv";
  public static final String EDGES_CSV = "edges.csv";
  public static final String WHATIF_CSV = "whatif.csv";
  public static final String INDEX_HTML = "index.html";

  static final String EDGES_QUERY = "SELECT CAST(date AS STRING) AS date, caller, callee, connection_type, broker, "
      + "destination, calls, busiest_minute_calls, server_sketch, client_sketch FROM edges";
  // busiest_minute_calls is null on days written before tables v2 (the views merge the days' schemas).
  static final String SERVICES_QUERY = "SELECT CAST(date AS STRING) AS date, service, server_requests, "
      + "latency_sketch, busiest_minute_calls FROM services";
  static final String ENTRIES_QUERY = "SELECT CAST(date AS STRING) AS date, service, operation, requests, downstream, "
      + "busiest_minute_calls FROM entry_points";
  private static final List<String> NEEDED = List.of("edges", "services", "entry_points");

  private final CapacityOptions options;

  public CapacityJob(CapacityOptions options) {
    this.options = options;
  }

  /** What was written: the report directory and the report. */
  public record Result(String directory, CapacityReport report) {}

  public Result run(SparkSession spark, StageLog log) {
    log.start();
    OutputLayout layout = OutputLayout.of(options.out());
    OutputTables.Registered registered = OutputTables.register(spark, options.out(), options.from(), options.to());
    if (registered.skippedLine() != null) log.warn(registered.skippedLine());
    List<String> tables = registered.names();
    List<String> missing = NEEDED.stream().filter(t -> !tables.contains(t)).toList();
    if (!missing.isEmpty()) {
      throw new BadInputException("no " + String.join(", ", missing) + " table under "
          + layout.tables() + " (found: " + String.join(", ", tables)
          + "): run tracegraph nightly first");
    }
    Set<LocalDate> days = new TreeSet<>();
    for (String t : tables.contains("totals") ? List.of("totals", "edges", "entry_points") : NEEDED) {
      for (Row r : spark.sql("SELECT DISTINCT CAST(date AS STRING) AS date FROM " + t).collectAsList()) {
        days.add(LocalDate.parse(r.getString(0)));
      }
    }
    if (days.isEmpty()) {
      throw new BadInputException("no traffic tables for " + options.from() + ".." + options.to() + " under "
          + layout.tables() + ": run tracegraph nightly for those days first");
    }
    spark.sparkContext().setJobDescription("tracegraph capacity: read edges");
    List<EdgeDay> edges = new ArrayList<>();
    for (Row r : spark.sql(EDGES_QUERY).collectAsList()) edges.add(CapacityRows.edge(r));
    spark.sparkContext().setJobDescription("tracegraph capacity: read services");
    List<ServiceDay> services = new ArrayList<>();
    for (Row r : spark.sql(withV2Columns(spark, "services", SERVICES_QUERY)).collectAsList()) {
      services.add(CapacityRows.service(r));
    }
    spark.sparkContext().setJobDescription("tracegraph capacity: read entry_points");
    List<EntryDay> entries = new ArrayList<>();
    for (Row r : spark.sql(withV2Columns(spark, "entry_points", ENTRIES_QUERY)).collectAsList()) {
      entries.add(CapacityRows.entry(r));
    }
    spark.sparkContext().setJobDescription(null);
    log.done("read", "days=" + days.size() + " edge_rows=" + edges.size() + " service_rows=" + services.size()
        + " entry_rows=" + entries.size());

    checkEntries(entries);
    CapacityInput input = new CapacityInput(options.from(), options.to(), List.copyOf(days), edges, services, entries);
    CapacityReport report = CapacityReport.build(input, options.horizonDays(), new WhatIf(options.scale()));
    try (ReportDirectoryOutput output = ReportDirectoryOutput.begin(layout, options.reportDir(),
        spark.sparkContext().hadoopConfiguration())) {
      output.write(JSON, CapacityJson.render(report));
      output.write(SERVICES_CSV, CapacityCsv.services(report));
      output.write(EDGES_CSV, CapacityCsv.edges(report));
      if (!report.whatIf().isEmpty()) output.write(WHATIF_CSV, CapacityCsv.whatIf(report));
      output.write(INDEX_HTML, CapacityHtml.render(report));
      output.commit();
      log.done("write", "services=" + report.services().size() + " edges=" + report.edges().size() + " ranked="
          + report.ranking().size() + " -> " + output.target());
      // The list of all reports links the capacity reports too.
      ReportsIndex.rewrite(output.fileSystem(), layout, log);
      return new Result(output.target().toString(), report);
    }
  }

  /** When no day of the range has tables v2, the view has no busiest_minute_calls: read it as null. */
  static String withV2Columns(SparkSession spark, String view, String query) {
    boolean v2 = List.of(spark.table(view).columns()).contains("busiest_minute_calls");
    return v2 ? query : query.replace("busiest_minute_calls FROM", "CAST(NULL AS BIGINT) AS busiest_minute_calls FROM");
  }

  /** Every entry point named by {@code --scale} must appear in the range; otherwise list the ones that do. */
  private void checkEntries(List<EntryDay> entries) {
    Set<EntryKey> known = new TreeSet<>();
    for (EntryDay e : entries) known.add(e.key());
    List<String> unknown = options.scale().keySet().stream().filter(k -> !known.contains(k))
        .map(EntryKey::label).toList();
    if (!unknown.isEmpty()) {
      throw new BadInputException("--scale names no entry point of " + options.from() + ".." + options.to() + ": '"
          + String.join("', '", unknown) + "'; known entry points: " + String.join(", ",
          known.stream().map(k -> "'" + k.label() + "'").toList()));
    }
  }
}
