package io.tracegraph.reports.diff;

import io.tracegraph.reports.graph.CallStats;
import java.time.LocalDate;
import java.util.List;

/**
 * What changed in the service graph since the previous available day. Lists are sorted (biggest first, then by
 * name) and unmodifiable.
 *
 * @param date the day reported
 * @param previousDate the day compared against, or {@code null} when there is none (every list is then empty)
 * @param options the thresholds used
 * @param newServices vertices present today and absent on the previous day, by name
 * @param vanishedServices vertices present on the previous day and absent today, by name
 * @param newEdges edges present today only (today's numbers), most calls first
 * @param vanishedEdges edges present on the previous day only (that day's numbers), most calls first
 * @param callChanges edges of both days whose calls changed beyond the threshold, largest relative change first
 * @param errorRateTests edges whose error rates could be tested (see {@link ErrorRateTest})
 * @param errorRateChanges edges whose error rate changed significantly, smallest p-value first
 * @param latencyTests edges whose latency could be compared (0 while no latency samples exist)
 * @param latencyRegressions edges significantly slower than the previous day, smallest p-value first
 */
public record GraphDiff(LocalDate date, LocalDate previousDate, DiffOptions options, List<String> newServices,
                        List<String> vanishedServices, List<CallStats> newEdges, List<CallStats> vanishedEdges,
                        List<CallChange> callChanges, int errorRateTests, List<ErrorRateChange> errorRateChanges,
                        int latencyTests, List<LatencyRegression> latencyRegressions) {
  public GraphDiff {
    newServices = List.copyOf(newServices);
    vanishedServices = List.copyOf(vanishedServices);
    newEdges = List.copyOf(newEdges);
    vanishedEdges = List.copyOf(vanishedEdges);
    callChanges = List.copyOf(callChanges);
    errorRateChanges = List.copyOf(errorRateChanges);
    latencyRegressions = List.copyOf(latencyRegressions);
  }

  /** An edge whose call count moved: {@code changePercent} = (after − before) / before × 100. */
  public record CallChange(String parent, String child, long callsBefore, long callsAfter, double changePercent) {}

  /** An edge whose error rate moved significantly. Rates are fractions; the p-value is the chi-square test's. */
  public record ErrorRateChange(String parent, String child, long callsBefore, long errorsBefore, long callsAfter,
                                long errorsAfter, double chiSquare, double pValue) {
    public double rateBefore() {
      return errorsBefore / (double) callsBefore;
    }

    public double rateAfter() {
      return errorsAfter / (double) callsAfter;
    }
  }

  /** An edge that got significantly slower; medians in microseconds. */
  public record LatencyRegression(String parent, String child, double medianBeforeMicros, double medianAfterMicros,
                                  int samplesBefore, int samplesAfter, double pValue) {}

  /** True when there is a previous day to compare with. */
  public boolean hasPrevious() {
    return previousDate != null;
  }

  /** The per-edge significance threshold of the error-rate tests (alpha over the number of tests). */
  public double errorRateThreshold() {
    return options.alpha() / Math.max(1, errorRateTests);
  }

  public double latencyThreshold() {
    return options.alpha() / Math.max(1, latencyTests);
  }

  /** Number of findings a reader should look at. */
  public int flags() {
    return newServices.size() + vanishedServices.size() + newEdges.size() + vanishedEdges.size() + callChanges.size()
        + errorRateChanges.size() + latencyRegressions.size();
  }
}
