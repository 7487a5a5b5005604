package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.SpanKind.UNSPECIFIED;
import static io.tracegraph.model.TestTraces.link;
import static io.tracegraph.model.TestTraces.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.TestTraces.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The link rules of {@link DependencyLinker}, one named scenario per test. The acceptance scenarios come from
 * {@link TestTraces}, so the Spark job tests check exactly the same cases end to end.
 */
class DependencyLinkerTest {

  private static final Map<String, Scenario> SCENARIOS = TestTraces.acceptanceScenarios().stream()
      .collect(Collectors.toMap(Scenario::name, Function.identity()));

  private static void assertScenario(String name) {
    Scenario scenario = SCENARIOS.get(name);
    assertEquals(scenario.expectedLinks(), DependencyLinker.linksOf(scenario.spans()), name);
  }

  private static long id(int n) {
    return TestTraces.spanId(500, n);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Acceptance scenarios

  /** The basic hop: a CLIENT with a SERVER child in another service, and a leaf CLIENT to an uninstrumented db. */
  @Test
  void clientServerAndFailedDbCall() {
    assertScenario("01_client_server_db_error");
  }

  /** A service calling itself through a leaf CLIENT naming itself as peer is a self link, not dropped. */
  @Test
  void clientCallingOwnServiceIsSelfLink() {
    assertScenario("02_client_calls_own_service");
  }

  /**
   * Archives lose spans: without the root, the CLIENT is an orphan under a synthetic root, and the hops below it
   * must still be linked exactly as in the complete trace.
   */
  @Test
  void missingRootGivesSameLinks() {
    assertScenario("03_missing_root");
    assertEquals(SCENARIOS.get("01_client_server_db_error").expectedLinks(),
        SCENARIOS.get("03_missing_root").expectedLinks());
  }

  /** A root SERVER called by an uninstrumented client (its peer) gets a link from that peer. */
  @Test
  void rootServerWithPeerIsCalledByPeer() {
    assertScenario("04_root_server_with_peer");
  }

  /** Messaging goes through the broker: producer → broker → consumer, never producer → consumer directly. */
  @Test
  void messagingGoesThroughBroker() {
    assertScenario("05_messaging_through_broker");
  }

  /**
   * A CLIENT whose parent is missing hangs under the trace's only root for the tree's sake; the root is not its
   * caller, so no root service → client service backfill (a phantom edge the map used to draw).
   */
  @Test
  void orphanClientUnderSingleRootIsNotCalledByTheRoot() {
    assertScenario("06_orphan_client_under_root");
  }

  /** An orphan SERVER under the root: not called by the root; its own calls are still linked. */
  @Test
  void orphanServerUnderSingleRootIsNotCalledByTheRoot() {
    assertScenario("10_orphan_server_under_root");
  }

  /** An orphan SERVER naming its caller (peer.service) links from that peer: what it says itself. */
  @Test
  void orphanServerNamingItsCallerIsCalledByIt() {
    assertScenario("11_orphan_server_names_its_caller");
  }

  /** CLIENT spans without a service name call from the service they run in: their parent's. */
  @Test
  void clientsWithoutServiceNameCallFromTheirParentsService() {
    assertScenario("12_clients_without_service_name");
  }

  /**
   * A SERVER without a service name makes no link; looked through, the hop into it is recorded once by the first
   * CLIENT below it (frontend → backend), never per CLIENT and never as frontend → frontend.
   */
  @Test
  void serverWithoutServiceNameIsLookedThroughOnce() {
    assertScenario("13_server_without_service_name");
  }

  /** A root without a service name makes no link, and nor do the spans that cannot be named after it. */
  @Test
  void rootWithoutServiceNameMakesNoLink() {
    assertScenario("14_root_without_service_name");
  }

  /**
   * Lost spans anywhere inside a trace: the spans under the lost one hang under the root, and whatever kind they are,
   * the root's service never becomes their caller. Every way a span can go missing between frontend and the
   * services it reaches gives only links the complete trace also gives, with no more calls.
   */
  @Test
  void losingAnySpanNeverAddsALinkOrACall() {
    for (Scenario scenario : TestTraces.acceptanceScenarios()) {
      Map<List<String>, Long> complete = calls(scenario.expectedLinks());
      for (Span lost : scenario.spans()) {
        if (!lost.hasParent()) continue; // losing the root is missingRootGivesSameLinks
        List<Span> spans = new ArrayList<>(scenario.spans());
        spans.remove(lost);
        calls(DependencyLinker.linksOf(spans)).forEach((link, n) -> assertTrue(n <= complete.getOrDefault(link, 0L),
            scenario.name() + " without " + lost.name() + ": " + link + " " + n + " calls"));
      }
    }
  }

  private static Map<List<String>, Long> calls(List<DependencyLink> links) {
    Map<List<String>, Long> calls = new java.util.HashMap<>();
    for (DependencyLink l : links) calls.put(List.of(l.parent(), l.child()), l.callCount());
    return calls;
  }

  /** INTERNAL spans are local work: at any depth between a server and its outgoing client they change nothing. */
  @Test
  void internalSpansChangeNothing() {
    assertScenario("07_internal_spans_between");
    assertEquals(SCENARIOS.get("01_client_server_db_error").expectedLinks(),
        SCENARIOS.get("07_internal_spans_between").expectedLinks());
  }

  /** Two unrelated SERVER roots in one trace (a split trace) do not call each other. */
  @Test
  void twoParentlessServersAreNotLinked() {
    assertScenario("08a_two_parentless_servers");
  }

  /** A SERVER directly under another service's SERVER (client span not recorded) is called by it. */
  @Test
  void serverUnderServerIsLinked() {
    assertScenario("08b_server_child_of_server");
  }

  /** Every hop counts: two calls A→B in one trace are two calls, and the failed one is one error. */
  @Test
  void twoCallsInOneTraceCountTwice() {
    assertScenario("09_two_calls_one_error");
  }

  /** Acceptance case 11: 256 independent traces web-i → app-i → db-i give exactly 512 links of one call each. */
  @Test
  void manyChainsGiveTwoLinksEach() {
    DependencyLinker linker = new DependencyLinker();
    for (List<Span> trace : TestTraces.chains(256)) linker.putTrace(TraceTree.build(new ArrayList<>(trace)));
    List<DependencyLink> links = linker.links();
    assertEquals(512, links.size());
    assertTrue(links.stream().allMatch(l -> l.callCount() == 1 && l.errorCount() == 0), links::toString);
    assertEquals(TestTraces.chainLinks(256), links);
  }

  /** The fixtures really are what their names say: every scenario's span ids are distinct, also across scenarios. */
  @Test
  void scenarioSpanIdsAreDistinct() {
    Set<Long> ids = new HashSet<>();
    int count = 0;
    for (Scenario s : TestTraces.acceptanceScenarios()) {
      for (Span span : s.spans()) {
        ids.add(span.spanId());
        count++;
        assertTrue(span.startNanos() >= TestTraces.DAY_START_NANOS
            && span.endNanos() < TestTraces.DAY_START_NANOS + 86_400_000_000_000L, s.name());
      }
    }
    assertEquals(count, ids.size());
    assertEquals(15, TestTraces.acceptanceScenarios().size());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Messaging

  /** Without a broker name nobody can say where the message went: no link at all, not producer → consumer. */
  @Test
  void messagingWithoutBrokerNameGivesNoLink() {
    List<Span> spans = List.of(
        span(id(1), 0, PRODUCER, "frontend", 0, 5),
        span(id(2), id(1), CONSUMER, "backend", 40, 30));
    assertEquals(List.of(), DependencyLinker.linksOf(spans));
  }

  /** Consumer instrumentation often omits the broker; the producer's broker name is used instead. */
  @Test
  void consumerWithoutPeerTakesBrokerFromProducer() {
    List<Span> spans = List.of(
        span(id(1), 0, PRODUCER, "frontend", 0, 5, "kafka", false),
        span(id(2), id(1), CONSUMER, "backend", 40, 30, null, true));
    assertEquals(List.of(link("frontend", "kafka", 1, 0), link("kafka", "backend", 1, 1)),
        DependencyLinker.linksOf(spans));
  }

  /** A CONSUMER started by a CLIENT (e.g. a pull) with no broker name is linked from the client's service. */
  @Test
  void consumerUnderClientWithoutBrokerIsLinkedFromClientService() {
    List<Span> spans = List.of(
        span(id(1), 0, SERVER, "frontend", 0, 100),
        span(id(2), id(1), CLIENT, "frontend", 10, 50),
        span(id(3), id(2), CONSUMER, "worker", 20, 30));
    assertEquals(List.of(link("frontend", "worker", 1, 0)), DependencyLinker.linksOf(spans));
  }

  /** A SERVER whose nearest remote ancestor is a PRODUCER (e.g. a webhook) is called by the producer's service. */
  @Test
  void serverChildOfProducerIsLinkedFromProducer() {
    List<Span> spans = List.of(
        span(id(1), 0, PRODUCER, "frontend", 0, 5),
        span(id(2), id(1), SERVER, "backend", 10, 20));
    assertEquals(List.of(link("frontend", "backend", 1, 0)), DependencyLinker.linksOf(spans));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // UNSPECIFIED kinds

  /** Formats without kinds: a parent in another service is the caller. */
  @Test
  void unspecifiedSpanInOtherServiceIsLinkedFromParent() {
    List<Span> spans = List.of(
        span(id(1), 0, UNSPECIFIED, "frontend", 0, 100),
        span(id(2), id(1), UNSPECIFIED, "backend", 10, 50, null, true));
    assertEquals(List.of(link("frontend", "backend", 1, 1)), DependencyLinker.linksOf(spans));
  }

  /** Formats without kinds: a parent in the same service is local work, not a call. */
  @Test
  void unspecifiedSpanInSameServiceIsNotLinked() {
    List<Span> spans = List.of(
        span(id(1), 0, UNSPECIFIED, "frontend", 0, 100),
        span(id(2), id(1), UNSPECIFIED, "frontend", 10, 50));
    assertEquals(List.of(), DependencyLinker.linksOf(spans));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Errors

  /**
   * A timeout: the CLIENT gave up and failed while the SERVER, which finished late, reports OK. The call failed from
   * the caller's point of view, so the link counts an error.
   */
  @Test
  void failedClientWithOkServerChildIsAnError() {
    List<Span> spans = List.of(
        span(id(1), 0, SERVER, "frontend", 0, 100),
        span(id(2), id(1), CLIENT, "frontend", 10, 50, null, true),
        span(id(3), id(2), SERVER, "backend", 20, 80));
    assertEquals(List.of(link("frontend", "backend", 1, 1)), DependencyLinker.linksOf(spans));
  }

  /**
   * The client's error is the link's error only when the client is the server's direct parent: with an INTERNAL span
   * in between, the client may have failed for another reason.
   */
  @Test
  void failedClientWithInternalBeforeServerIsNotAnError() {
    List<Span> spans = List.of(
        span(id(1), 0, SERVER, "frontend", 0, 100),
        span(id(2), id(1), CLIENT, "frontend", 10, 50, null, true),
        span(id(3), id(2), INTERNAL, "frontend", 12, 40),
        span(id(4), id(3), SERVER, "backend", 20, 30));
    assertEquals(List.of(link("frontend", "backend", 1, 0)), DependencyLinker.linksOf(spans));
  }

  /** A failed SERVER makes the link's call an error even when its client is OK. */
  @Test
  void failedServerIsAnError() {
    List<Span> spans = List.of(
        span(id(1), 0, CLIENT, "frontend", 0, 100),
        span(id(2), id(1), SERVER, "backend", 10, 50, null, true));
    assertEquals(List.of(link("frontend", "backend", 1, 1)), DependencyLinker.linksOf(spans));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Names, order, accumulation

  /** Service names are identifiers kept as given: "Backend" and "backend" are two services. */
  @Test
  void serviceNamesKeepCase() {
    List<Span> spans = List.of(
        span(id(1), 0, SERVER, "Frontend", 0, 300),
        span(id(2), id(1), CLIENT, "Frontend", 10, 100),
        span(id(3), id(2), SERVER, "Backend", 20, 80),
        span(id(4), id(1), CLIENT, "Frontend", 150, 100),
        span(id(5), id(4), SERVER, "backend", 160, 80, null, false),
        span(id(6), id(5), CLIENT, "backend", 170, 10, "PostgreSQL", false));
    assertEquals(List.of(
            link("Frontend", "Backend", 1, 0),
            link("Frontend", "backend", 1, 0),
            link("backend", "PostgreSQL", 1, 0)),
        DependencyLinker.linksOf(spans));
  }

  /** The links of a trace depend on its set of spans, never on the order the archive returned them in. */
  @Test
  void shuffledInputGivesIdenticalLinks() {
    Random random = new Random(20240501L);
    for (Scenario scenario : TestTraces.acceptanceScenarios()) {
      for (int i = 0; i < 50; i++) {
        List<Span> shuffled = new ArrayList<>(scenario.spans());
        Collections.shuffle(shuffled, random);
        assertEquals(scenario.expectedLinks(), DependencyLinker.linksOf(shuffled), scenario.name() + " " + shuffled);
      }
    }
  }

  /** One linker over many traces sums the calls and errors of each link, and returns them in ORDER. */
  @Test
  void putTraceAccumulatesAcrossTraces() {
    Scenario twoCalls = SCENARIOS.get("09_two_calls_one_error");
    Scenario case1 = SCENARIOS.get("01_client_server_db_error");
    DependencyLinker linker = new DependencyLinker();
    linker.putTrace(TraceTree.build(new ArrayList<>(twoCalls.spans())));
    linker.putTrace(TraceTree.build(new ArrayList<>(twoCalls.spans())));
    linker.putTrace(TraceTree.build(new ArrayList<>(case1.spans())));
    assertEquals(List.of(link("backend", "db", 1, 1), link("frontend", "backend", 5, 2)), linker.links());
  }

  /** Zero traces, zero links. */
  @Test
  void emptyLinker() {
    assertEquals(List.of(), new DependencyLinker().links());
  }

  /**
   * HTTP and database clients often record connect or DNS spans under the CLIENT span. Those INTERNAL children of
   * the client's own service do not record the called side, so the CLIENT still links to its peer.
   */
  @Test
  void clientWithOnlyLocalInternalChildrenLinksToItsPeer() {
    List<Span> spans = List.of(
        span(id(90), 0, SERVER, "api", 0, 100),
        span(id(91), id(90), CLIENT, "api", 10, 50, "postgres", true),
        span(id(92), id(91), INTERNAL, "api", 11, 2),
        span(id(93), id(92), INTERNAL, "api", 11, 1));
    assertEquals(List.of(link("api", "postgres", 1, 1)), DependencyLinker.linksOf(spans));
  }

  /** A CLIENT whose child is another CLIENT of its own service (a missing self-call server): no peer link. */
  @Test
  void clientWithANestedClientLeavesTheLinkToIt() {
    List<Span> spans = List.of(
        span(id(94), 0, SERVER, "api", 0, 100),
        span(id(95), id(94), CLIENT, "api", 10, 50, "s3", false),
        span(id(96), id(95), CLIENT, "api", 11, 20, "postgres", false));
    assertEquals(List.of(link("api", "postgres", 1, 0)), DependencyLinker.linksOf(spans));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Zipkin's DependencyLinkerTest, the cases about missing service names (openzipkin/zipkin,
  // zipkin/src/test/java/zipkin2/internal/DependencyLinkerTest.java), with Zipkin's expected links. A Zipkin span's
  // local endpoint is our service (null: Span.NO_SERVICE), its remote endpoint our peer, a null kind UNSPECIFIED.

  /** Zipkin's {@code span(traceId, parentId, id, kind, local, remote, isError)}, ids as small numbers. */
  private static Span zipkin(int parent, int id, SpanKind kind, String local, String remote, boolean error) {
    long start = TestTraces.TEN_AM_NANOS + id * 1_000_000L;
    return new Span(id(700 + id), parent == 0 ? 0 : id(700 + parent), local == null ? Span.NO_SERVICE : local, "",
        kind == null ? UNSPECIFIED : kind, start, start + 1_000_000L, error, remote);
  }

  /** cannotLinkSingleSpanWithoutBothServiceNames: a dependency link is between two named services. */
  @Test
  void zipkinCannotLinkSingleSpanWithoutBothServiceNames() {
    List<Span> incompleteRootSpans = List.of(
        zipkin(0, 1, SERVER, null, null, false),
        zipkin(0, 1, SERVER, "server", null, false),
        zipkin(0, 1, SERVER, null, "client", false),
        zipkin(0, 1, CLIENT, null, null, false),
        zipkin(0, 1, CLIENT, "client", null, false),
        zipkin(0, 1, CLIENT, null, "server", false));
    for (Span span : incompleteRootSpans) {
      assertEquals(List.of(), DependencyLinker.linksOf(List.of(span)), span.toString());
    }
  }

  /** callsAgainstTheSameLinkIncreasesCallCount_span: clients without a service name calling a server. */
  @Test
  void zipkinClientsWithoutServiceNameCallingAServer() {
    List<Span> trace = List.of(
        zipkin(0, 1, SERVER, "client", null, false),
        zipkin(1, 2, CLIENT, null, "server", false),
        zipkin(1, 3, CLIENT, null, "server", false));
    assertEquals(List.of(link("client", "server", 2, 0)), DependencyLinker.linksOf(trace));
  }

  /** callsAgainstTheSameLinkIncreasesCallCount_trace: the same trace twice counts twice. */
  @Test
  void zipkinTheSameTraceTwice() {
    List<Span> trace = List.of(
        zipkin(0, 1, SERVER, "client", null, false),
        zipkin(1, 2, CLIENT, null, "server", false));
    DependencyLinker linker = new DependencyLinker()
        .putTrace(TraceTree.build(new ArrayList<>(trace)))
        .putTrace(TraceTree.build(new ArrayList<>(trace)));
    assertEquals(List.of(link("client", "server", 2, 0)), linker.links());
  }

  /**
   * intermediatedClientSpansMissingLocalServiceNameLinkToNearestServer: a nameless span of unknown kind between a
   * server and its clients does not hide the server from them.
   */
  @Test
  void zipkinIntermediatedClientSpansMissingLocalServiceName() {
    List<Span> trace = List.of(
        zipkin(0, 1, SERVER, "client", null, false),
        zipkin(1, 2, null, null, null, false),
        zipkin(2, 3, CLIENT, "server", null, false),
        zipkin(2, 4, CLIENT, "server", null, false));
    assertEquals(List.of(link("client", "server", 2, 0)), DependencyLinker.linksOf(trace));
  }

  /** errorsOnUninstrumentedLinks: the failed clients have no remote side, so the backfilled calls are not errors. */
  @Test
  void zipkinErrorsOnUninstrumentedLinks() {
    List<Span> trace = List.of(
        zipkin(0, 1, SERVER, "client", null, false),
        zipkin(1, 2, null, null, null, false),
        zipkin(2, 3, CLIENT, "server", null, true),
        zipkin(2, 4, CLIENT, "server", null, true));
    assertEquals(List.of(link("client", "server", 2, 0)), DependencyLinker.linksOf(trace));
  }

  /** errorsOnInstrumentedLinks: the nameless intermediate span changes nothing. */
  @Test
  void zipkinErrorsOnInstrumentedLinks() {
    List<Span> trace = List.of(
        zipkin(0, 1, SERVER, "foo", null, false),
        zipkin(1, 2, null, null, null, false),
        zipkin(2, 3, CLIENT, "bar", "baz", true),
        zipkin(2, 4, CLIENT, "bar", "baz", false));
    assertEquals(List.of(link("bar", "baz", 2, 1), link("foo", "bar", 2, 0)), DependencyLinker.linksOf(trace));
  }

  /** doesntLinkUnrelatedSpansWhenMissingRootSpan: two servers under the same lost parent do not call each other. */
  @Test
  void zipkinDoesntLinkUnrelatedSpansWhenMissingRootSpan() {
    List<Span> trace = List.of(
        zipkin(9, 2, SERVER, "service1", null, false),
        zipkin(9, 3, SERVER, "service2", null, false));
    assertEquals(List.of(), DependencyLinker.linksOf(trace));
  }

  /** linksRelatedSpansWhenMissingRootSpan: below a lost root, real parents still call. */
  @Test
  void zipkinLinksRelatedSpansWhenMissingRootSpan() {
    List<Span> trace = List.of(
        zipkin(9, 2, SERVER, "service1", null, false),
        zipkin(2, 3, SERVER, "service2", null, false));
    assertEquals(List.of(link("service1", "service2", 1, 0)), DependencyLinker.linksOf(trace));
  }
}
