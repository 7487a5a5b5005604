package io.tracegraph.jobs.io;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Where everything lives under an output root: the one place that spells the layout other tools read.
 *
 * <pre>
 * OUT/tables/&lt;table&gt;/date=YYYY-MM-DD/      a table's rows of one day (tracegraph nightly)
 * OUT/reports/YYYY-MM-DD/                   the day's reports: dependencies.json, run.json, index.html, graph.*,
 *                                           diff.json
 * OUT/reports/index.html                    every day's report, and the capacity reports
 * OUT/reports/capacity-YYYY-MM-DD/          a capacity report, named after its last day (tracegraph capacity)
 * OUT/rollups/&lt;from&gt;_&lt;to&gt;/tables/&lt;table&gt;/  a range's traffic tables (tracegraph rollup)
 * OUT/.staging/                             outputs being written; never read, removed after each run (and
 *                                           a killed run's by a later run of the day, or once its lock is gone)
 * OUT/.locks/YYYY-MM-DD.lock                the lock of a day being written (DayLock): its run's host, pid, start
 * </pre>
 *
 * A layout may be rooted at a staging directory as well: the atomic outputs ({@link DayOutput}, ...) write the same
 * layout there and then move each directory to the same place under the output root.
 */
public final class OutputLayout {
  public static final String TABLES = "tables";
  public static final String REPORTS = "reports";
  public static final String ROLLUPS = "rollups";
  public static final String STAGING = ".staging";
  public static final String LOCKS = ".locks";
  /** The Hive-style partition column of the daily tables, {@code date=YYYY-MM-DD} (a view's {@code date} column). */
  public static final String DATE_PARTITION = "date";
  // The files of a day's report directory (and index.html of the reports, and of a capacity report).
  public static final String DEPENDENCIES_JSON = "dependencies.json";
  public static final String RUN_JSON = "run.json";
  public static final String GRAPH_JSON = "graph.json";
  public static final String GRAPH_DOT = "graph.dot";
  public static final String GRAPH_GRAPHML = "graph.graphml";
  public static final String GRAPH_MMD = "graph.mmd";
  public static final String DIFF_JSON = "diff.json";
  public static final String INDEX_HTML = "index.html";
  private static final String CAPACITY_PREFIX = "capacity-";
  private static final Pattern CAPACITY_REPORT = Pattern.compile(CAPACITY_PREFIX + "\\d{4}-\\d{2}-\\d{2}");

  private final Path root;

  private OutputLayout(Path root) {
    this.root = Objects.requireNonNull(root, "root == null");
  }

  public static OutputLayout of(Path root) {
    return new OutputLayout(root);
  }

  public static OutputLayout of(String root) {
    return of(new Path(root));
  }

  public Path root() {
    return root;
  }

  /** {@code OUT/tables}: one folder per table. */
  public Path tables() {
    return new Path(root, TABLES);
  }

  /** {@code OUT/tables/<table>}: the table's day partitions. */
  public Path table(String table) {
    return new Path(tables(), table);
  }

  /** {@code OUT/tables/<table>/date=D}: the table's rows of day {@code day}. */
  public Path tableDay(String table, LocalDate day) {
    return new Path(table(table), partition(day));
  }

  /** {@code OUT/reports}: the day directories, the capacity reports and the index. */
  public Path reports() {
    return new Path(root, REPORTS);
  }

  /** {@code OUT/reports/D}: the reports of day {@code day}. */
  public Path reportDay(LocalDate day) {
    return new Path(reports(), day.toString());
  }

  /** {@code OUT/reports/index.html}. */
  public Path reportsIndex() {
    return new Path(reports(), INDEX_HTML);
  }

  /** {@code OUT/reports/capacity-<to>}: the capacity report of a range ending on {@code to}. */
  public Path capacityReport(LocalDate to) {
    return new Path(reports(), CAPACITY_PREFIX + to);
  }

  /** True for the name of a capacity report directory under {@code OUT/reports}. */
  public static boolean isCapacityReport(String name) {
    return CAPACITY_REPORT.matcher(name).matches();
  }

  /** The day of a day directory's name under {@code OUT/reports}, or null for any other name. */
  public static LocalDate reportDayOf(String name) {
    try {
      return LocalDate.parse(name);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** True for the name of a day partition of a table, {@code date=...}. */
  public static boolean isPartition(String name) {
    return name.startsWith(DATE_PARTITION + "=");
  }

  /** {@code OUT/rollups/<from>_<to>}: everything a rollup of the range wrote. */
  public Path rollup(LocalDate from, LocalDate to) {
    return new Path(new Path(root, ROLLUPS), from + "_" + to);
  }

  /** {@code OUT/rollups/<from>_<to>/tables/<table>}: a rollup's table (one Parquet file, no partitions). */
  public Path rollupTable(LocalDate from, LocalDate to, String table) {
    return rollupTable(rollup(from, to), table);
  }

  /** {@code <rollup>/tables/<table>}: a table in a rollup's directory (in place, or staged). */
  public static Path rollupTable(Path rollup, String table) {
    return new Path(new Path(rollup, TABLES), table);
  }

  /** {@code OUT/.staging}: where outputs are written before they are moved into place. */
  public Path staging() {
    return new Path(root, STAGING);
  }

  /** {@code OUT/.locks/D.lock}: the lock of day {@code day} ({@link DayLock}). */
  public Path dayLock(LocalDate day) {
    return new Path(new Path(root, LOCKS), day + ".lock");
  }

  /**
   * The day of a day's staging directory name under {@code OUT/.staging} ({@code D-<uuid>}, {@link DayOutput}), or
   * null for any other name (a rollup's, a capacity report's).
   */
  public static LocalDate stagedDayOf(String name) {
    if (name.length() < 11 || name.charAt(10) != '-') return null;
    return reportDayOf(name.substring(0, 10));
  }

  private static String partition(LocalDate day) {
    return DATE_PARTITION + "=" + day;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
