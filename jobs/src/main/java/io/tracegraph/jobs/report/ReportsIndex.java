package io.tracegraph.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.html.ReportsIndexHtml;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * {@code OUT/reports/index.html}: lists the day directories present, with each day's headline numbers from its
 * graph.json and diff.json. Rewritten atomically after every nightly run: written to a temporary file beside it, then
 * renamed over the old one (a plain rename replaces a file atomically on local disks; where it refuses to replace,
 * as on HDFS (returns false) and S3A (throws FileAlreadyExistsException), the rename with OVERWRITE does).
 */
public final class ReportsIndex {
  private ReportsIndex() {}

  /** Rewrites {@code OUT/reports/index.html} from the day and capacity report directories present. */
  public static void rewrite(FileSystem fs, OutputLayout out, StageLog log) {
    List<ReportsIndexHtml.Day> days = new ArrayList<>();
    for (LocalDate day : PreviousDay.days(fs, out)) days.add(day(fs, out.reportDay(day), day, log));
    List<String> capacity = capacityReports(fs, out.reports());
    Path target = out.reportsIndex();
    Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream os = fs.create(temp, false)) {
        os.write(ReportsIndexHtml.render(days, capacity).getBytes(StandardCharsets.UTF_8));
      }
      if (!renamedOver(fs, temp, target)) {
        FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(temp, target, Options.Rename.OVERWRITE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      try {
        fs.delete(temp, false);
      } catch (IOException e) {
        // a leftover dot file is harmless
      }
    }
  }

  /** {@code fs.rename}, false where the file system refuses to replace an existing file. */
  private static boolean renamedOver(FileSystem fs, Path from, Path to) throws IOException {
    try {
      return fs.rename(from, to);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The {@code capacity-YYYY-MM-DD} directories that hold an index.html ({@code tracegraph capacity}). */
  private static List<String> capacityReports(FileSystem fs, Path reports) {
    List<String> names = new ArrayList<>();
    try {
      if (!fs.exists(reports)) return names;
      for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(reports)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && OutputLayout.isCapacityReport(name)
            && fs.exists(new Path(s.getPath(), OutputLayout.INDEX_HTML))) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reports, e);
    }
    return names;
  }

  private static ReportsIndexHtml.Day day(FileSystem fs, Path dir, LocalDate day, StageLog log) {
    Long services = null, peers = null, edges = null, calls = null, errors = null;
    Integer flags = null;
    boolean html = false;
    try {
      html = fs.exists(new Path(dir, OutputLayout.INDEX_HTML));
      Path graph = new Path(dir, OutputLayout.GRAPH_JSON);
      if (fs.exists(graph)) {
        JsonNode s = Json.mapper().readTree(PreviousDay.read(fs, graph)).get("summary");
        services = s.get("services").asLong() + s.path("unknown").asLong(0);
        peers = s.get("peers").asLong();
        edges = s.get("edges").asLong();
        calls = s.get("calls").asLong();
        errors = s.get("errors").asLong();
      }
      Path diff = new Path(dir, OutputLayout.DIFF_JSON);
      if (fs.exists(diff)) {
        JsonNode d = Json.mapper().readTree(PreviousDay.read(fs, diff));
        if (!d.get("previous_date").isNull()) flags = d.get("flags").asInt();
      }
    } catch (IOException | RuntimeException e) {
      log.info("reports index: " + dir + " unreadable, listed without numbers: " + e.getMessage());
    }
    return new ReportsIndexHtml.Day(day.toString(), html, services, peers, edges, calls, errors, flags);
  }
}
