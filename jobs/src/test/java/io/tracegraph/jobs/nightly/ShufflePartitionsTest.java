package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShufflePartitionsTest extends SparkTestBase {
  static final long MB = 1 << 20;

  @TempDir Path tmp;

  @Test
  void onePartitionPerTargetBytesAtLeastTheParallelism() {
    assertEquals(2, ShufflePartitions.of(0, 2));
    assertEquals(2, ShufflePartitions.of(27 * MB, 2));
    assertEquals(9, ShufflePartitions.of(137 * MB, 2));
    assertEquals(16, ShufflePartitions.of(137 * MB, 16));
    // a billion spans of the benchmark's archive (27 bytes a span): ~1,600 partitions, not Spark's fixed 200
    assertEquals(1610, ShufflePartitions.of(27_000_000_000L, 8));
  }

  @Test
  void inputBytesAreTheNamedFilesOnly() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("date=2026-01-15"));
    Path b = Files.createDirectories(tmp.resolve("date=2026-01-16"));
    Files.write(a.resolve("part-0.parquet"), new byte[1000]);
    Files.write(a.resolve("part-1.parquet"), new byte[234]);
    Files.write(a.resolve("not-read.parquet"), new byte[5000]);
    Files.write(b.resolve("part-0.parquet"), new byte[66]);
    List<String> files = List.of(a.resolve("part-0.parquet").toUri().toString(),
        a.resolve("part-1.parquet").toUri().toString(), b.resolve("part-0.parquet").toUri().toString());
    assertEquals(1300, ShufflePartitions.inputBytes(files, spark().sparkContext().hadoopConfiguration()));
  }

  /** The user's setting wins; otherwise the sizing holds during the analysis only, so each day is sized anew. */
  @Test
  void theSettingWinsAndTheSizingIsUndoneAfterwards() {
    String before = spark().conf().get(ShufflePartitions.SETTING); // the tests' session sets it
    ShufflePartitions.Sizing set = ShufflePartitions.of(spark(), List.of());
    assertTrue(set.fromSetting());
    assertEquals(Integer.parseInt(before), set.partitions());
    assertEquals(Integer.parseInt(before), ShufflePartitions.during(spark(), set,
        () -> Integer.parseInt(spark().conf().get(ShufflePartitions.SETTING))), "left as set");

    ShufflePartitions.Sizing sized = new ShufflePartitions.Sizing(7, 100 * MB, false);
    spark().conf().unset(ShufflePartitions.SETTING);
    try {
      int during = ShufflePartitions.during(spark(), sized,
          () -> Integer.parseInt(spark().conf().get(ShufflePartitions.SETTING)));
      assertEquals(7, during);
      assertFalse(spark().conf().contains(ShufflePartitions.SETTING), "unset after the analysis");
    } finally {
      spark().conf().set(ShufflePartitions.SETTING, before);
    }
  }
}
