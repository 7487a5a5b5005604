package io.tracegraph.reports.diff;

import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares a day's graph with the previous available day's:
 * <ul>
 *   <li>new and vanished vertices and edges;</li>
 *   <li>call-volume changes of edges present on both days, by at least {@link DiffOptions#callChangePercent()}
 *       percent with at least {@link DiffOptions#minCalls()} calls on one of the days;</li>
 *   <li>error-rate changes, flagged only when the chi-square test ({@link ErrorRateTest}) is significant after a
 *       Bonferroni correction over the edges tested, and the rate moved by at least
 *       {@link DiffOptions#minErrorRateChangePoints()} points;</li>
 *   <li>latency regressions, when both days have latency samples ({@link LatencySamples}; none yet): Mann-Whitney
 *       ({@link LatencyTest}) significant after Bonferroni and the median up by at least
 *       {@link DiffOptions#minLatencyChangePercent()} percent.</li>
 * </ul>
 */
public final class DayDiff {
  private DayDiff() {}

  /** The diff of {@code today} against {@code previous}; {@code previous == null} gives an empty diff. */
  public static GraphDiff compare(GraphData previous, GraphData today, DiffOptions options) {
    return compare(previous, today, options, LatencySamples.NONE, LatencySamples.NONE);
  }

  public static GraphDiff compare(GraphData previous, GraphData today, DiffOptions options,
                                  LatencySamples previousLatency, LatencySamples todayLatency) {
    Objects.requireNonNull(today, "today == null");
    Objects.requireNonNull(options, "options == null");
    if (previous == null) {
      return new GraphDiff(today.date(), null, options, List.of(), List.of(), List.of(), List.of(), List.of(), 0,
          List.of(), 0, List.of());
    }
    if (!previous.date().isBefore(today.date())) {
      throw new IllegalArgumentException("previous day " + previous.date() + " is not before " + today.date());
    }
    TreeSet<String> newServices = new TreeSet<>(today.services().keySet());
    newServices.removeAll(previous.services().keySet());
    TreeSet<String> vanishedServices = new TreeSet<>(previous.services().keySet());
    vanishedServices.removeAll(today.services().keySet());

    Map<List<String>, CallStats> before = index(previous);
    Map<List<String>, CallStats> after = index(today);
    List<CallStats> newEdges = new ArrayList<>();
    List<GraphDiff.CallChange> callChanges = new ArrayList<>();
    List<GraphDiff.ErrorRateChange> errorCandidates = new ArrayList<>();
    List<GraphDiff.LatencyRegression> latencyCandidates = new ArrayList<>();
    int errorTests = 0;
    int latencyTests = 0;
    for (CallStats now : today.edges()) {
      CallStats then = before.get(key(now));
      if (then == null) {
        newEdges.add(now);
        continue;
      }
      if (then.calls() > 0 && Math.max(then.calls(), now.calls()) >= options.minCalls()) {
        double change = (now.calls() - then.calls()) * 100.0 / then.calls();
        if (Math.abs(change) >= options.callChangePercent()) {
          callChanges.add(new GraphDiff.CallChange(now.parent(), now.child(), then.calls(), now.calls(), change));
        }
      }
      ErrorRateTest.Outcome errors = ErrorRateTest.test(then.calls(), then.errors(), now.calls(), now.errors());
      if (errors != null) {
        errorTests++;
        double points = Math.abs(now.errorRate() - then.errorRate()) * 100;
        if (points >= options.minErrorRateChangePoints()) {
          errorCandidates.add(new GraphDiff.ErrorRateChange(now.parent(), now.child(), then.calls(), then.errors(),
              now.calls(), now.errors(), errors.chiSquare(), errors.pValue()));
        }
      }
      LatencyTest.Outcome latency = LatencyTest.test(previousLatency.micros(now.parent(), now.child()),
          todayLatency.micros(now.parent(), now.child()));
      if (latency != null) {
        latencyTests++;
        double rise = (latency.medianAfterMicros() / Math.max(1e-9, latency.medianBeforeMicros()) - 1) * 100;
        if (rise >= options.minLatencyChangePercent()) {
          latencyCandidates.add(new GraphDiff.LatencyRegression(now.parent(), now.child(),
              latency.medianBeforeMicros(), latency.medianAfterMicros(), latency.samplesBefore(),
              latency.samplesAfter(), latency.pValue()));
        }
      }
    }
    List<CallStats> vanishedEdges = new ArrayList<>();
    for (CallStats then : previous.edges()) if (!after.containsKey(key(then))) vanishedEdges.add(then);

    double errorThreshold = options.alpha() / Math.max(1, errorTests);
    List<GraphDiff.ErrorRateChange> errorChanges = new ArrayList<>(
        errorCandidates.stream().filter(c -> c.pValue() < errorThreshold).toList());
    double latencyThreshold = options.alpha() / Math.max(1, latencyTests);
    List<GraphDiff.LatencyRegression> regressions = new ArrayList<>(
        latencyCandidates.stream().filter(r -> r.pValue() < latencyThreshold).toList());

    Comparator<CallStats> byCalls = Comparator.comparingLong(CallStats::calls).reversed().thenComparing(CallStats.ORDER);
    newEdges.sort(byCalls);
    vanishedEdges.sort(byCalls);
    callChanges.sort(Comparator.comparingDouble((GraphDiff.CallChange c) -> -Math.abs(c.changePercent()))
        .thenComparing(GraphDiff.CallChange::parent).thenComparing(GraphDiff.CallChange::child));
    errorChanges.sort(Comparator.comparingDouble(GraphDiff.ErrorRateChange::pValue)
        .thenComparing(GraphDiff.ErrorRateChange::parent).thenComparing(GraphDiff.ErrorRateChange::child));
    regressions.sort(Comparator.comparingDouble(GraphDiff.LatencyRegression::pValue)
        .thenComparing(GraphDiff.LatencyRegression::parent).thenComparing(GraphDiff.LatencyRegression::child));
    return new GraphDiff(today.date(), previous.date(), options, List.copyOf(newServices),
        List.copyOf(vanishedServices), newEdges, vanishedEdges, callChanges, errorTests, errorChanges, latencyTests,
        regressions);
  }

  private static Map<List<String>, CallStats> index(GraphData data) {
    Map<List<String>, CallStats> map = new HashMap<>();
    for (CallStats e : data.edges()) map.put(key(e), e);
    return map;
  }

  private static List<String> key(CallStats e) {
    return List.of(e.parent(), e.child());
  }
}
