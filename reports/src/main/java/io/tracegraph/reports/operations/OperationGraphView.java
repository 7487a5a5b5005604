package io.tracegraph.reports.operations;

import io.tracegraph.model.EdgeCalls;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.OperationEdgeKey;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.reports.traffic.GraphTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The day's operation graph for the reports ({@code graph.json}'s {@code operation_edges}, the page's per-service
 * view): every operation edge with its calls, errors and call durations, and per service its operations with who
 * calls each and what each calls.
 *
 * <p>A service's operations are those it serves (operations called on it, the callee operations of the edges into
 * it) and those it calls from (the caller operations of the edges out of it); for an uninstrumented peer (a database)
 * the operations called on it.
 */
public final class OperationGraphView {
  private final List<OperationLink> links;
  private final Map<String, TreeMap<String, List<OperationLink>>> callersByService = new TreeMap<>();
  private final Map<String, TreeMap<String, List<OperationLink>>> calleesByService = new TreeMap<>();

  /** The view of {@code links}, in the operation graph's order ({@link OperationEdgeKey#ORDER}). */
  public OperationGraphView(List<OperationLink> links) {
    this.links = List.copyOf(links);
    for (OperationLink l : this.links) {
      callersByService.computeIfAbsent(l.callee(), k -> new TreeMap<>())
          .computeIfAbsent(l.calleeOperation(), k -> new ArrayList<>()).add(l);
      if (l.callerOperation() != null) {
        calleesByService.computeIfAbsent(l.caller(), k -> new TreeMap<>())
            .computeIfAbsent(l.callerOperation(), k -> new ArrayList<>()).add(l);
      }
    }
  }

  /** The operation graph of a day's (or range's) traffic. */
  public static OperationGraphView of(TrafficSummary traffic) {
    Objects.requireNonNull(traffic, "traffic == null");
    List<OperationLink> links = new ArrayList<>();
    for (Map.Entry<OperationEdgeKey, EdgeCalls> e : traffic.operationEdges().entrySet()) {
      OperationEdgeKey k = e.getKey();
      EdgeCalls c = e.getValue();
      LatencySketch d = GraphTraffic.callDurations(k.type(), c.client(), c.server());
      links.add(new OperationLink(k.caller(), k.callerOperation(), k.callee(), k.calleeOperation(), k.type(),
          k.viaLinks(), c.calls(), c.errors(), quantile(d, 0.5), quantile(d, 0.99), quantile(c.gap(), 0.5),
          quantile(c.gap(), 0.99)));
    }
    return new OperationGraphView(links);
  }

  /** A quantile in whole µs (a negative gap under clock skew stays negative); null for an empty sketch. */
  private static Long quantile(LatencySketch sketch, double q) {
    return sketch.isEmpty() ? null : Math.round(sketch.quantileNanos(q) / 1000.0);
  }

  /** Every operation edge, in order. */
  public List<OperationLink> links() {
    return links;
  }

  public boolean isEmpty() {
    return links.isEmpty();
  }

  /** Services and peers that have operations, sorted. */
  public List<String> services() {
    TreeSet<String> all = new TreeSet<>(callersByService.keySet());
    all.addAll(calleesByService.keySet());
    return List.copyOf(all);
  }

  /** The operations of {@code service}: served or called from, sorted. */
  public List<String> operationsOf(String service) {
    TreeSet<String> ops = new TreeSet<>(callersByService.getOrDefault(service, new TreeMap<>()).keySet());
    ops.addAll(calleesByService.getOrDefault(service, new TreeMap<>()).keySet());
    return List.copyOf(ops);
  }

  /** The edges into {@code operation} of {@code service}, in order. */
  public List<OperationLink> callersOf(String service, String operation) {
    return List.copyOf(callersByService.getOrDefault(service, new TreeMap<>()).getOrDefault(operation, List.of()));
  }

  /** The edges out of {@code operation} of {@code service}, in order. */
  public List<OperationLink> calleesOf(String service, String operation) {
    return List.copyOf(calleesByService.getOrDefault(service, new TreeMap<>()).getOrDefault(operation, List.of()));
  }
}
