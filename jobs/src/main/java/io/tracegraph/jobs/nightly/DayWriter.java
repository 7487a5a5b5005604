package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.OutputFullException;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.report.DayReportWriter;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.jobs.tables.ExemplarsTable;
import io.tracegraph.jobs.tables.LinksTable;
import io.tracegraph.jobs.tables.Table;
import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Exemplar;
import io.tracegraph.reports.DependenciesJson;
import io.tracegraph.reports.RunReport;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one analysed day atomically ({@link DayOutput}): the {@code dependency_links} table and dependencies.json;
 * for a full day the traffic, trace-analysis and exemplars tables; run.json; the reports ({@link DayReportWriter}); then
 * commits. A failure before the commit leaves the previous output of the day as it was.
 */
public final class DayWriter {
  private final NightlyOptions options;
  private final StageLog log;

  public DayWriter(NightlyOptions options, StageLog log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Writes and commits the day; returns its run report (as written to run.json). {@code beforeCommit} runs just
   * before the commit and stops it by throwing (the day's lock, checked to be still this run's).
   */
  public RunReport write(SparkSession spark, DayResult result, Runnable beforeCommit) {
    var conf = spark.sparkContext().hadoopConfiguration();
    DayOutput output = DayOutput.begin(options.out(), options.date(), conf);
    try (output) {
      Table<DependencyLink> links = LinksTable.TABLE;
      output.writeTable(spark, links.name(), links.schema(), links.rows(result.links()));
      output.writeReport(OutputLayout.DEPENDENCIES_JSON, DependenciesJson.render(result.links()));
      log.done("write", "links=" + result.links().size());
      if (result instanceof DayResult.Full full) writeTables(spark, output, full);
      RunReport report = runReport(result);
      output.writeReport(OutputLayout.RUN_JSON, report.toJson());
      DayReportWriter reports = new DayReportWriter(options.date(), options.diff(), log, options.traceUrl());
      if (result instanceof DayResult.Full full) {
        reports.writeFull(spark, output, full.links(), full.services(), report, full.traffic(), full.analyses(),
            full.spanLinks(), full.exemplars());
      } else {
        reports.writeLinksOnly(output, result.links(), result.services(), report);
      }
      beforeCommit.run();
      output.commit();
      log.info("wrote " + output.reportPath(OutputLayout.DEPENDENCIES_JSON).getParent());
      return report;
    } catch (Exception e) { // Spark's failures too; the staging is removed by then
      OutputFullException full = OutputFullException.of(e, output.committed()
          ? "day " + options.date() + " is committed to " + options.out() + ", but the reports index could not be "
              + "rewritten (free space; the next run rewrites it)"
          : "cannot write day " + options.date() + " to " + options.out()
              + " (the previous output of the day is unchanged; free space and run the day again)");
      if (full != null) throw full;
      throw e;
    }
  }

  /** The traffic tables, the trace analyses' tables and the exemplars of a full day. */
  private void writeTables(SparkSession spark, DayOutput output, DayResult.Full day) {
    Map<String, List<Row>> traffic = TrafficTables.rows(day.traffic(), options.date(), options.date());
    traffic.forEach((table, rows) -> output.writeTable(spark, table, TrafficTables.schema(table), rows));
    log.done("write traffic", "edges=" + traffic.get(TrafficTables.EDGES).size() + " operation_edges="
        + traffic.get(TrafficTables.OPERATION_EDGES).size() + " services="
        + traffic.get(TrafficTables.SERVICES).size() + " operations="
        + traffic.get(TrafficTables.OPERATIONS).size() + " entry_points="
        + traffic.get(TrafficTables.ENTRY_POINTS).size());
    StringBuilder written = new StringBuilder();
    Map<String, List<Row>> analyses = AnalysisTables.rows(day.analyses());
    analyses.forEach((table, rows) -> {
      output.writeTable(spark, table, TableCatalog.table(table).schema(), rows);
      written.append(' ').append(table).append('=').append(rows.size());
    });
    Table<Exemplar> exemplars = ExemplarsTable.TABLE;
    output.writeTable(spark, exemplars.name(), exemplars.schema(), exemplars.rows(day.exemplars()));
    written.append(' ').append(exemplars.name()).append('=').append(day.exemplars().size());
    log.done("write analyses", written.toString().trim());
  }

  /** run.json: what was read, dropped and repaired, the trace counters, the stages' seconds, the sections. */
  private RunReport runReport(DayResult result) {
    DayResult.DayCounts c = result.counts();
    DayPlan plan = c.plan();
    return new RunReport(BuildInfo.version(), c.day().toString(), plan.format().key(), plan.startedAt(),
        plan.scan().inputFiles(), plan.skippedFiles(), plan.scan().missingColumns(), plan.scan().counters(),
        c.rowsRead(), c.dropped(), c.repairs(), c.counters(), result.links().size(), log.secondsByStage(),
        RunSections.of(result));
  }
}
