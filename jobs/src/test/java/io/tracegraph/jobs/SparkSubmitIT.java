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
 * With a Spark that has no S3 connector, the jars the build copies to {@code target/s3-jars/} given as
 * {@code --jars} make s3a:// paths work. Runs in the integration-test phase, after the jars are built.
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

  /**
   * spark-submit of a Spark without S3A (the S3 jars taken off its classpath) reads spans from a bucket and writes
   * the output there once {@code --jars "target/s3-jars/*.jar"} is given, as docs/running-at-scale.md says.
   */
  @Test
  void s3JarsGivenToSparkSubmitMakeBucketsWork() throws Exception {
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, TestTraces.chains(8));
    String day = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS).toString();
    try (S3Proxy s3 = S3Proxy.start(tmp.resolve("s3"), "submit-key", "submit-secret", "traces")) {
      org.apache.hadoop.conf.Configuration conf = s3.configure(new org.apache.hadoop.conf.Configuration());
      org.apache.hadoop.fs.FileUtil.copy(org.apache.hadoop.fs.FileSystem.getLocal(conf),
          new org.apache.hadoop.fs.Path(spans.toUri()), new org.apache.hadoop.fs.Path("s3a://traces/").getFileSystem(conf),
          new org.apache.hadoop.fs.Path("s3a://traces/spans"), false, conf);

      String withoutS3 = Arrays.stream(Files.readString(Path.of("target", "classpath.txt")).trim().split(":"))
          .filter(e -> !Path.of(e).toAbsolutePath().normalize().startsWith(Path.of("..").toAbsolutePath().normalize()))
          .filter(e -> !e.matches(".*/(software/amazon|org/wildfly|org/apache/hadoop/hadoop-aws)/.*"))
          .collect(Collectors.joining(File.pathSeparator));
      List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
          "--jars", Path.of("target", "s3-jars").toAbsolutePath() + "/*.jar",
          "--class", "io.tracegraph.jobs.cli.TracegraphCli", applicationJar().toString(),
          "nightly", "--spans", "s3a://traces/spans", "--out", "s3a://traces/out", "--date", day));
      args.addAll(s3.confArgs());
      JavaProcesses.Finished run = JavaProcesses.run(JavaProcesses.java(withoutS3, "1g",
          "org.apache.spark.deploy.SparkSubmit", args), s3.credentialEnvironment(), tmp.resolve("s3-submit.log"),
          java.time.Duration.ofMinutes(5));
      assertEquals(0, run.exitCode(), run.log());
      org.apache.hadoop.fs.Path json = new org.apache.hadoop.fs.Path("s3a://traces/out/reports/" + day + "/dependencies.json");
      try (var in = json.getFileSystem(conf).open(json)) {
        assertEquals(TestTraces.chainLinks(8), DependenciesJson.parse(new String(in.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
  }

  private static Path applicationJar() throws Exception {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-spark.jar")).findFirst().orElseThrow()
          .toAbsolutePath();
    }
  }

  private static String jvmOptions() throws Exception {
    try (var in = SparkSubmitIT.class.getResourceAsStream("/tracegraph/jvm-options")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
  }
}
