package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.source.SourceRequest;
import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.TestTraces;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.execution.debug.package$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple3;
import scala.collection.Iterator;

/**
 * HotSpot does not JIT-compile a method of more than 8000 bytes of bytecode: a whole-stage-generated scan that grows
 * past it runs interpreted, several times slower, with no error anywhere. The nightly scan (read, filter, peer and
 * extra-attribute columns, trace hash) once reached 8003 bytes; this keeps every generated method of the analysis
 * plan under the limit, so a column added to the scan that crosses it fails here rather than in the nightly's time.
 */
class ScanCodegenTest extends SparkTestBase {
  static final int HOTSPOT_HUGE_METHOD_LIMIT = 8000;

  @TempDir Path tmp;

  @Test
  void everyGeneratedMethodOfTheAnalysisIsSmallEnoughToCompile() {
    assertMethodsCompile(false);
  }

  /** The same with span links in the files: the scan then reads the {@code links} column too. */
  @Test
  void everyGeneratedMethodIsSmallEnoughWithSpanLinks() {
    assertMethodsCompile(true);
  }

  private void assertMethodsCompile(boolean withLinks) {
    LocalDate day = LocalDate.of(2024, 5, 1);
    Path spans = tmp.resolve(withLinks ? "linked-spans" : "spans");
    List<io.tracegraph.model.Span> trace = TestTraces.acceptanceScenarios().get(0).spans();
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (io.tracegraph.model.Span s : trace) {
      rows.add(ArchiveFixtures.row(0, s, java.util.Map.of(),
          withLinks ? List.<long[]>of(new long[] {1, 42}) : null));
    }
    ArchiveFixtures.writeRows(spark(), spans, rows);
    NightlyOptions options = NightlyOptions.of(spans.toString(), tmp.resolve("out").toString(), day);
    SourceScan scan = SpanFormat.ARCHIVE.source().plan(spark(),
        new SourceRequest(spans.toString(), new DayWindow(day, NightlyOptions.DEFAULT_GRACE), false, null));
    org.junit.jupiter.api.Assertions.assertEquals(withLinks, scan.mayHaveLinks(), "the footers tell");
    String adaptive = spark().conf().get("spark.sql.adaptive.enabled");
    spark().conf().set("spark.sql.adaptive.enabled", "false"); // the adaptive plan hides its stages' code
    try {
      var plan = new DependencyGraphJob(options).clustered(spark(), scan).queryExecution().executedPlan();
      Iterator<Tuple3<String, String, org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats>> stages =
          package$.MODULE$.codegenStringSeq(plan).iterator();
      assertTrue(stages.hasNext(), "whole-stage code generated");
      while (stages.hasNext()) {
        Tuple3<String, String, org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats> stage = stages.next();
        int size = stage._3().maxMethodCodeSize();
        assertFalse(size > HOTSPOT_HUGE_METHOD_LIMIT,
            "a generated method of " + size + " bytes runs interpreted; stage:\n" + stage._1());
      }
    } finally {
      spark().conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }
}
