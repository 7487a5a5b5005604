package io.tracegraph.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.sql.OutputTables;
import io.tracegraph.tools.GeneratedWeek;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The planners' notebooks ({@code notebooks/*.ipynb}) run headless on a generated week, as CI runs them: each is
 * executed by {@code jupyter nbconvert --execute} with its parameters taken from the environment, through a launcher
 * that runs {@code tracegraph} on this test's classpath (so no nested Maven build). A failing cell fails the test,
 * and each notebook's headline must agree with the same question asked of the tables through Spark. Without
 * Jupyter the execution tests are skipped, unless {@code TRACEGRAPH_REQUIRE_NOTEBOOKS=1} (set by {@code .ci/run}).
 * The notebooks are kept in git without outputs, which is checked always.
 */
class NotebooksTest extends SparkTestBase {
  static final Path ROOT = Path.of(System.getProperty("tracegraph.root", "..")).toAbsolutePath().normalize();
  static final Path NOTEBOOKS = ROOT.resolve("notebooks");
  static final List<String> REQUIRED = List.of("capacity-overview", "service-deep-dive", "what-if");
  static final ObjectMapper JSON = new ObjectMapper();
  /** A service of the generated world with callers, callees and errors starting in it. */
  static final String SERVICE = "catalog";

  /** Committed notebooks carry no outputs or execution counts, and start with an overridable parameters cell. */
  @Test
  void notebooksAreStoredWithoutOutputs() throws IOException {
    List<Path> notebooks = notebooks();
    for (String name : REQUIRED) assertTrue(notebooks.contains(NOTEBOOKS.resolve(name + ".ipynb")), name);
    for (Path notebook : notebooks) {
      JsonNode cells = JSON.readTree(notebook.toFile()).get("cells");
      JsonNode firstCode = null;
      for (JsonNode cell : cells) {
        if (!cell.get("cell_type").asText().equals("code")) continue;
        if (firstCode == null) firstCode = cell;
        assertTrue(cell.get("outputs").isEmpty(), notebook.getFileName() + ": a cell has outputs (clear them)");
        assertTrue(cell.get("execution_count").isNull(), notebook.getFileName() + ": a cell has an execution count");
      }
      assertNotNull(firstCode, notebook + " has code");
      String parameters = source(firstCode);
      assertTrue(firstCode.path("metadata").path("tags").toString().contains("parameters")
          && parameters.contains("os.environ.get(\"TRACEGRAPH_OUT\"") && parameters.contains("TRACEGRAPH_LAUNCHER"),
          notebook.getFileName() + ": the first code cell is the parameters cell, overridable from the environment");
    }
  }

  /** The busiest edge of the week, as the notebook prints it, is the one Spark finds. */
  @Test
  void capacityOverview() throws Exception {
    JsonNode executed = execute("capacity-overview");
    registerTables();
    Row top = spark().sql("SELECT caller, callee, connection_type, sum(calls) AS calls FROM edges"
        + " GROUP BY caller, callee, connection_type ORDER BY calls DESC,"
        + " concat(caller, ' → ', callee, ' (', connection_type, ')') LIMIT 1").first();
    String expected = "Busiest edge: " + top.getString(0) + " → " + top.getString(1) + " (" + top.getString(2) + "), "
        + top.getLong(3) + " calls";
    assertTrue(text(executed).contains(expected), "capacity-overview prints: " + expected);
    assertEquals(2, images(executed), "daily calls and forecast plots");
  }

  /** The callers the notebook lists are the service's callers in the edges table. */
  @Test
  void serviceDeepDive() throws Exception {
    JsonNode executed = execute("service-deep-dive");
    registerTables();
    List<String> callers = new ArrayList<>();
    for (Row r : spark().sql("SELECT DISTINCT caller FROM edges WHERE callee = '" + SERVICE + "' ORDER BY caller")
        .collectAsList()) {
      callers.add(r.getString(0));
    }
    assertFalse(callers.isEmpty());
    assertTrue(text(executed).contains("Callers: " + String.join(", ", callers)), "callers of " + SERVICE);
    assertTrue(text(executed).contains("Traces with an error starting in " + SERVICE + ": "
        + spark().sql("SELECT sum(trace_count) FROM error_origins WHERE origin_service = '" + SERVICE + "'")
            .first().getLong(0)), "error origins of " + SERVICE);
    assertTrue(images(executed) >= 1, "latency plot");
  }

  /**
   * The services the projection touches are the entry point's downstream callees, and its headline (the largest
   * projected busiest minute when checkout doubles) is recomputed here in Spark SQL: a service's own busiest minute
   * (or a peer's incoming edges' sum), largest day, plus checkout's largest busiest minute of requests times its
   * calls per request into the service (+1 at frontend).
   */
  @Test
  void whatIf() throws Exception {
    JsonNode executed = execute("what-if");
    registerTables();
    String checkout = "service = 'frontend' AND operation = 'POST /checkout'";
    long downstream = spark().sql("SELECT count(DISTINCT d.callee) FROM entry_points"
        + " LATERAL VIEW explode(downstream) t AS d WHERE " + checkout).first().getLong(0);
    assertTrue(downstream > 5, "checkout reaches many services");
    String printed = text(executed);
    assertTrue(printed.contains("Downstream services and peers: " + downstream), "downstream services of checkout");
    assertEquals(1, images(executed), "projection plot");

    Row entry = spark().sql("SELECT sum(requests), max(busiest_minute_calls) FROM entry_points WHERE " + checkout)
        .first();
    Row top = spark().sql("""
        WITH calls AS (
          SELECT d.callee AS service, d.calls FROM entry_points LATERAL VIEW explode(downstream) t AS d WHERE %s
          UNION ALL SELECT 'frontend', requests FROM entry_points WHERE %s),
        cpr AS (SELECT service, sum(calls) / %d AS per_request FROM calls GROUP BY service),
        own AS (SELECT service, max(busiest_minute_calls) AS peak FROM services GROUP BY service),
        peers AS (SELECT callee AS service, max(s) AS peak FROM (SELECT date, callee, sum(busiest_minute_calls) AS s
          FROM edges GROUP BY date, callee) WHERE callee NOT IN (SELECT service FROM services) GROUP BY callee),
        observed AS (SELECT * FROM own UNION ALL SELECT * FROM peers)
        SELECT o.service, o.peak + (2.0 - 1) * %d * c.per_request AS projected
        FROM observed o JOIN cpr c ON o.service = c.service
        ORDER BY projected DESC, o.service LIMIT 1""".formatted(checkout, checkout, entry.getLong(0),
        entry.getLong(1))).first();
    String headline = String.format(java.util.Locale.ROOT, "Largest projected busiest minute: %s %.1f ",
        top.getString(0), ((Number) top.get(1)).doubleValue());
    assertTrue(printed.contains(headline), headline + " not in:\n" + printed);
  }

