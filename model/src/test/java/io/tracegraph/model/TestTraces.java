package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The canonical small traces every test uses, after Zipkin's {@code TestObjects}: the model tests run them through
 * {@link DependencyLinker}, and the Spark job tests in {@code jobs/} (which get this class from the model's
 * test-jar) run the same scenarios through Parquet, the job and its output, and expect the same links.
 *
 * <p>All spans lie on 2024-05-01 UTC and start around 10:00. Span ids are distinct across all scenarios and look
 * like real 64-bit ids (some have the high bit set, so they are negative as a {@code long}).
 */
public final class TestTraces {
  private TestTraces() {}

  /** 2024-05-01T00:00:00Z, Unix epoch nanoseconds: the day every fixture trace belongs to. */
  public static final long DAY_START_NANOS = Instant.parse("2024-05-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

  /** 2024-05-01T10:00:00Z, Unix epoch nanoseconds: where the fixture traces start. */
  public static final long TEN_AM_NANOS = DAY_START_NANOS + 10L * 3_600_000_000_000L;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /**
   * One named trace and the links it must give, sorted with {@link DependencyLink#ORDER}.
   *
   * @param name short identifier, usable as a test display name
   * @param spans the trace's spans, in no particular order
   * @param expectedLinks exactly the links of the trace, in {@link DependencyLink#ORDER}
   */
  public record Scenario(String name, List<Span> spans, List<DependencyLink> expectedLinks) {
    public Scenario {
      spans = List.copyOf(spans);
      List<DependencyLink> sorted = new ArrayList<>(expectedLinks);
      sorted.sort(DependencyLink.ORDER);
      expectedLinks = List.copyOf(sorted);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Terse span building

  /**
   * A realistic-looking, non-zero span id, distinct for every {@code (trace, n)} with {@code n < 2^16}: the
   * SplitMix64 finaliser (a bijection on {@code long}) of a counter, so ids look random but are reproducible.
   */
  public static long spanId(int trace, int n) {
    long z = ((long) trace << 16 | (n & 0xffff)) + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return z != 0 ? z : 1; // never 0 in practice; 0 is not a valid id
  }

  /** A 32-hex trace id, distinct for every index, to store a fixture trace (the model itself never sees it). */
  public static String traceIdHex(int index) {
    return String.format("%016x%016x", spanId(index, 0xfffe), spanId(index, 0xffff));
  }

  /**
   * A span starting {@code startMillis} after 10:00 and lasting {@code durationMillis}, not failed, without a peer.
   * {@code parentId} 0 means a root.
   */
  public static Span span(long id, long parentId, SpanKind kind, String service, long startMillis,
                          long durationMillis) {
    return span(id, parentId, kind, service, startMillis, durationMillis, null, false);
  }

  /** A span starting {@code startMillis} after 10:00, with its remote peer (or null) and error flag. */
  public static Span span(long id, long parentId, SpanKind kind, String service, long startMillis,
                          long durationMillis, String peer, boolean error) {
    long start = TEN_AM_NANOS + startMillis * NANOS_PER_MILLI;
    return new Span(id, parentId, service, kind.name().toLowerCase(Locale.ROOT) + " " + service, kind, start,
        start + durationMillis * NANOS_PER_MILLI, error, peer);
  }

  /** A link with its counts, for expectations. */
  public static DependencyLink link(String parent, String child, long calls, long errors) {
    return new DependencyLink(parent, child, calls, errors);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Scenarios

  /** Scenario numbers double as the {@code trace} of {@link #spanId}, so ids differ between scenarios. */
  private static long id(int scenario, int n) {
    return spanId(scenario, n);
  }

  /**
   * 1. frontend SERVER → frontend CLIENT → backend SERVER → backend CLIENT to db (ERROR): the basic RPC hop plus an
   * uninstrumented database. Links frontend→backend (1, 0), backend→db (1, 1).
   */
  private static List<Span> clientServerWithDbError(int scenario, boolean withRoot, boolean withInternals) {
    long root = id(scenario, 1);
    long client = id(scenario, 2);
    long server = id(scenario, 3);
    long db = id(scenario, 4);
    List<Span> spans = new ArrayList<>();
    if (withRoot) spans.add(span(root, 0, SERVER, "frontend", 0, 200));
    long clientParent = root;
    long dbParent = server;
    if (withInternals) {
      long internal1 = id(scenario, 5);
      long internal2 = id(scenario, 6);
      long internal3 = id(scenario, 7);
      spans.add(span(internal1, root, INTERNAL, "frontend", 2, 195));
      spans.add(span(internal2, internal1, INTERNAL, "frontend", 4, 190));
      spans.add(span(internal3, server, INTERNAL, "backend", 25, 150));
      clientParent = internal2;
      dbParent = internal3;
    }
    spans.add(span(client, clientParent, CLIENT, "frontend", 10, 180));
    spans.add(span(server, client, SERVER, "backend", 20, 160));
    spans.add(span(db, dbParent, CLIENT, "backend", 30, 100, "db", true));
    return spans;
  }

  private static List<DependencyLink> case1Links() {
    return List.of(link("frontend", "backend", 1, 0), link("backend", "db", 1, 1));
  }

  /** The acceptance scenarios: each trace, and exactly the links it must give. */
  public static List<Scenario> acceptanceScenarios() {
    List<Scenario> scenarios = new ArrayList<>();

    scenarios.add(new Scenario("01_client_server_db_error",
        clientServerWithDbError(1, true, false), case1Links()));

    scenarios.add(new Scenario("02_client_calls_own_service", List.of(
        span(id(2, 1), 0, SERVER, "frontend", 0, 100),
        span(id(2, 2), id(2, 1), CLIENT, "frontend", 10, 50, "frontend", false)),
        List.of(link("frontend", "frontend", 1, 0))));

    scenarios.add(new Scenario("03_missing_root",
        clientServerWithDbError(3, false, false), case1Links()));

    scenarios.add(new Scenario("04_root_server_with_peer", List.of(
        span(id(4, 1), 0, SERVER, "frontend", 0, 200, "kafka", false),
        span(id(4, 2), id(4, 1), CLIENT, "frontend", 10, 180),
        span(id(4, 3), id(4, 2), SERVER, "backend", 20, 160),
        span(id(4, 4), id(4, 3), CLIENT, "backend", 30, 100, "db", false)),
        List.of(link("kafka", "frontend", 1, 0), link("frontend", "backend", 1, 0), link("backend", "db", 1, 0))));

    scenarios.add(new Scenario("05_messaging_through_broker", List.of(
        span(id(5, 1), 0, PRODUCER, "frontend", 0, 5, "kafka", false),
        span(id(5, 2), id(5, 1), CONSUMER, "backend", 40, 30, "kafka", false)),
        List.of(link("frontend", "kafka", 1, 0), link("kafka", "backend", 1, 0))));

    // The parent of the backend CLIENT was lost: it hangs under the root for the tree's sake, but the root did not
    // call it (no frontend → backend backfill).
    scenarios.add(new Scenario("06_orphan_client_under_root", List.of(
        span(id(6, 1), 0, SERVER, "frontend", 0, 200),
        span(id(6, 2), id(6, 3) /* absent from the trace */, CLIENT, "backend", 50, 20)),
        List.of()));

    scenarios.add(new Scenario("07_internal_spans_between",
        clientServerWithDbError(7, true, true), case1Links()));

    scenarios.add(new Scenario("08a_two_parentless_servers", List.of(
        span(id(8, 1), 0, SERVER, "service1", 0, 100),
        span(id(8, 2), 0, SERVER, "service2", 10, 50)),
        List.of()));

    scenarios.add(new Scenario("08b_server_child_of_server", List.of(
        span(id(9, 1), 0, SERVER, "service1", 0, 100),
        span(id(9, 2), id(9, 1), SERVER, "service2", 10, 50)),
        List.of(link("service1", "service2", 1, 0))));

    scenarios.add(new Scenario("09_two_calls_one_error", List.of(
        span(id(10, 1), 0, SERVER, "frontend", 0, 300),
        span(id(10, 2), id(10, 1), CLIENT, "frontend", 10, 100, null, true),
        span(id(10, 3), id(10, 2), SERVER, "backend", 20, 80),
        span(id(10, 4), id(10, 1), CLIENT, "frontend", 150, 100),
        span(id(10, 5), id(10, 4), SERVER, "backend", 160, 80)),
        List.of(link("frontend", "backend", 2, 1))));

    scenarios.addAll(unlinkableCallScenarios());
    return List.copyOf(scenarios);
  }

  /**
   * Traces with calls the map must not draw as they look (issue 17: the map must be true): orphans whose caller was
   * lost, and spans without a service name. Part of {@link #acceptanceScenarios()}.
   */
  static List<Scenario> unlinkableCallScenarios() {
    List<Scenario> scenarios = new ArrayList<>();
    // frontend → checkout, and a SERVER of email whose parent (a checkout CLIENT) was lost: it hangs under the root,
    // which is not its caller. No frontend → email; the call counts as one with a lost caller.
    scenarios.add(new Scenario("10_orphan_server_under_root", List.of(
        span(id(11, 1), 0, SERVER, "frontend", 0, 300),
        span(id(11, 2), id(11, 1), CLIENT, "frontend", 10, 200),
        span(id(11, 3), id(11, 2), SERVER, "checkout", 20, 180),
        span(id(11, 4), id(11, 9) /* lost */, SERVER, "email", 50, 40),
        span(id(11, 5), id(11, 4), CLIENT, "email", 60, 10, "smtp-relay", false)),
        List.of(link("frontend", "checkout", 1, 0), link("email", "smtp-relay", 1, 0))));
    // An orphan SERVER that names its caller itself (peer.service) links from that peer: what it says, not the root.
    scenarios.add(new Scenario("11_orphan_server_names_its_caller", List.of(
        span(id(12, 1), 0, SERVER, "frontend", 0, 300),
        span(id(12, 2), id(12, 9) /* lost */, SERVER, "email", 50, 40, "mail-gateway", false)),
        List.of(link("mail-gateway", "email", 1, 0))));
    // Zipkin's callsAgainstTheSameLinkIncreasesCallCount_span: CLIENTs without a service name run in the service of
    // their parent ("client"), so each is a call client → server.
    scenarios.add(new Scenario("12_clients_without_service_name", List.of(
        span(id(13, 1), 0, SERVER, "client", 0, 300),
        span(id(13, 2), id(13, 1), CLIENT, Span.NO_SERVICE, 10, 100, "server", false),
        span(id(13, 3), id(13, 1), CLIENT, Span.NO_SERVICE, 120, 100, "server", false)),
        List.of(link("client", "server", 2, 0))));
    // A SERVER without a service name, called by frontend, whose process runs two backend CLIENTs (behind a local
    // span, nameless too) to a database: the SERVER makes no link and is looked through, so the hop into it is
    // frontend → backend, once (not per CLIENT, and never frontend → frontend); the database calls are backend's.
    scenarios.add(new Scenario("13_server_without_service_name", List.of(
        span(id(14, 1), 0, SERVER, "frontend", 0, 300),
        span(id(14, 2), id(14, 1), CLIENT, "frontend", 10, 250),
        span(id(14, 3), id(14, 2), SERVER, Span.NO_SERVICE, 20, 200),
        span(id(14, 4), id(14, 3), INTERNAL, Span.NO_SERVICE, 25, 190),
        span(id(14, 5), id(14, 4), CLIENT, "backend", 30, 50, "db", true),
        span(id(14, 6), id(14, 4), CLIENT, "backend", 90, 50, "db", false)),
        List.of(link("frontend", "backend", 1, 0), link("backend", "db", 2, 1))));
    // A root without a service name makes no link, even naming its caller; its CLIENT cannot be named either (its
    // parent has no name): no web-lb → ?, no ? → cache.
    scenarios.add(new Scenario("14_root_without_service_name", List.of(
        span(id(15, 1), 0, SERVER, Span.NO_SERVICE, 0, 100, "web-lb", false),
        span(id(15, 2), id(15, 1), CLIENT, Span.NO_SERVICE, 10, 50, "cache", false)),
        List.of()));
    return scenarios;
  }

  /**
   * Acceptance case 11: {@code n} traces {@code web-i → app-i → db-i}, each a SERVER/CLIENT/SERVER/CLIENT chain with
   * its own services and ids; together they give exactly {@code 2n} links, each of one call.
   */
  public static List<List<Span>> chains(int n) {
    List<List<Span>> traces = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int trace = 1000 + i;
      long root = spanId(trace, 1);
      long client = spanId(trace, 2);
      long server = spanId(trace, 3);
      long db = spanId(trace, 4);
      long offset = i * 10L; // traces start 10 ms apart
      traces.add(List.of(
          span(root, 0, SERVER, "web-" + i, offset, 100),
          span(client, root, CLIENT, "web-" + i, offset + 5, 90),
          span(server, client, SERVER, "app-" + i, offset + 10, 80),
          span(db, server, CLIENT, "app-" + i, offset + 20, 40, "db-" + i, false)));
    }
    return List.copyOf(traces);
  }

  /** The links of {@link #chains(int)}: {@code web-i→app-i} and {@code app-i→db-i}, one call each, sorted. */
  public static List<DependencyLink> chainLinks(int n) {
    List<DependencyLink> links = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      links.add(link("web-" + i, "app-" + i, 1, 0));
      links.add(link("app-" + i, "db-" + i, 1, 0));
    }
    links.sort(DependencyLink.ORDER);
    return List.copyOf(links);
  }
}
