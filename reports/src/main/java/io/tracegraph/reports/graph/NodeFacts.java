package io.tracegraph.reports.graph;

import java.util.List;
import java.util.Objects;

/**
 * What the day's graph says about one vertex, gathered in one place for every output that lists vertices:
 * {@code graph.json}, the report's services table, the titles of its drawing and the data its script reads. Built by
 * {@link GraphAnalytics#node}; the statistics the latency job adds are {@code null} when its tables are absent.
 *
 * @param name the service or peer
 * @param kind instrumented service, uninstrumented peer, or unknown
 * @param entryPoint an entry point of the graph ({@link ServiceDepths}: declared, or called by nobody)
 * @param depth fewest calls from an entry point
 * @param fanIn distinct other vertices calling it
 * @param fanOut distinct other vertices it calls
 * @param callsIn calls received, self-calls included
 * @param errorsIn failed calls received, self-calls included
 * @param callsOut calls made, self-calls included
 * @param inCycle on a call cycle between services ({@link CallCycles})
 * @param dependents vertices that depend on it transitively ({@link BlastRadius})
 * @param entryPointsAffected the entry points whose requests can reach it, sorted
 * @param traces the day's traces that touch it, or {@code null}
 * @param reach their share of the day's traces, or {@code null}
 * @param selfTimeMicros time in its own spans not covered by their children, or {@code null}
 * @param declaredEntryPoint where traces start, as the entry-points table says
 * @param callers the distinct other vertices calling it, sorted
 * @param callees the distinct other vertices it calls, sorted
 */
public record NodeFacts(String name, NodeKind kind, boolean entryPoint, int depth, int fanIn, int fanOut,
                        long callsIn, long errorsIn, long callsOut, boolean inCycle, int dependents,
                        List<String> entryPointsAffected, Long traces, Double reach, Long selfTimeMicros,
                        boolean declaredEntryPoint, List<String> callers, List<String> callees) {
  public NodeFacts {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(kind, "kind == null");
    entryPointsAffected = List.copyOf(entryPointsAffected);
    callers = List.copyOf(callers);
    callees = List.copyOf(callees);
  }

  /** Failed calls received over calls received; 0 without calls. */
  public double errorRateIn() {
    return callsIn == 0 ? 0 : errorsIn / (double) callsIn;
  }
}
