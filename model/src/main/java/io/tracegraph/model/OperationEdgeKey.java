package io.tracegraph.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * An edge of the operation graph: which operation of which service calls which operation of which service, how. It
 * refines an {@link EdgeKey}: the calls of all operation edges between two services (of one connection type, in-trace
 * or through span links) are exactly the calls of the service edges between them.
 *
 * <ul>
 *   <li>The <b>caller operation</b> is the request the calling service was serving when it made the call: from the
 *       span the call was made under, up through that service's own spans to its SERVER or CONSUMER span (or to the
 *       topmost span of the service in the trace: a trace's INTERNAL root job, a CLIENT-rooted batch run). Calls made
 *       under nested INTERNAL spans of one request all belong to the request's operation, so each callee operation
 *       is in turn the caller operation of the calls it makes: the edges chain into a graph. Null when the caller is
 *       not in the trace (an uninstrumented caller, the broker of a message whose producer is not traced).</li>
 *   <li>The <b>callee operation</b> is the server side's span name (the SERVER, CONSUMER or UNSPECIFIED span); without
 *       a server side, the client side's: for a call to an uninstrumented peer (a database, an external API, a broker
 *       no consumer recorded) the CLIENT or PRODUCER span that made it ({@code SELECT orders},
 *       {@code POST /v1/charges}), for a call whose server span is missing (the link rules' backfill) the caller's
 *       CLIENT span; with neither, the span whose rule found the call.</li>
 * </ul>
 *
 * @param caller the calling service, or the uninstrumented caller
 * @param callerOperation the caller's operation, or null when the caller is not in the trace
 * @param callee the called service or peer
 * @param calleeOperation the callee's operation
 * @param type the connection type
 * @param viaLinks the calls are messages received through span links ({@link EdgeKey#viaLinks()})
 */
public record OperationEdgeKey(String caller, String callerOperation, String callee, String calleeOperation,
                               ConnectionType type, boolean viaLinks) implements Serializable {
  private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /** Caller, caller operation (absent first), callee, callee operation, type, in-trace first. */
  public static final Comparator<OperationEdgeKey> ORDER = Comparator.comparing(OperationEdgeKey::caller)
      .thenComparing(OperationEdgeKey::callerOperation, NULLS_FIRST)
      .thenComparing(OperationEdgeKey::callee)
      .thenComparing(OperationEdgeKey::calleeOperation)
      .thenComparing(OperationEdgeKey::type)
      .thenComparing(OperationEdgeKey::viaLinks);

  public OperationEdgeKey {
    Objects.requireNonNull(caller, "caller == null");
    Objects.requireNonNull(callee, "callee == null");
    Objects.requireNonNull(calleeOperation, "calleeOperation == null");
    Objects.requireNonNull(type, "type == null");
    if (viaLinks && type != ConnectionType.MESSAGING) {
      throw new IllegalArgumentException("only messaging edges come through span links: " + type);
    }
  }

  /** The operation edge of a call over {@code edge}. */
  static OperationEdgeKey of(EdgeKey edge, String callerOperation, String calleeOperation) {
    return new OperationEdgeKey(edge.caller(), callerOperation, edge.callee(), calleeOperation, edge.type(),
        edge.viaLinks());
  }
}
