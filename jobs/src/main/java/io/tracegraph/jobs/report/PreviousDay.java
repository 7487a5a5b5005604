package io.tracegraph.jobs.report;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.DependenciesJson;
import io.tracegraph.reports.export.GraphJson;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.ServiceStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The previous available day of an output: the latest day directory of the reports before the day reported that
 * has a readable graph.json (or, for days written before graph.json existed, dependencies.json, whose vertices are
 * then of unknown kind). A day whose files cannot be read is skipped with a log line naming the file and why, and
 * the search goes on to the day before.
 */
record PreviousDay(LocalDate date, GraphData graph) {
  static PreviousDay find(FileSystem fs, OutputLayout out, LocalDate before, StageLog log) {
    for (LocalDate day : days(fs, out)) {
      if (!day.isBefore(before)) continue;
      Path dir = out.reportDay(day);
      Path graphJson = new Path(dir, OutputLayout.GRAPH_JSON);
      Path dependencies = new Path(dir, OutputLayout.DEPENDENCIES_JSON);
      try {
        if (fs.exists(graphJson)) return new PreviousDay(day, GraphJson.parse(read(fs, graphJson)));
        if (fs.exists(dependencies)) return new PreviousDay(day, fromLinks(day, DependenciesJson.parse(read(fs, dependencies))));
      } catch (IOException | RuntimeException e) {
        log.info("diff: skipping " + (fsExists(fs, graphJson) ? graphJson : dependencies) + ": " + e.getMessage());
      }
    }
    return null;
  }

  /** The days with a report directory, newest first. */
  static List<LocalDate> days(FileSystem fs, OutputLayout out) {
    List<LocalDate> days = new ArrayList<>();
    Path reports = out.reports();
    try {
      if (!fs.exists(reports)) return days;
      for (FileStatus s : fs.listStatus(reports)) {
        LocalDate day = OutputLayout.reportDayOf(s.getPath().getName());
        if (s.isDirectory() && day != null) days.add(day);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reports, e);
    }
    days.sort(Comparator.reverseOrder());
    return days;
  }

  static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean fsExists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      return false;
    }
  }

  private static GraphData fromLinks(LocalDate day, List<DependencyLink> links) {
    List<CallStats> edges = new ArrayList<>();
    for (DependencyLink l : links) edges.add(CallStats.of(l.parent(), l.child(), l.callCount(), l.errorCount()));
    return new GraphData(day, null, edges, new TreeMap<String, ServiceStats>()); // vertices of unknown kind
  }
}
