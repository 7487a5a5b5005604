package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;

import java.util.List;

/**
 * Two hand-built checkout traces whose every traffic number is worked out by hand in the tests (model and Spark job
 * alike): parallel children, a repeated call, a failed server, a database, an external call that fails, and a
 * message with consumer lag. Times are milliseconds after {@link TestTraces#TEN_AM_NANOS} (2024-05-01T10:00Z).
 *
 * <pre>
 * trace 1 (10:00:00)                                   trace 2 (10:01:30)
 * s1 SERVER frontend "GET /checkout" 0..100 peer web-lb r1 SERVER frontend "GET /checkout" 90000..90050 peer web-lb
 *   s2 CLIENT frontend "GET /price" 10..40              r2 CLIENT frontend "GET /price" 90005..90019
 *     s3 SERVER pricing "GET /price" 12..32               r3 SERVER pricing "GET /price" 90007..90017
 *   s4 CLIENT frontend "GET /price" 15..55              r4 CLIENT frontend "POST /mail" 90020..90045 peer smtp ERROR
 *     s5 SERVER pricing "GET /price" 20..45 ERROR
 *       s6 CLIENT pricing "SELECT prices" 22..32 peer prices-db (database)
 *   s7 PRODUCER frontend "publish orders" 60..62 peer kafka, destination orders
 *     s8 CONSUMER worker "process orders" 70..120
 *   s9 INTERNAL frontend "render" 65..95
 * </pre>
 */
public final class TrafficScenarios {
  private TrafficScenarios() {}

  /** Trace indexes (the archive fixtures derive trace ids from them). */
  public static final int TRACE_1 = 1;
  public static final int TRACE_2 = 2;

  public static List<Span> trace1() {
    return List.of(
        span(1, 0, SERVER, "frontend", "GET /checkout", 0, 100, "web-lb", false, false, null),
        span(2, 1, CLIENT, "frontend", "GET /price", 10, 40, null, false, false, null),
        span(3, 2, SERVER, "pricing", "GET /price", 12, 32, null, false, false, null),
        span(4, 1, CLIENT, "frontend", "GET /price", 15, 55, null, false, false, null),
        span(5, 4, SERVER, "pricing", "GET /price", 20, 45, null, true, false, null),
        span(6, 5, CLIENT, "pricing", "SELECT prices", 22, 32, "prices-db", false, true, null),
        span(7, 1, PRODUCER, "frontend", "publish orders", 60, 62, "kafka", false, false, "orders"),
        span(8, 7, CONSUMER, "worker", "process orders", 70, 120, null, false, false, null),
        span(9, 1, INTERNAL, "frontend", "render", 65, 95, null, false, false, null));
  }

  public static List<Span> trace2() {
    return List.of(
        span(11, 0, SERVER, "frontend", "GET /checkout", 90_000, 90_050, "web-lb", false, false, null),
        span(12, 11, CLIENT, "frontend", "GET /price", 90_005, 90_019, null, false, false, null),
        span(13, 12, SERVER, "pricing", "GET /price", 90_007, 90_017, null, false, false, null),
        span(14, 11, CLIENT, "frontend", "POST /mail", 90_020, 90_045, "smtp", true, false, null));
  }

  /** Trace index of {@link #databases()}. */
  public static final int DATABASES = 3;

  /**
   * A Redis, a PostgreSQL with two namespaces and a MongoDB client, as instrumentation reports them (peer: the
   * database system; destination: the namespace); one PostgreSQL call has no service name (it runs in api):
   * <pre>
   * d1 SERVER api "GET /items" 0..100
   *   d2 CLIENT api "GET" redis, namespace 0          d5 CLIENT api "find" mongodb, namespace catalog
   *   d3 CLIENT api "SELECT" postgresql, orders       d6 CLIENT (no service) "SELECT" postgresql, orders
   *   d4 CLIENT api "SELECT" postgresql, users
   * </pre>
   * Edges (all {@code database}): api → redis [0] 1, api → postgresql [orders] 2, [users] 1, api → mongodb
   * [catalog] 1; links api → mongodb 1, api → postgresql 3, api → redis 1.
   */
  public static List<Span> databases() {
    return List.of(
        span(21, 0, SERVER, "api", "GET /items", 0, 100, null, false, false, null),
        span(22, 21, CLIENT, "api", "GET", 5, 7, "redis", false, true, "0"),
        span(23, 21, CLIENT, "api", "SELECT", 10, 20, "postgresql", false, true, "orders"),
        span(24, 21, CLIENT, "api", "SELECT", 25, 30, "postgresql", true, true, "users"),
        span(25, 21, CLIENT, "api", "find", 35, 40, "mongodb", false, true, "catalog"),
        span(26, 21, CLIENT, Span.NO_SERVICE, "SELECT", 45, 50, "postgresql", false, true, "orders"));
  }

  /** The edges of {@link #databases()}: key → {calls, errors}. */
  public static java.util.Map<EdgeKey, long[]> databaseEdges() {
    java.util.Map<EdgeKey, long[]> edges = new java.util.TreeMap<>(EdgeKey.ORDER);
    edges.put(new EdgeKey("api", "mongodb", ConnectionType.DATABASE, null, "catalog"), new long[] {1, 0});
    edges.put(new EdgeKey("api", "postgresql", ConnectionType.DATABASE, null, "orders"), new long[] {2, 0});
    edges.put(new EdgeKey("api", "postgresql", ConnectionType.DATABASE, null, "users"), new long[] {1, 1});
    edges.put(new EdgeKey("api", "redis", ConnectionType.DATABASE, null, "0"), new long[] {1, 0});
    return edges;
  }

  /** The dependency links of {@link #databases()}. */
  public static List<DependencyLink> databaseLinks() {
    return List.of(TestTraces.link("api", "mongodb", 1, 0), TestTraces.link("api", "postgresql", 3, 1),
        TestTraces.link("api", "redis", 1, 0));
  }

  /** The span id of fixture span {@code n} (s1 = 1 ... s9 = 9, r1 = 11 ... r4 = 14, d1 = 21 ... d6 = 26). */
  public static long id(int n) {
    return TestTraces.spanId(300, n);
  }

  private static Span span(int n, int parent, SpanKind kind, String service, String name, long startMillis,
                           long endMillis, String peer, boolean error, boolean database, String destination) {
    long start = TestTraces.TEN_AM_NANOS + startMillis * 1_000_000L;
    long end = TestTraces.TEN_AM_NANOS + endMillis * 1_000_000L;
    return new Span(id(n), parent == 0 ? 0 : id(parent), service, name, kind, start, end, error, peer, database,
        destination, SamplingWeight.NONE);
  }
}
