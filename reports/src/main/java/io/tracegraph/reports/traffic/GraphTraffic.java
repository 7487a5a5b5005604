package io.tracegraph.reports.traffic;

import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EdgeStats;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.EntryPointStats;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.SpanStats;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.reports.diff.LatencySamples;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.HourlyCounts;
import io.tracegraph.reports.graph.ServiceStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The traffic tables' numbers ({@link TrafficSummary}: the edges, services and entry-points tables) put on the
 * day's dependency graph, whose edges are the links.
 *
 * <p>A traffic edge (caller, callee, connection type, broker, destination) lands on the link it counts towards: a
 * {@code messaging} call through a named broker on broker → consumer (the link rule), every other call on caller →
 * callee. Its <b>call durations</b> are what the caller waited for: the client side (CLIENT span) when the edge has
 * any, else the server side (a request from an uninstrumented caller such as the load balancer); for
 * {@code messaging} the consumer's processing time (server side), else the producer's send. Durations of the
 * traffic edges on one link are merged (sketches merge exactly); so are their calls per hour. A link without calls of
 * its own (a producer's service → broker when a consumer got the message) has no latency.
 */
public final class GraphTraffic {
  /**
   * A service counts as an entry point when at least this share of the day's traces start at it: traces that start
   * deeper because their context was lost (a few percent of one caller's requests) do not make it one.
   */
  public static final double ENTRY_SHARE_MIN = 0.01;

  private final TrafficSummary traffic;
  private final Map<List<String>, LatencySketch> durations = new HashMap<>();
  private final Map<List<String>, long[]> hours = new HashMap<>();

  private GraphTraffic(TrafficSummary traffic) {
    this.traffic = traffic;
    traffic.edges().forEach((key, stats) -> {
      List<String> edge = graphEdge(key);
      durations.computeIfAbsent(edge, k -> new LatencySketch()).merge(callDurations(key, stats));
      long[] h = hours.computeIfAbsent(edge, k -> new long[HourlyCounts.HOURS]);
      long[] add = stats.timeline().hours();
      for (int i = 0; i < h.length; i++) h[i] += add[i];
    });
  }

  public static GraphTraffic of(TrafficSummary traffic) {
    return new GraphTraffic(Objects.requireNonNull(traffic, "traffic == null"));
  }

  /** The link (parent, child) a traffic edge counts towards. */
  public static List<String> graphEdge(EdgeKey key) {
    if (key.type() == ConnectionType.MESSAGING && key.broker() != null && !key.broker().equals(key.callee())) {
      return List.of(key.broker(), key.callee());
    }
    return List.of(key.caller(), key.callee());
  }

  /** The durations the caller waited for on one traffic edge (see the class comment). */
  static LatencySketch callDurations(EdgeKey key, EdgeStats stats) {
    return callDurations(key.type(), stats.client(), stats.server());
  }

  /**
   * The call durations of calls of one connection type with these client-side and server-side durations: the client
   * side when there is one (the consumer's processing for messaging), else the other side.
   */
  public static LatencySketch callDurations(ConnectionType type, LatencySketch client, LatencySketch server) {
    boolean messaging = type == ConnectionType.MESSAGING;
    LatencySketch preferred = messaging ? server : client;
    LatencySketch other = messaging ? client : server;
    return preferred.isEmpty() ? other : preferred;
  }

  /** Call durations of the link parent → child, or {@code null} when it has none. */
  public LatencySketch durations(String parent, String child) {
    LatencySketch s = durations.get(List.of(parent, child));
    return s == null || s.isEmpty() ? null : s;
  }

  /** Every link's call durations, by (parent, child). */
  public Map<List<String>, LatencySketch> allDurations() {
    Map<List<String>, LatencySketch> out = new HashMap<>();
    durations.forEach((k, v) -> { if (!v.isEmpty()) out.put(k, v); });
    return Collections.unmodifiableMap(out);
  }

  /** Samples of every link's call durations for the day-over-day latency test. */
  public LatencySamples samples() {
    return new SketchSamples(allDurations());
  }

  /**
   * The slowest calls of each link, by (parent, child): the slowest examples of the traffic edges that land on it
   * (the {@code edges} table's), merged, slowest first.
   */
  public Map<List<String>, List<TopTraces.Example>> slowestByLink() {
    Map<List<String>, TopTraces> merged = new HashMap<>();
    traffic.edges().forEach((key, stats) ->
        merged.computeIfAbsent(graphEdge(key), k -> new TopTraces()).merge(stats.slowest()));
    Map<List<String>, List<TopTraces.Example>> out = new HashMap<>();
    merged.forEach((link, top) -> out.put(link, top.examples()));
    return Collections.unmodifiableMap(out);
  }

  /** Services where at least {@link #ENTRY_SHARE_MIN} of the day's traces start. */
  public Set<String> entryServices() {
    Map<String, Long> requests = new TreeMap<>();
    for (Map.Entry<EntryPointKey, EntryPointStats> e : traffic.entryPoints().entrySet()) {
      requests.merge(e.getKey().service(), e.getValue().requests(), Long::sum);
    }
    long traces = traffic.totals().traces();
    Set<String> entries = new TreeSet<>();
    requests.forEach((s, n) -> { if (traces > 0 && n >= ENTRY_SHARE_MIN * traces) entries.add(s); });
    return entries;
  }

  /**
   * {@code links} with the traffic statistics: each edge's p50/p99 call duration and calls per hour, each service's
   * traces (reach), self time and whether traces start there, and the day's trace count.
   */
  public GraphData enrich(GraphData links) {
    List<CallStats> edges = new ArrayList<>(links.edges().size());
    for (CallStats e : links.edges()) {
      List<String> key = List.of(e.parent(), e.child());
      LatencySketch d = durations(e.parent(), e.child());
      EdgeLatency latency = d == null ? null
          : new EdgeLatency(micros(d.quantileNanos(0.5)), micros(d.quantileNanos(0.99)));
      long[] h = hours.get(key);
      HourlyCounts hourly = h == null ? null : new HourlyCounts(Arrays.stream(h).boxed().toList());
      edges.add(new CallStats(e.parent(), e.child(), e.calls(), e.errors(), latency, hourly));
    }
    Set<String> entries = entryServices();
    TreeMap<String, ServiceStats> services = new TreeMap<>();
    links.services().forEach((name, s) -> {
      SpanStats spans = traffic.services().get(name);
      services.put(name, spans == null ? s : new ServiceStats(name, s.kind(), spans.traces(),
          micros(spans.selfTime().sumNanos()), entries.contains(name)));
    });
    return new GraphData(links.date(), traffic.totals().traces(), edges, services);
  }

  private static long micros(double nanos) {
    return Math.max(0, Math.round(nanos / 1000.0));
  }
}
