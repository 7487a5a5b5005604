package io.tracegraph.reports.graph;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small graphs with known answers, shared by the analytics, export and report tests. */
public final class Graphs {
  public static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  private Graphs() {}

  /** Edges given as "parent>child:calls:errors" strings; every vertex not in {@code peers} is a service. */
  public static GraphData of(Set<String> peers, String... edges) {
    List<CallStats> list = new ArrayList<>();
    Set<String> services = new java.util.TreeSet<>();
    for (String spec : edges) {
      String[] parts = spec.split(":");
      String[] ends = parts[0].split(">");
      long calls = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
      long errors = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
      list.add(CallStats.of(ends[0], ends[1], calls, errors));
      for (String v : ends) if (!peers.contains(v)) services.add(v);
    }
    return GraphData.of(DAY, null, list, services);
  }

  /**
   * A shop: peer {@code lb} calls {@code web}; web calls api and auth; both use db; api and billing call each other
   * (a cycle); billing calls itself; api uses the cache.
   *
   * <pre>
   *   lb → web → api ⇄ billing ↺
   *          ↘ auth → db ← api → cache
   * </pre>
   */
  public static GraphData shop() {
    return of(Set.of("lb", "db", "cache"),
        "lb>web:1000:0", "web>api:800:8", "web>auth:700:0", "api>db:1600:16", "auth>db:700:70",
        "api>billing:50:1", "billing>api:20:0", "billing>billing:5:0", "api>cache:900:0");
  }
}
