package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job on {@code local-cluster[2,1,1024]}: two executor JVMs, so every function the job ships must
 * serialize and must not rely on driver-side state. The links must equal those of the in-process run.
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

  @Test
  void nightlyJobGivesTheSameLinksOnSeparateExecutorJvms() throws Exception {
    List<List<Span>> traces = new ArrayList<>(TestTraces.chains(40));
    List<DependencyLink> expected = new ArrayList<>();
    for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
      traces.add(s.spans());
    }
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, traces);
    expected.addAll(NightlyRunner.run(spark(), spans, tmp.resolve("local"), DependencyGraphJobTest.DAY).links());

    SparkSession cluster = localCluster();
    try {
      assertEquals(2, awaitExecutors(cluster, 2), "two executor JVMs");
      List<DependencyLink> links =
          NightlyRunner.run(cluster, spans, tmp.resolve("cluster"), DependencyGraphJobTest.DAY).links();
      assertEquals(expected, links);
      assertEquals(expected, NightlyRunner.jsonLinks(tmp.resolve("cluster"), DependencyGraphJobTest.DAY));
    } finally {
      cluster.stop();
    }
  }
}
