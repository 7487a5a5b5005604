package io.tracegraph.tools.generate;

import io.tracegraph.jobs.SparkSessions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Everything {@code tracegraph generate} needs, validated: the archive root, the days, the size, the seed and the
 * imperfection mode. Keys and defaults are the constants below; {@link GenerateCommand} maps options onto them, and
 * {@link #builder} names what differs from the defaults.
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

  /** Options for {@code out} from {@code firstDay}, every other option at its default until set. */
  public static Builder builder(String out, LocalDate firstDay) {
    return new Builder(out, firstDay);
  }

  /** Names what differs from the defaults; {@link #build()} checks the options as the record does. */
  public static final class Builder {
    private final String out;
    private final LocalDate firstDay;
    private int days = DAYS_DEFAULT;
    private long spans = SPANS_DEFAULT;
    private long seed = SEED_DEFAULT;
    private ImperfectionMode imperfections = IMPERFECTIONS_DEFAULT;
    private String master = SparkSessions.DEFAULT_MASTER;
    private Integer partitions;
    private Growth growth = Growth.NONE;

    private Builder(String out, LocalDate firstDay) {
      this.out = out;
      this.firstDay = firstDay;
    }

    public Builder days(int days) {
      this.days = days;
      return this;
    }

    public Builder spans(long spans) {
      this.spans = spans;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder imperfections(ImperfectionMode imperfections) {
      this.imperfections = imperfections;
      return this;
    }

    public Builder master(String master) {
      this.master = master;
      return this;
    }

    /** Spark partitions; by default {@link #defaultPartitions} of the spans. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public Builder growth(Growth growth) {
      this.growth = growth;
      return this;
    }

    /** @throws IllegalArgumentException for an option out of range (a usage error on the command line) */
    public GeneratorOptions build() {
      return new GeneratorOptions(out, firstDay, days, spans, seed, imperfections, master,
          partitions != null ? partitions : defaultPartitions(spans), growth);
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
