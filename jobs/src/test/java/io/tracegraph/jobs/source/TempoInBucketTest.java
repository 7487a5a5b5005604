package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.S3Proxy;
import io.tracegraph.jobs.SameOutput;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.model.Span;
import io.tracegraph.reports.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Grafana Tempo backend in a bucket, as Tempo keeps it on S3: the nightly job lists the tenants and blocks, reads
 * each block's meta.json and Parquet footers, skips a compacted block and reads the rest through S3A (S3Proxy on
 * 127.0.0.1, {@link S3Proxy}), and finds what it finds when the same backend is on a local disk.
 */
class TempoInBucketTest extends SparkTestBase {
  @TempDir Path tmp;

  @Test
  void tempoBackendInABucketReadsAsOnDisk() throws Exception {
    List<Scenarios.Trace> traces = Scenarios.traces();
    List<TempoFixtures.TraceSpan> even = new ArrayList<>();
    List<TempoFixtures.TraceSpan> odd = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      for (Span s : traces.get(i).spans()) {
        (i % 2 == 0 ? even : odd).add(new TempoFixtures.TraceSpan(traces.get(i).traceId(), s));
      }
    }
    Path tenant = tmp.resolve("tempo/single-tenant");
    Path blockA = tenant.resolve("0a000000-0000-4000-8000-00000000000a");
    Path blockB = tenant.resolve("0b000000-0000-4000-8000-00000000000b");
    Path compacted = tenant.resolve("0c000000-0000-4000-8000-00000000000c");
    TempoFixtures.writeV4(spark(), blockA, even, "String02");
    TempoFixtures.writeMeta(blockA, "vParquet4", even, TempoSourceTest.META_V4_PEER_IN_STRING02, false);
    TempoFixtures.writeV5(blockB, odd, null);
    TempoFixtures.writeMeta(blockB, "vParquet5", odd, TempoSourceTest.META_NO_PEER, false);
    TempoFixtures.writeV5(compacted, odd, null);
    TempoFixtures.writeMeta(compacted, "vParquet5", odd, "[]", true);

    try (S3Proxy s3 = S3Proxy.start(tmp.resolve("s3"), "tempo-reader", "tempo-secret", "tempo")) {
      Configuration conf = s3.configure(spark().sparkContext().hadoopConfiguration());
      String bucket = "s3a://tempo/traces";
      FileUtil.copy(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(tmp.resolve("tempo").toUri()),
          new org.apache.hadoop.fs.Path(bucket).getFileSystem(conf), new org.apache.hadoop.fs.Path(bucket), false, conf);

      Path localOut = tmp.resolve("local-out");
      Path bucketOut = tmp.resolve("bucket-out");
      DependencyGraphJob.Result local = NightlyRunner.run(spark(),
          NightlyOptions.of(tmp.resolve("tempo").toString(), localOut.toString(), TempoSourceTest.DAY));
      DependencyGraphJob.Result fromBucket = NightlyRunner.run(spark(),
          NightlyOptions.of(bucket, bucketOut.toString(), TempoSourceTest.DAY));

      assertEquals(Scenarios.expectedLinks(), fromBucket.links());
      assertEquals(local.links(), fromBucket.links());
      FileSystem localFs = FileSystem.getLocal(conf);
      String want = SameOutput.normalisedRunJson(runJson(localOut), localFs, tmp.resolve("tempo").toString());
      String got = SameOutput.normalisedRunJson(runJson(bucketOut), localFs, bucket);
      assertEquals(want, got);
      JsonNode run = Json.mapper().readTree(got);
      assertEquals("tempo", run.get("format").asText(), "detected from the blocks in the bucket");
      assertEquals(1, run.get("source").get("blocks_compacted").asLong());
      assertEquals(2, run.get("source").get("blocks_read").asLong());
    }
  }

  private static String runJson(Path out) throws Exception {
    try (InputStream in = Files.newInputStream(NightlyRunner.report(out, TempoSourceTest.DAY,
        OutputLayout.RUN_JSON))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
