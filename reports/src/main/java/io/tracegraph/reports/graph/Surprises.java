package io.tracegraph.reports.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The "surprise" list: services that a large share of the day's traces reach although few services call them
 * directly, such as a feature-flag service on every checkout. Few people know they depend on it, yet most requests
 * do. A service qualifies when its reach is at least {@code minReach}, it has between one and {@code maxCallers}
 * direct callers, and it is not an entry point; the list is ordered by reach per direct caller, then reach, then
 * name. Needs reach (the services table): without it the list is empty and {@link #available()} is false.
 */
public final class Surprises {
  public static final double MIN_REACH_DEFAULT = 0.2;
  public static final int MAX_CALLERS_DEFAULT = 3;

  /** One surprising service. */
  public record Surprise(String service, double reach, List<String> callers, int dependents, int entryPoints) {
    public Surprise {
      callers = List.copyOf(callers);
    }

    /** Reach divided by the number of direct callers: the ordering key. */
    public double reachPerCaller() {
      return reach / callers.size();
    }
  }

  private final ServiceGraph graph;
  private final ServiceDepths depths;
  private final BlastRadius blast;
  private final double minReach;
  private final int maxCallers;
  private List<Surprise> list;

  public Surprises(ServiceGraph graph, ServiceDepths depths, BlastRadius blast, double minReach, int maxCallers) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
    this.depths = Objects.requireNonNull(depths, "depths == null");
    this.blast = Objects.requireNonNull(blast, "blast == null");
    if (!(minReach > 0 && minReach <= 1)) throw new IllegalArgumentException("minReach must be in (0, 1]: " + minReach);
    if (maxCallers < 1) throw new IllegalArgumentException("maxCallers must be at least 1: " + maxCallers);
    this.minReach = minReach;
    this.maxCallers = maxCallers;
  }

  public Surprises(ServiceGraph graph, ServiceDepths depths, BlastRadius blast) {
    this(graph, depths, blast, MIN_REACH_DEFAULT, MAX_CALLERS_DEFAULT);
  }

  /** True when the graph carries reach, so that the list means something. */
  public boolean available() {
    return graph.data().hasReach();
  }

  public double minReach() {
    return minReach;
  }

  public int maxCallers() {
    return maxCallers;
  }

  public List<Surprise> list() {
    if (list == null) {
      List<Surprise> found = new ArrayList<>();
      for (String v : graph.vertices()) {
        Double reach = graph.data().reach(v);
        int callers = graph.fanIn(v);
        if (reach == null || reach < minReach || callers < 1 || callers > maxCallers || depths.isEntryPoint(v)) continue;
        found.add(new Surprise(v, reach, List.copyOf(graph.callers(v)), blast.dependents(v).size(),
            blast.entryPoints(v).size()));
      }
      found.sort(Comparator.comparingDouble(Surprise::reachPerCaller).reversed()
          .thenComparing(Comparator.comparingDouble(Surprise::reach).reversed())
          .thenComparing(Surprise::service));
      list = Collections.unmodifiableList(found);
    }
    return list;
  }
}
