package io.tracegraph.tools.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Everything {@code tracegraph generate} needs, validated: the archive root, the days, the size, the seed and the
 * imperfection mode. Keys and defaults are the constants below; {@link GenerateCommand} maps options onto them.
 *
 * @param out the archive root; spans go to {@code out/date=YYYY-MM-DD/}, the ground truth to {@code out/_generator/}
 * @param firstDay the first day generated
 * @param days how many consecutive days
 * @param spans approximate number of spans over all days (the trace count is derived from the mean trace size)
 * @param seed the seed: same seed and options, same rows
 * @param imperfections realistic or none
 * @param master the Spark master URL
 * @param partitions Spark partitions for generation (the output does not depend on it)
 * @param growth {@code --growth}: one entry point's traffic growing per day ({@link Growth#NONE}: none)
 */
public record GeneratorOptions(String out, LocalDate firstDay, int days, long spans, long seed,
                               ImperfectionMode imperfections, String master, int partitions, Growth growth) {
  public static final int DAYS_DEFAULT = 1;
  public static final long SPANS_DEFAULT = 200_000;
  public static final long SEED_DEFAULT = 42;
  public static final ImperfectionMode IMPERFECTIONS_DEFAULT = ImperfectionMode.REALISTIC;
  /** Spans per Spark partition by default: one task writes about this many rows per day it covers. */
  public static final long SPANS_PER_PARTITION = 500_000;
  public static final int MAX_DAYS = 3_660;
  public static final long MAX_SPANS = 10_000_000_000L;

  public GeneratorOptions(String out, LocalDate firstDay, int days, long spans, long seed,
                          ImperfectionMode imperfections, String master, int partitions) {
    this(out, firstDay, days, spans, seed, imperfections, master, partitions, Growth.NONE);
  }

  public GeneratorOptions {
    Objects.requireNonNull(growth, "growth == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(firstDay, "firstDay == null");
    Objects.requireNonNull(imperfections, "imperfections == null");
    Objects.requireNonNull(master, "master == null");
    if (out.isBlank()) throw new IllegalArgumentException("--out must name a directory");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("--days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
    if (spans < 1 || spans > MAX_SPANS) {
      throw new IllegalArgumentException("--spans must be between 1 and " + MAX_SPANS + ", got " + spans);
    }
    if (partitions < 1 || partitions > 1_000_000) {
      throw new IllegalArgumentException("--partitions must be between 1 and 1000000, got " + partitions);
    }
  }

  /** Yesterday, UTC: the day a nightly run would process. */
  public static LocalDate defaultFirstDay() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }

  /** {@code max(2, spans / 500000)}. */
  public static int defaultPartitions(long spans) {
    return (int) Math.max(2, Math.min(100_000, spans / SPANS_PER_PARTITION));
  }
}
