package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.SubmitArguments;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The scheduler material beside cron and systemd ({@code scripts/scheduler/}): an Airflow DAG, a Spark operator
 * ScheduledSparkApplication and a plain Kubernetes CronJob, checked without Airflow or Kubernetes. The YAML is read
 * with Jackson, the DAG with Python's own parser ({@code ast}, no Airflow import); the command line each one builds
 * must be one our command line accepts (every option exists, every --conf is a Spark setting), the spark-submit
 * options ones Spark's parser knows, the day the scheduler's day, and all three must run the same command.
 */
class SchedulersTest {
  private static final Path SCHEDULER = Path.of(System.getProperty("tracegraph.root", "..")).resolve("scripts/scheduler");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String MAIN_CLASS = TracegraphCli.class.getName();
  /** A day Airflow would render {{ ds }} to. */
  private static final String DS = "2026-11-23";

  /** The DAG's SparkSubmitOperator runs the nightly job for {{ ds }}, once a day, one run at a time. */
  @Test
  void airflowDagSubmitsTheNightlyJobForItsDay() throws Exception {
    JsonNode dag = airflowDag();
    assertTrue(dag.get("imports").toString().contains("airflow.providers.apache.spark.operators.spark_submit"));
    JsonNode dagArgs = single(dag.get("dags"));
    assertEquals("30 2 * * *", dagArgs.get("schedule").asText());
    assertEquals(1, dagArgs.get("max_active_runs").asInt(), "two runs of a day never write at once");
    JsonNode op = single(dag.get("operators"));
    assertEquals(MAIN_CLASS, op.get("java_class").asText());
    assertTrue(op.get("application").asText().endsWith("-spark.jar"), "the application jar");
    assertTrue(op.get("jars").asText().endsWith("/s3-jars/*.jar"), "the S3 connector as the build copies it");
    assertTrue(op.path("packages").isMissingNode(), "no packages: hadoop-aws's pom would fetch the SDK's bundle");
    op.get("conf").fieldNames().forEachRemaining(key -> new SparkConfOption.Key().convert(key));

    List<String> args = new ArrayList<>();
    op.get("application_args").forEach(a -> args.add(a.asText().replace("{{ ds }}", DS)));
    ParseResult nightly = nightly(args);
    assertEquals(DS, nightly.matchedOptionValue("--date", null).toString(), "the day is Airflow's {{ ds }}");
    assertEquals(commonCommand(), withoutDate(args));
  }

  /** The ScheduledSparkApplication runs the nightly job every night for yesterday (UTC), never twice at once. */
  @Test
  void scheduledSparkApplicationRunsTheNightlyJob() throws Exception {
    JsonNode spec = nightlyKubernetesSchedule("scheduled-spark-application.yaml", "sparkoperator.k8s.io/v1beta2",
        "ScheduledSparkApplication");
    JsonNode template = spec.get("template");
    assertEquals(MAIN_CLASS, template.get("mainClass").asText());
    assertEquals("cluster", template.get("mode").asText());
    assertEquals(io.tracegraph.jobs.BuildInfo.sparkVersion(), template.get("sparkVersion").asText());
    assertTrue(template.path("deps").isMissingNode(), "the S3 connector is in the image, not fetched");
    template.get("sparkConf").fieldNames().forEachRemaining(key -> new SparkConfOption.Key().convert(key));

    List<String> args = texts(template.get("arguments"));
    assertNull(nightly(args).matchedOptionValue("--date", null), "no --date: yesterday (UTC), the run's day");
    assertEquals(commonCommand(), args);
  }

