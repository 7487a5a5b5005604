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
 *       namespace, else an {@code external} call.</li>
 *   <li>UNSPECIFIED (parent service → service): an {@code rpc} call whose server side is the span.</li>
 * </ul>
 * Errors are counted as the linker counts them. A call's {@code callerNode} is the span on the calling side that the
 * call was made under (for the operations' callee lists), or null when the caller is not in the trace.
 */
final class CallFinder {
  private CallFinder() {}

  /** Receives each call a span records. */
  interface Sink {
    /**
     * @param key the edge
     * @param client the client-side span (CLIENT or PRODUCER), or null
     * @param server the server-side span (SERVER, CONSUMER, or UNSPECIFIED), or null; always the visited span
     * @param callerNode the caller-side node the call was made under, or null
     * @param error whether the call failed
     * @param at the visited span, whose rule made the call
     */
    void call(EdgeKey key, Span client, Span server, SpanNode callerNode, boolean error, Span at);

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
     * ancestor in their trace (a message from the parent is a call inside the trace whatever the links say).
     */
    default boolean receivesThroughLinks(Span consumer) {
      return false;
    }
  }

  static void find(SpanNode node, Sink sink) {
    Span span = node.span();
    switch (span.kind()) {
      case SERVER -> {
        SpanNode ancestorNode = remoteAncestorNode(node);
        Span ancestor = ancestorNode == null ? null : ancestorNode.span();
        String caller = ancestor != null ? ancestor.service() : span.peer();
        if (caller == null) return;
        boolean clientFailed = ancestor != null && node.parentSpan() == ancestor && ancestor.kind() == CLIENT
            && ancestor.error();
        Span client = ancestor != null && (ancestor.kind() == CLIENT || ancestor.kind() == PRODUCER) ? ancestor : null;
        sink.call(new EdgeKey(caller, span.service(), ConnectionType.RPC, null, null), client, span, ancestorNode,
            span.error() || clientFailed, span);
      }
      case CONSUMER -> {
        SpanNode ancestorNode = remoteAncestorNode(node);
        Span ancestor = ancestorNode == null ? null : ancestorNode.span();
        boolean underProducer = ancestor != null && ancestor.kind() == PRODUCER;
        String broker = span.peer() != null ? span.peer() : underProducer ? ancestor.peer() : null;
        String destination = span.destination() != null ? span.destination()
            : underProducer ? ancestor.destination() : null;
        if (underProducer) {
          sink.call(new EdgeKey(ancestor.service(), span.service(), ConnectionType.MESSAGING, broker, destination),
              ancestor, span, ancestorNode, span.error(), span);
        } else if (sink.receivesThroughLinks(span)) {
          return; // its messages are its links' calls
        } else if (broker != null) {
          sink.call(new EdgeKey(broker, span.service(), ConnectionType.MESSAGING, broker, destination),
              null, span, null, span.error(), span);
        } else if (ancestor != null) {
          sink.call(new EdgeKey(ancestor.service(), span.service(), ConnectionType.MESSAGING, null, destination),
              null, span, ancestorNode, span.error(), span);
        }
      }
      case PRODUCER -> {
        if (span.peer() != null && !DependencyLinker.hasCalleeBelow(node) && !sink.consumedThroughLinks(span)) {
          sink.call(new EdgeKey(span.service(), span.peer(), ConnectionType.MESSAGING, span.peer(),
              span.destination()), span, null, node, span.error(), span);
        }
      }
      case CLIENT -> {
        SpanNode ancestorNode = remoteAncestorNode(node);
        Span ancestor = ancestorNode == null ? null : ancestorNode.span();
        if (ancestor != null && !ancestor.service().equals(span.service())) { // backfill: a server span is missing
          sink.call(new EdgeKey(ancestor.service(), span.service(), ConnectionType.RPC, null, null),
              ancestor.kind() == CLIENT ? ancestor : null, null, ancestorNode, false, span);
        }
        if (span.peer() != null && !DependencyLinker.hasCalleeBelow(node)) {
          ConnectionType type = span.peerIsDatabase() ? ConnectionType.DATABASE : ConnectionType.EXTERNAL;
          sink.call(new EdgeKey(span.service(), span.peer(), type, null, null), span, null, node, span.error(), span);
        }
      }
      case UNSPECIFIED -> {
        Span parent = node.parentSpan();
        if (parent != null && !parent.service().equals(span.service())) {
          sink.call(new EdgeKey(parent.service(), span.service(), ConnectionType.RPC, null, null), null, span,
              node.parent(), span.error(), span);
        }
      }
      case INTERNAL -> { }
    }
  }

  /** The node of {@link SpanNode#nearestRemoteAncestor()}, or null. */
  static SpanNode remoteAncestorNode(SpanNode node) {
    Span ancestor = node.nearestRemoteAncestor();
    if (ancestor == null) return null;
    for (SpanNode n = node.parent(); n != null; n = n.parent()) {
      if (n.span() == ancestor) return n;
    }
    throw new IllegalStateException("remote ancestor not above " + node);
  }
}
