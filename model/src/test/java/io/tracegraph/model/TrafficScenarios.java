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

  /** The span id of fixture span {@code n} (s1 = 1 ... s9 = 9, r1 = 11 ... r4 = 14). */
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
