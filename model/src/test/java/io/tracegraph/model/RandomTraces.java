package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.SpanKind.UNSPECIFIED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seeded random traces with their expected links: the oracle of style lesson 7 (Jaeger's trick, in-process).
 *
 * <p>The generator builds each trace top-down the way services call each other: a SERVER (or CONSUMER) does a few
 * operations, each behind 0..2 INTERNAL spans of the same service; an operation is an RPC (a CLIENT whose SERVER
 * child, sometimes behind an INTERNAL span, runs in a random service and recurses), a leaf CLIENT with or without an
 * uninstrumented peer, a CLIENT whose callee's SERVER span is missing, or a message (a PRODUCER with consumers in
 * random services, with or without broker names).
 * Each time it creates a hop it writes down the link that hop means, straight from the rules in
 * {@link DependencyLinker}'s Javadoc, without building a tree or calling the linker. Some traces lose their root,
 * some lose a SERVER or CLIENT span inside (the spans under it hang under the root, which never becomes their
 * caller), some spans have no service name (a leaf CLIENT, named after its parent when that can be done; a SERVER,
 * whose hop the first CLIENT below it records; a root), and some rows are repeated whole or as a partial row (no
 * parent, kind, service, name or peer) that {@link TraceTree} must merge away. The spans come back shuffled.
 *
 * <p>It is in the model's test-jar so the Spark job tests can run the same traces through Parquet and the job.
 */
public final class RandomTraces {
  private RandomTraces() {}

  /** Services, including two that differ only by case (names are kept as given). */
  public static final List<String> SERVICES = List.of(
      "frontend", "checkout", "cart", "payment", "inventory", "search", "auth-service", "Auth-Service");
  /** Uninstrumented peers of leaf CLIENTs. */
  public static final List<String> PEERS = List.of("postgres", "redis", "stripe-api", "s3");
  /** Message brokers. */
  public static final List<String> BROKERS = List.of("kafka", "rabbitmq");
  /** Uninstrumented callers of root SERVER spans. */
  public static final List<String> CALLERS = List.of("mobile-app", "load-balancer");

  private static final int MAX_DEPTH = 5;

  /**
   * One generated trace.
   *
   * @param traceIdHex a random 32-hex trace id
   * @param spans its rows, shuffled, including duplicate and partial rows
   * @param expectedLinks its links as the generator expects them, sorted with {@link DependencyLink#ORDER}
   */
  public record GeneratedTrace(String traceIdHex, List<Span> spans, List<DependencyLink> expectedLinks) {
    public GeneratedTrace {
      spans = List.copyOf(spans);
      expectedLinks = List.copyOf(expectedLinks);
    }
  }

