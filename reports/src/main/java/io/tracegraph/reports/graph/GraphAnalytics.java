package io.tracegraph.reports.graph;

import java.util.Objects;

/** Everything the report computes on one day's graph, each part created on first use. */
public final class GraphAnalytics {
  private final ServiceGraph graph;
  private CallCycles cycles;
  private ServiceDepths depths;
  private BlastRadius blast;
  private Surprises surprises;

  public GraphAnalytics(ServiceGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
  }

  public static GraphAnalytics of(GraphData data) {
    return new GraphAnalytics(new ServiceGraph(data));
  }

  public ServiceGraph graph() {
    return graph;
  }

  public CallCycles cycles() {
    if (cycles == null) cycles = new CallCycles(graph);
    return cycles;
  }

  public ServiceDepths depths() {
    if (depths == null) depths = new ServiceDepths(graph);
    return depths;
  }

  public BlastRadius blastRadius() {
    if (blast == null) blast = new BlastRadius(graph, depths());
    return blast;
  }

  public Surprises surprises() {
    if (surprises == null) surprises = new Surprises(graph, depths(), blastRadius());
    return surprises;
  }
}