  /** The CronJob's pod runs spark-submit with options Spark knows, and the nightly job for yesterday (UTC). */
  @Test
  void cronJobRunsTheNightlyJobWithSparkSubmit() throws Exception {
    JsonNode spec = nightlyKubernetesSchedule("cronjob.yaml", "batch/v1", "CronJob");
    JsonNode container = single(spec.at("/jobTemplate/spec/template/spec/containers"));
    assertTrue(texts(container.get("command")).get(0).endsWith("/spark-submit"));

    SubmitArguments submit = SubmitArguments.of(texts(container.get("args")));
    assertEquals(MAIN_CLASS, submit.options.get("--class"));
    assertTrue(submit.application.endsWith("-spark.jar"), submit.application);
    assertNull(submit.options.get("--packages"), "the S3 connector is in the image, not fetched");
    for (String conf : submit.all("--conf")) new SparkConfOption.Key().convert(conf.substring(0, conf.indexOf('=')));
    assertNull(nightly(submit.applicationArgs).matchedOptionValue("--date", null));
    assertEquals(commonCommand(), submit.applicationArgs);
  }

  /**
   * The spec of a Kubernetes schedule after checking its kind, and that it runs at 02:30 UTC (so that yesterday is
   * yesterday in UTC, as --date's default) and never twice at once.
   */
  private static JsonNode nightlyKubernetesSchedule(String file, String apiVersion, String kind) throws IOException {
    JsonNode doc = YAML.readTree(SCHEDULER.resolve("kubernetes").resolve(file).toFile());
    assertEquals(apiVersion, doc.get("apiVersion").asText());
    assertEquals(kind, doc.get("kind").asText());
    JsonNode spec = doc.get("spec");
    assertEquals("30 2 * * *", spec.get("schedule").asText());
    assertEquals("Etc/UTC", spec.get("timeZone").asText());
    assertEquals("Forbid", spec.get("concurrencyPolicy").asText());
    return spec;
  }

  /** The command all three run (the DAG adds --date {{ ds }}). */
  private static List<String> commonCommand() {
    return List.of("nightly", "--spans", "s3a://traces/spans", "--out", "s3a://traces/tracegraph");
  }

  /** Parses a tracegraph command line as the CLI does (converters and all); returns the nightly subcommand's. */
  private static ParseResult nightly(List<String> args) {
    ParseResult parsed = TracegraphCli.commandLine().parseArgs(args.toArray(String[]::new));
    assertTrue(parsed.hasSubcommand(), String.valueOf(args));
    assertEquals("nightly", parsed.subcommand().commandSpec().name());
    return parsed.subcommand();
  }

  private static List<String> withoutDate(List<String> args) {
    List<String> out = new ArrayList<>(args);
    int i = out.indexOf("--date");
    out.subList(i, i + 2).clear();
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static JsonNode single(JsonNode array) {
    assertEquals(1, array.size(), String.valueOf(array));
    return array.get(0);
  }

  /**
   * The DAG file read by Python's parser: its imports, and the literal keyword arguments of its DAG(...) and
   * SparkSubmitOperator(...) calls (module-level constants resolved; other values, such as datetimes, null).
   */
  private static JsonNode airflowDag() throws IOException, InterruptedException {
    String script = """
        import ast, json, sys
        tree = ast.parse(open(sys.argv[1]).read())
        consts = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    consts[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
        class Constants(ast.NodeTransformer):
            def visit_Name(self, n):
                return ast.Constant(consts[n.id]) if n.id in consts else n
        def keywords(call):
            out = {}
            for k in call.keywords:
                try:
                    out[k.arg] = ast.literal_eval(Constants().visit(k.value))
                except ValueError:
                    out[k.arg] = None
            return out
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
        print(json.dumps({
            "imports": [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)],
            "dags": [keywords(c) for c in calls if c.func.id == "DAG"],
            "operators": [keywords(c) for c in calls if c.func.id == "SparkSubmitOperator"],
        }))
        """;
    Process python = new ProcessBuilder("python3", "-c", script,
        SCHEDULER.resolve("airflow/tracegraph_nightly.py").toString()).redirectErrorStream(true).start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, python.exitValue(), out);
    return Json.mapper().readTree(out);
  }
}
