package io.tracegraph.tools.generate;

import java.io.Serializable;
import java.util.Map;

/**
 * The work of one generator run as a list of trace slots numbered 0..{@link #slots()}-1, so that Spark can split it
 * into any number of partitions ({@code spark.range}) without changing what each slot produces.
 *
 * <p>Per generated day, in order: {@code tracesPerDay} normal traces, then (realistic mode) the day's
 * crossing-midnight traces and its showcase trace. Realistic mode starts with the crossing-midnight traces of the day
 * before the first day: their spans after midnight belong in the first day's partition, so that a day generated alone
 * has exactly the rows it has in a longer run. A slot only ever emits rows, truth and tallies dated inside the
 * generated days, which is what makes dynamic partition overwrite safe.
 */
record GenerationPlan(long seed, long firstEpochDay, int days, int tracesPerDay, int crossingPerDay,
                      boolean realistic, Perturbations perturbations, Growth growth) implements Serializable {
  static final long NANOS_PER_DAY = 86_400_000_000_000L;

  /**
   * GROWTH: the extra traces of {@code --growth} ({@link Growth}), numbered after every other slot; BATCH: the batch
   * consumers' traces of {@code --batch-consumer} ({@link InjectedPatterns}), after those.
   */
  enum Kind { NORMAL, CROSSING, SHOWCASE, GROWTH, BATCH }

  /** One trace to synthesise: the day it starts in, what kind it is and its index among that kind that day. */
  record Slot(long epochDay, Kind kind, int index) implements Serializable {}

  GenerationPlan(long seed, long firstEpochDay, int days, int tracesPerDay, int crossingPerDay, boolean realistic) {
    this(seed, firstEpochDay, days, tracesPerDay, crossingPerDay, realistic, Perturbations.NONE, Growth.NONE);
  }

  static GenerationPlan of(GeneratorOptions options) {
    return of(options, Perturbations.NONE);
  }

  /** The plan; the trace count comes from the unperturbed world, so perturbations never change it. */
  static GenerationPlan of(GeneratorOptions options, Perturbations perturbations) {
    long perDay = Math.max(1, Math.round(options.spans() / (double) options.days() / ShopWorld.meanSpansPerTrace()));
    if (perDay > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("too many traces per day: " + perDay);
    int traces = (int) perDay;
    boolean realistic = options.imperfections() == ImperfectionMode.REALISTIC;
    return new GenerationPlan(options.seed(), options.firstDay().toEpochDay(), options.days(), traces,
        realistic ? Imperfections.crossingPerDay(traces) : 0, realistic, perturbations, options.growth());
  }

  private long spill() {
    return realistic ? crossingPerDay : 0;
  }

  private long block() {
    return tracesPerDay + (realistic ? crossingPerDay + 1L : 0L);
  }

  /** Number of slots. */
  long slots() {
    return batchStart() + (long) days * batchesPerDay();
  }

  private long batchStart() {
    long growthSlots = 0;
    for (int d = 0; d < days; d++) growthSlots += growth.extraTraces(d, tracesPerDay);
    return spill() + days * block() + growthSlots;
  }

  /** Batch traces per day, over every batch consumer group ({@code --batch-consumer}). */
  int batchesPerDay() {
    int batches = 0;
    for (int slotsPerBatch : perturbations.patterns().batchConsumers().values()) {
      batches += (tracesPerDay + slotsPerBatch - 1) / slotsPerBatch;
    }
    return batches;
  }

  /**
   * A batch slot's consumer group and the normal slots its messages come from: batch {@code index} of the day, over
   * the groups in name order.
   */
  record Batch(String consumer, int firstSlot, int endSlot) {}

  Batch batch(int index) {
    int i = index;
    for (Map.Entry<String, Integer> e : perturbations.patterns().batchConsumers().entrySet()) {
      int n = e.getValue();
      int count = (tracesPerDay + n - 1) / n;
      if (i < count) return new Batch(e.getKey(), i * n, Math.min(tracesPerDay, (i + 1) * n));
      i -= count;
    }
    throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerDay());
  }

  Slot slot(long i) {
    if (i < 0 || i >= slots()) throw new IndexOutOfBoundsException("slot " + i + " of " + slots());
    if (i < spill()) return new Slot(firstEpochDay - 1, Kind.CROSSING, (int) i);
    if (i >= batchStart()) {
      long b = i - batchStart();
      return new Slot(firstEpochDay + b / batchesPerDay(), Kind.BATCH, (int) (b % batchesPerDay()));
    }
    if (i >= spill() + days * block()) {
      long g = i - spill() - days * block();
      for (int d = 0; ; d++) {
        long extra = growth.extraTraces(d, tracesPerDay);
        if (g < extra) return new Slot(firstEpochDay + d, Kind.GROWTH, (int) g);
        g -= extra;
      }
    }
    long j = i - spill();
    long day = firstEpochDay + j / block();
    int r = (int) (j % block());
    if (r < tracesPerDay) return new Slot(day, Kind.NORMAL, r);
    r -= tracesPerDay;
    if (r < crossingPerDay) return new Slot(day, Kind.CROSSING, r);
    return new Slot(day, Kind.SHOWCASE, 0);
  }

  /** True when {@code epochDay} is one of the generated days. */
  boolean generates(long epochDay) {
    return epochDay >= firstEpochDay && epochDay < firstEpochDay + days;
  }

  /** Traces that start on each generated day: normal, crossing-midnight and showcase. */
  long tracesStartingPerDay() {
    return block();
  }

  static long epochDayOf(long nanos) {
    return Math.floorDiv(nanos, NANOS_PER_DAY);
  }
}