  /** {@code count} traces from {@code seed}; the same arguments give the same traces. */
  public static List<GeneratedTrace> generate(long seed, int count) {
    Random random = new Random(seed);
    List<GeneratedTrace> traces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) traces.add(new Generator(random).trace());
    return List.copyOf(traces);
  }

  /** The sum of the expected links of {@code traces}, sorted: what a whole day of them must give. */
  public static List<DependencyLink> totalExpectedLinks(List<GeneratedTrace> traces) {
    Counts counts = new Counts();
    for (GeneratedTrace t : traces) {
      for (DependencyLink l : t.expectedLinks()) counts.add(l.parent(), l.child(), l.callCount(), l.errorCount());
    }
    return counts.links();
  }

  /** Link counts keyed by (parent, child) in a sorted map, independent of the code under test. */
  private static final class Counts {
    private final Map<List<String>, long[]> byLink = new TreeMap<>((a, b) -> {
      int c = a.get(0).compareTo(b.get(0));
      return c != 0 ? c : a.get(1).compareTo(b.get(1));
    });

    void add(String parent, String child, long calls, long errors) {
      long[] c = byLink.computeIfAbsent(List.of(parent, child), k -> new long[2]);
      c[0] += calls;
      c[1] += errors;
    }

    List<DependencyLink> links() {
      List<DependencyLink> links = new ArrayList<>(byLink.size());
      byLink.forEach((k, c) -> links.add(new DependencyLink(k.get(0), k.get(1), c[0], c[1])));
      return links;
    }
  }

  private static final class Generator {
    private final Random r;
    private final Set<Long> ids = new HashSet<>();
    private final List<Span> spans = new ArrayList<>();
    private final Set<Span> lost = new HashSet<>(); // spans whose rows the archive lost
    private final Counts expected = new Counts();

    Generator(Random r) {
      this.r = r;
    }

    GeneratedTrace trace() {
      String traceId = String.format("%016x%016x", r.nextLong(), r.nextLong() | 1);
      long start = TestTraces.DAY_START_NANOS + 3_600_000_000_000L + nextLong(20 * 3_600_000_000_000L);
      long end = start + 1_000_000L + nextLong(2_000_000_000L);
      boolean lostRoot = chance(10);
      boolean namelessRoot = chance(3);
      String service = pick(SERVICES);

      // A root SERVER: its uninstrumented caller, when named, calls it. A root CONSUMER: its broker, when named,
      // delivers to it; without a broker there is no link. A root without a service name makes no link.
      String rootService = namelessRoot ? Span.NO_SERVICE : service;
      Span root = chance(85)
          ? newSpan(0, SERVER, rootService, start, end, chance(30) ? pick(CALLERS) : null, chance(10))
          : newSpan(0, CONSUMER, rootService, start, end, chance(70) ? pick(BROKERS) : null, chance(10));
      Set<String> rootClients = body(root, service, 1);
      if (lostRoot && spans.size() > 1) {
        lost.add(root); // its children become orphans; their own links do not change
      } else if (root.peer() != null && (!namelessRoot || rootClients.contains(service))) {
        // A nameless root links only when a CLIENT below it names its process (its hop, as the root's own rule).
        expect(root.peer(), service, root.error());
      }
      spans.removeAll(lost);

      // Rows seen twice: whole copies, and partial rows that only know the id and a part of the time range.
      List<Span> originals = List.copyOf(spans);
      for (Span s : originals) {
        if (chance(5)) spans.add(s);
        if (chance(5)) {
          long from = s.startNanos() + nextLong(s.durationNanos() / 2 + 1);
          spans.add(new Span(s.spanId(), 0, Span.NO_SERVICE, "", UNSPECIFIED, from, s.endNanos(), false, null));
        }
      }
      Collections.shuffle(spans, r);
      return new GeneratedTrace(traceId, spans, expected.links());
    }

    /**
     * The operations of a span that receives work (SERVER or CONSUMER) for {@code service} (its name, unless the
     * receiver's row lost it). Returns the services of the CLIENT spans whose ancestor search passes the receiver
     * (directly under it, or behind INTERNAL spans): those that name its process when it has no name.
     */
    private Set<String> body(Span receiver, String service, int depth) {
      Set<String> clients = new HashSet<>();
      int operations = r.nextInt(4);
      for (int op = 0; op < operations; op++) {
        Span parent = receiver;
        int internals = r.nextInt(3);
        for (int i = 0; i < internals; i++) {
          parent = child(parent, INTERNAL, service, null, chance(10));
          if (chance(20)) child(parent, INTERNAL, service, null, chance(10)); // a local leaf: never a link
        }
        int what = r.nextInt(100);
        if (what < 40 && depth < MAX_DEPTH) {
          String client = rpc(parent, service, depth);
          if (client != null) clients.add(client);
        } else if (what < 60) {
          // A leaf CLIENT to an uninstrumented peer: service → peer, failing with the client. Without a service
          // name of its own it runs in its parent's service, when its parent has a name and is really its parent.
          boolean nameless = chance(5);
          Span client = child(parent, CLIENT, nameless ? Span.NO_SERVICE : service, pick(PEERS), chance(25));
          String effective = nameless ? nameOf(parent) : service;
          if (!effective.isEmpty()) expect(effective, client.peer(), client.error());
          clients.add(effective);
        } else if (what < 70) {
          child(parent, CLIENT, service, null, chance(25)); // a leaf CLIENT naming no peer: no link
          clients.add(service);
        } else if (what < 85 && depth < MAX_DEPTH) {
          message(parent, service, depth);
        } else if (what < 92) {
          missingServer(parent, service);
          clients.add(service);
        } else {
          child(parent, INTERNAL, service, null, chance(10));
        }
      }
      return clients;
    }

    /** The service a nameless in-process child of {@code parent} runs in: the parent's, if it has a row and a name. */
    private String nameOf(Span parent) {
      return lost.contains(parent) ? Span.NO_SERVICE : parent.service();
    }

    /**
     * CLIENT in {@code service} → SERVER in a random service: one call, failed if the server failed or its client.
     * Returns the client's service, or null when its row is lost.
     */
    private String rpc(Span parent, String service, int depth) {
      // Non-leaf clients sometimes name the peer too; it must not make a link of its own.
      Span client = child(parent, CLIENT, service, chance(30) ? pick(PEERS) : null, chance(20));
      boolean internalBetween = chance(12);
      Span serverParent = internalBetween ? child(client, INTERNAL, service, null, false) : client;
      String callee = pick(SERVICES);
      int fate = r.nextInt(100);
      boolean serverLost = fate < 6;
      boolean serverNameless = fate >= 6 && fate < 9;
      boolean clientLost = fate >= 9 && fate < 13;
      // Servers sometimes carry the caller's address as peer; with a remote ancestor it is not used.
      Span server = child(serverParent, SERVER, serverNameless ? Span.NO_SERVICE : callee,
          chance(20) ? pick(CALLERS) : null, chance(15));
      if (serverLost) lost.add(server);
      if (clientLost) lost.add(client);
      Set<String> below = body(server, callee, depth + 1);
      if (serverLost) {
        // The client is a leaf now: a link to the peer it names. The spans under the lost server hang under the
        // root, whose service never calls them.
        if (client.peer() != null) expect(service, client.peer(), client.error());
      } else if (clientLost) {
        // The server's caller is lost: only a peer it names itself calls it.
        if (server.peer() != null) expect(server.peer(), callee, server.error());
      } else if (serverNameless) {
        // No link of its own; the first CLIENT of the callee below it names its process and records its hop, once,
        // by the SERVER rule (errors included).
        if (below.contains(callee)) expect(service, callee, server.error() || (!internalBetween && client.error()));
      } else {
        // The client's error counts only when the client is the server's direct parent.
        expect(service, callee, server.error() || (!internalBetween && client.error()));
      }
      return clientLost ? null : service;
    }

    /**
     * CLIENT in {@code service} whose callee's SERVER span was not recorded: the callee's own leaf CLIENT sits
     * directly under it. The hop is backfilled as service → callee, never failed; the callee's call to its peer is
     * linked as usual.
     */
    private void missingServer(Span parent, String service) {
      Span client = child(parent, CLIENT, service, chance(30) ? pick(PEERS) : null, chance(20));
      String callee = pick(SERVICES);
      Span calleeClient = child(client, CLIENT, callee, pick(PEERS), chance(25));
      if (!callee.equals(service)) expect(service, callee, false);
      expect(callee, calleeClient.peer(), calleeClient.error());
    }

    /** PRODUCER in {@code service}, consumed 0..2 times in random services. */
    private void message(Span parent, String service, int depth) {
      Span producer = child(parent, PRODUCER, service, chance(75) ? pick(BROKERS) : null, chance(10));
      if (producer.peer() != null) expect(service, producer.peer(), producer.error());
      int consumers = r.nextInt(3);
      for (int i = 0; i < consumers; i++) {
        String consumerService = pick(SERVICES);
        Span consumer = child(producer, CONSUMER, consumerService, chance(50) ? pick(BROKERS) : null, chance(10));
        // The broker is the consumer's own peer, else the producer's; without one, no link (never producer →
        // consumer directly).
        String broker = consumer.peer() != null ? consumer.peer() : producer.peer();
        if (broker != null) expect(broker, consumerService, consumer.error());
        body(consumer, consumerService, depth + 1);
      }
    }

    private Span child(Span parent, SpanKind kind, String service, String peer, boolean error) {
      long start = parent.startNanos() + nextLong(parent.durationNanos() / 2 + 1);
      long end = start + nextLong(parent.endNanos() - start + 1);
      return newSpan(parent.spanId(), kind, service, start, end, peer, error);
    }

    private Span newSpan(long parentId, SpanKind kind, String service, long start, long end, String peer,
                         boolean error) {
      long id;
      do {
        id = r.nextLong();
      } while (id == 0 || id == parentId || !ids.add(id));
      Span span = new Span(id, parentId, service, "op-" + spans.size(), kind, start, end, error, peer);
      spans.add(span);
      return span;
    }

    private void expect(String parent, String child, boolean error) {
      expected.add(parent, child, 1, error ? 1 : 0);
    }

    private boolean chance(int percent) {
      return r.nextInt(100) < percent;
    }

    private long nextLong(long bound) {
      return bound <= 0 ? 0 : r.nextLong(bound);
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }
  }
}
