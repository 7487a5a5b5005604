package io.tracegraph.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.DependenciesJson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar goes through Spark's own {@code spark-submit} (SparkSubmit from Spark's jars, no tracegraph
 * class on its classpath): the shaded jar must carry our code and our non-Spark libraries, and nothing else.
 * Runs in the integration-test phase, after the jar is built.
 */
class SparkSubmitIT extends SparkTestBase {
  @TempDir Path tmp;

  @Test
  void applicationJarRunsUnderSparkSubmit() throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-spark.jar")).findFirst().orElseThrow();
    }
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, TestTraces.chains(8));
    String day = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS).toString();

    Path projectDir = Path.of("..").toAbsolutePath().normalize();
    String sparkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(projectDir))
        .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j") && !entry.contains("apiguardian"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmOptions().split("\\s+")));
    command.addAll(List.of("-cp", sparkOnly, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", "io.tracegraph.jobs.cli.TracegraphCli", jar.toString(),
        "nightly", "--spans", spans.toString(), "--out", tmp.resolve("out").toString(), "--date", day));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("submit.log").toFile()).start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "spark-submit finished");
    String log = Files.readString(tmp.resolve("submit.log"));
    assertEquals(0, process.exitValue(), log);

    List<DependencyLink> links = DependenciesJson.parse(
        Files.readString(tmp.resolve("out/reports/" + day + "/dependencies.json")));
    assertEquals(16, links.size(), log);
  }

  private static String jvmOptions() throws Exception {
    try (var in = SparkSubmitIT.class.getResourceAsStream("/tracegraph/jvm-options")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
  }
}