  private static void registerTables() {
    OutputTables.register(spark(), GeneratedWeek.out().toString(), null, null);
  }

  /** Runs the notebook on the generated week and returns the executed notebook; fails on any failing cell. */
  private static JsonNode execute(String name) throws Exception {
    String jupyter = jupyter();
    if (jupyter == null) {
      String why = "Jupyter (jupyter-nbconvert, python3-nbclient, python3-ipykernel, python3-pandas, "
          + "python3-matplotlib) is not installed";
      if ("1".equals(System.getenv("TRACEGRAPH_REQUIRE_NOTEBOOKS"))) fail(why + " and TRACEGRAPH_REQUIRE_NOTEBOOKS=1");
      Assumptions.abort(why + ": notebooks not executed");
    }
    Path out = GeneratedWeek.out();
    Path work = Path.of("target", "notebooks").toAbsolutePath();
    Files.createDirectories(work);
    Path log = work.resolve(name + ".log");
    ProcessBuilder nbconvert = new ProcessBuilder(jupyter, "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3",
        "--output-dir", work.toString(), NOTEBOOKS.resolve(name + ".ipynb").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = nbconvert.environment();
    env.put("TRACEGRAPH_OUT", out.toString());
    env.put("TRACEGRAPH_FROM", GeneratedWeek.FIRST.toString());
    env.put("TRACEGRAPH_TO", GeneratedWeek.LAST.toString());
    env.put("TRACEGRAPH_LAUNCHER", launcher(work).toString());
    env.put("TRACEGRAPH_SERVICE", SERVICE);
    env.put("SPARK_MASTER", "local[2]");
    env.put("MPLCONFIGDIR", work.resolve("matplotlib").toString());
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process process = nbconvert.start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail(name + ": nbconvert did not finish in 15 minutes; log: " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), name + " failed:\n" + tail(output));
    JsonNode executed = JSON.readTree(work.resolve(name + ".ipynb").toFile());
    for (JsonNode cell : executed.get("cells")) {
      if (!cell.get("cell_type").asText().equals("code")) continue;
      assertFalse(cell.get("execution_count").isNull(), name + ": a cell did not run");
      for (JsonNode o : cell.get("outputs")) {
        assertFalse(o.get("output_type").asText().equals("error"), name + ": " + o.path("evalue").asText());
      }
    }
    return executed;
  }

  /**
   * An executable that runs tracegraph on this JVM's classpath with Spark's JVM options: the notebooks call it
   * instead of scripts/tracegraph, whose jars may be missing or older than the sources while Maven runs the tests.
   */
  private static Path launcher(Path work) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "#!/bin/sh\n"
        + "# Written by NotebooksTest: tracegraph on the test classpath.\n"
        + "exec " + quote(java) + " " + jvmOptions() + " -Xmx1g -cp "
        + quote(System.getProperty("java.class.path")) + " io.tracegraph.jobs.cli.TracegraphCli \"$@\"\n";
    Path file = work.resolve("tracegraph");
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Spark's JVM options, as the jobs' build writes them for scripts/tracegraph ({@code /tracegraph/jvm-options}). */
  private static String jvmOptions() throws IOException {
    try (var in = NotebooksTest.class.getResourceAsStream("/tracegraph/jvm-options")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Debian's jupyter (its kernel runs /usr/bin/python3 with Debian's pandas), else one on PATH; null if none. */
  static String jupyter() {
    List<String> candidates = new ArrayList<>(List.of("/usr/bin/jupyter"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "jupyter").toString());
    }
    for (String candidate : candidates) {
      if (!Files.isExecutable(Path.of(candidate))) continue;
      try {
        Process p = new ProcessBuilder(candidate, "nbconvert", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
      } catch (IOException | InterruptedException e) {
        // not usable: try the next one
      }
    }
    return null;
  }

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  private static String source(JsonNode cell) {
    JsonNode source = cell.get("source");
    if (source.isTextual()) return source.asText();
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  /** All text the notebook printed (streams and plain-text results). */
  private static String text(JsonNode executed) {
    StringBuilder text = new StringBuilder();
    for (JsonNode cell : executed.get("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        JsonNode t = o.has("text") ? o.get("text") : o.path("data").path("text/plain");
        if (t.isTextual()) text.append(t.asText());
        else t.forEach(line -> text.append(line.asText()));
      }
    }
    return text.toString();
  }

  private static int images(JsonNode executed) {
    int images = 0;
    for (JsonNode cell : executed.get("cells")) {
      for (JsonNode o : cell.path("outputs")) if (o.path("data").has("image/png")) images++;
    }
    return images;
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
