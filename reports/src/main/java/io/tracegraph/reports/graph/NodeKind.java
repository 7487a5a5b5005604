package io.tracegraph.reports.graph;

import java.util.Locale;

/** What a vertex of the service graph is. */
public enum NodeKind {
  /** Wrote spans in the day's traces. */
  SERVICE,
  /** Named by the spans of others only (a database, cache, broker, load balancer, external API). */
  PEER,
  /** Not known (a day written before the nightly job recorded which services wrote spans). */
  UNKNOWN;

  /** The name in graph.json and the exports, e.g. {@code service}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NodeKind ofKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
