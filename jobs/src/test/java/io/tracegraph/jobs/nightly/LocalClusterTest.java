package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SameOutput;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job on {@code local-cluster[2,1,1024]}: two executor JVMs, so every function the job ships must
 * serialize and must not rely on driver-side state. Its output must equal that of the in-process runs.
 */
class LocalClusterTest extends SparkTestBase {
  @TempDir Path tmp;

  /** Executors register asynchronously: waits up to a minute for {@code n} of them, returns how many came. */
  static int awaitExecutors(SparkSession spark, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    int executors;
    do {
      executors = spark.sparkContext().statusTracker().getExecutorInfos().length - 1; // minus the driver
      if (executors >= n) break;
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return executors;
  }

  /**
   * issue 13, determinism across layouts: the same spans as one file and as seven files of shuffled rows, through
   * local[2] (the reference: one file), local[2], local[1] (the command line) and local-cluster[2,1,1024] (seven
   * files), give the same tables, rows and JSON/HTML bytes; only the input files' list and count differ.
   */
  @Test
  void nightlyJobGivesTheSameOutputOnEveryLayout() throws Exception {
    List<List<Span>> traces = new ArrayList<>(TestTraces.chains(40));
    for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
      traces.add(s.spans());
    }
    Path oneFile = tmp.resolve("spans-one");
    ArchiveFixtures.write(spark(), oneFile, traces);
    Path manyFiles = tmp.resolve("spans-many");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      for (Span span : traces.get(i)) rows.add(ArchiveFixtures.row(i, span));
    }
    Collections.shuffle(rows, new Random(13));
    for (int part = 0; part < 7; part++) { // seven files, each a slice of the shuffled rows
      ArchiveFixtures.writeRows(spark(), manyFiles,
          rows.subList(part * rows.size() / 7, (part + 1) * rows.size() / 7));
    }
    LocalDate day = DependencyGraphJobTest.DAY;
    SameOutput.Run reference = new SameOutput.Run(tmp.resolve("local2-one").toString(), oneFile.toString());
    List<DependencyLink> expected = NightlyRunner.run(spark(), oneFile, Path.of(reference.out()), day).links();
    assertTrue(expected.size() > 80, "the chains' links and the scenarios': " + expected.size());
    Configuration conf = new Configuration();

    SameOutput.Run local2 = new SameOutput.Run(tmp.resolve("local2-many").toString(), manyFiles.toString());
    NightlyRunner.run(spark(), manyFiles, Path.of(local2.out()), day);
    SameOutput.assertSameOverInputLayouts(spark(), conf, reference, local2, List.of(day));

    SameOutput.Run local1 = new SameOutput.Run(tmp.resolve("local1-many").toString(), manyFiles.toString());
    assertEquals(0, runCommand("nightly", "--spans", manyFiles.toString(), "--out", local1.out(), "--date",
        day.toString(), "--master", "local[1]", "--conf", "spark.ui.enabled=false"));
    SameOutput.assertSameOverInputLayouts(spark(), conf, reference, local1, List.of(day));

    SameOutput.Run clustered = new SameOutput.Run(tmp.resolve("cluster-many").toString(), manyFiles.toString());
    SparkSession cluster = localCluster();
    try {
      assertEquals(2, awaitExecutors(cluster, 2), "two executor JVMs");
      List<DependencyLink> links = NightlyRunner.run(cluster, manyFiles, Path.of(clustered.out()), day).links();
      assertEquals(expected, links);
    } finally {
      cluster.stop();
    }
    SameOutput.assertSameOverInputLayouts(spark(), conf, reference, clustered, List.of(day));
  }
}
