package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.PRODUCER;

/**
 * Finds the calls a span records, as typed edges with both sides' spans. It applies {@link DependencyLinker}'s rules
 * hop for hop, so every link the linker counts is one call here, with these differences in what the edge names:
 * <ul>
 *   <li>SERVER (a link ancestor → service): an {@code rpc} call; client side: the CLIENT (or PRODUCER) ancestor
 *       that made it, when there is one; server side: the SERVER span. A root SERVER with a remote peer is an
 *       {@code rpc} call from that uninstrumented caller.</li>
 *   <li>CONSUMER (a link broker → consumer): a {@code messaging} call from the PRODUCER's service straight to the
 *       consumer's service, broker and destination as attributes of the edge; without a PRODUCER in the trace, from
 *       the broker. A CONSUMER under a PRODUCER where neither names a broker is still a call (the linker makes no
 *       link for it), with no broker. A CONSUMER without a PRODUCER ancestor that carries span links makes no call
 *       here: its messages are its links ({@link LinkedMessages}).</li>
 *   <li>PRODUCER (a link service → broker): no call of its own when a consumer (or any other callee) recorded the
 *       message, in the trace or through a span link; otherwise a {@code messaging} call service → broker.</li>
 *   <li>CLIENT: the backfill link (ancestor → client service, server span missing) is an {@code rpc} call without
 *       server side; a leaf CLIENT with a peer is a {@code database} call when the span names a database system or
 *       namespace (its namespace as the edge's destination), else an {@code external} call.</li>
 *   <li>UNSPECIFIED (parent service → service, not when the parent is missing): an {@code rpc} call whose server
 *       side is the span.</li>
 * </ul>
 * Errors are counted as the linker counts them. A call's {@code callerNode} is the span on the calling side that the
 * call was made under (for the operations' callee lists), or null when the caller is not in the trace.
 *
 * <p>What the rules find but cannot draw is reported apart, never guessed into an edge: a call one of whose sides
 * has no service name ({@link Sink#callWithoutService}), and a SERVER or CONSUMER whose caller was lost with its
 * parent and which names no peer of its own ({@link Sink#callWithLostCaller}). The hop into a SERVER or CONSUMER
 * without a name is recorded, by its own rule, by the first CLIENT of each service below it, which names its process
 * ({@link SpanNode#namesLookedThroughProcess()}); it is a call without service only when no CLIENT below names it.
 */
final class CallFinder {
  private CallFinder() {}

  /** Receives each call a span records. */
  interface Sink {
    /**
     * @param key the edge
     * @param client the client-side span (CLIENT or PRODUCER), or null
     * @param server the server-side span (SERVER, CONSUMER, or UNSPECIFIED), or null; the visited span, unless the
     *     visited CLIENT records the hop into the nameless SERVER or CONSUMER it runs in (then that span)
     * @param callerNode the caller-side node the call was made under, or null
     * @param error whether the call failed
     * @param at the visited span, whose rule made the call
     */
    void call(EdgeKey key, Span client, Span server, SpanNode callerNode, boolean error, Span at);

    /**
     * A call the rules found whose caller or callee has no service name ({@link Span#NO_SERVICE}): no edge.
     *
     * @param caller the caller, or null when it has no name
     * @param callee the callee, or null when it has no name
     * @param at the visited span, whose rule found the call
     */
    default void callWithoutService(String caller, String callee, Span at) {}

    /**
     * A SERVER or CONSUMER span whose caller was lost ({@link SpanNode#callerLost()}) and which names no peer: a
     * call into {@code callee} (the span's service, null when it has none) from nobody the trace can name. No edge.
     */
    default void callWithLostCaller(String callee, Span server) {}

    /**
     * True when a consumer links to this PRODUCER span through span links ({@link LinkTargets}): the consumer records
     * the message ({@link LinkedMessages}), so the producer makes no call to the broker of its own.
     */
    default boolean consumedThroughLinks(Span producer) {
      return false;
    }

    /**
     * True when this CONSUMER span carries span links: it receives its messages through them, one call per link
     * ({@link LinkedMessages}), instead of one call by the CONSUMER rule. Asked only of consumers without a PRODUCER
     * ancestor in their trace (a message from the parent is a call inside the trace whatever the links say). A
     * consumer without a service name never does: its links name no callee, so it keeps the CONSUMER rule.
     */
    default boolean receivesThroughLinks(Span consumer) {
      return false;
    }
  }

  static void find(SpanNode node, Sink sink) {
    Span span = node.span();
    switch (span.kind()) {
      case SERVER -> {
        if (span.hasService() || !node.hopRecordedBelow()) server(node, span.service(), span, sink);
      }
      case CONSUMER -> {
        if (span.hasService() || !node.hopRecordedBelow()) consumer(node, span.service(), span, sink);
      }
      case PRODUCER -> {
        if (span.peer() != null && !DependencyLinker.hasCalleeBelow(node) && !sink.consumedThroughLinks(span)) {
          out(sink, span, span.peer(), ConnectionType.MESSAGING, span.peer(), span.destination(), node, span.error());
        }
      }
      case CLIENT -> {
        SpanNode nameless = node.lookedThrough();
        if (nameless != null) { // the hop's server side is present but nameless: this CLIENT may name its process
          if (node.namesLookedThroughProcess()) {
            if (nameless.span().kind() == SpanKind.SERVER) server(nameless, span.service(), span, sink);
            else consumer(nameless, span.service(), span, sink);
          }
        } else {
          SpanNode ancestorNode = node.remoteAncestorNode();
          Span ancestor = ancestorNode == null ? null : ancestorNode.span();
          if (ancestor != null && !ancestor.service().equals(span.service())) { // backfill: a server span is missing
            call(sink, ancestor.service(), span.service(), ConnectionType.RPC, null, null,
                ancestor.kind() == CLIENT ? ancestor : null, null, ancestorNode, false, span);
          }
        }
        if (span.peer() != null && !DependencyLinker.hasCalleeBelow(node)) {
          boolean database = span.peerIsDatabase();
          out(sink, span, span.peer(), database ? ConnectionType.DATABASE : ConnectionType.EXTERNAL, null,
              database ? span.destination() : null, node, span.error());
        }
      }
      case UNSPECIFIED -> {
        Span parent = node.parentSpan();
        if (parent != null && !node.isDetached() && !parent.service().equals(span.service())) {
          call(sink, parent.service(), span.service(), ConnectionType.RPC, null, null, null, span, node.parent(),
              span.error(), span);
        }
      }
      case INTERNAL -> { }
    }
  }

  /**
   * The hop into SERVER {@code node}, whose service is {@code callee} (its own, or that of the CLIENT that names its
   * nameless process), found while visiting {@code at}.
   */
  private static void server(SpanNode node, String callee, Span at, Sink sink) {
    Span span = node.span();
    SpanNode ancestorNode = node.remoteAncestorNode();
    if (ancestorNode == null) { // no caller span: a root called by the peer it names, or an orphan
      if (span.peer() != null) {
        call(sink, span.peer(), callee, ConnectionType.RPC, null, null, null, span, null, span.error(), at);
      } else if (node.callerLost()) {
        sink.callWithLostCaller(callee.isEmpty() ? null : callee, span);
      }
      return;
    }
    Span ancestor = ancestorNode.span();
    boolean clientFailed = node.parentSpan() == ancestor && ancestor.kind() == CLIENT && ancestor.error();
    Span client = ancestor.kind() == CLIENT || ancestor.kind() == PRODUCER ? ancestor : null;
    call(sink, ancestor.service(), callee, ConnectionType.RPC, null, null, client, span, ancestorNode,
        span.error() || clientFailed, at);
  }

  /** The message into CONSUMER {@code node}, whose service is {@code callee}, found while visiting {@code at}. */
  private static void consumer(SpanNode node, String callee, Span at, Sink sink) {
    Span span = node.span();
    SpanNode ancestorNode = node.remoteAncestorNode();
    Span ancestor = ancestorNode == null ? null : ancestorNode.span();
    boolean underProducer = ancestor != null && ancestor.kind() == PRODUCER;
    String broker = span.peer() != null ? span.peer() : underProducer ? ancestor.peer() : null;
    String destination = span.destination() != null ? span.destination()
        : underProducer ? ancestor.destination() : null;
    if (underProducer) {
      call(sink, ancestor.service(), callee, ConnectionType.MESSAGING, broker, destination, ancestor, span,
          ancestorNode, span.error(), at);
    } else if (sink.receivesThroughLinks(span)) {
      return; // its messages are its links' calls
    } else if (broker != null) {
      call(sink, broker, callee, ConnectionType.MESSAGING, broker, destination, null, span, null, span.error(), at);
    } else if (ancestor != null) {
      call(sink, ancestor.service(), callee, ConnectionType.MESSAGING, null, destination, null, span, ancestorNode,
          span.error(), at);
    } else if (node.callerLost()) {
      sink.callWithLostCaller(callee.isEmpty() ? null : callee, span);
    }
  }

  /** A call into {@code callee}, unless a side has no service name. */
  private static void call(Sink sink, String caller, String callee, ConnectionType type, String broker,
                           String destination, Span client, Span server, SpanNode callerNode, boolean error, Span at) {
    if (caller.isEmpty() || callee.isEmpty()) {
      sink.callWithoutService(caller.isEmpty() ? null : caller, callee.isEmpty() ? null : callee, at);
    } else {
      sink.call(new EdgeKey(caller, callee, type, broker, destination), client, server, callerNode, error, at);
    }
  }

  /** A call out of the visited CLIENT or PRODUCER {@code at} to an uninstrumented peer. */
  private static void out(Sink sink, Span at, String peer, ConnectionType type, String broker, String destination,
                          SpanNode atNode, boolean error) {
    if (!at.hasService()) {
      sink.callWithoutService(null, peer, at);
    } else {
      sink.call(new EdgeKey(at.service(), peer, type, broker, destination), at, null, atNode, error, at);
    }
  }
}
