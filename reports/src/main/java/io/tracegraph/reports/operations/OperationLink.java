package io.tracegraph.reports.operations;

import io.tracegraph.model.ConnectionType;
import java.util.Objects;

/**
 * One edge of the operation graph as the reports show it: who calls what, how often, how often it failed, and the
 * call durations' median and 99th percentile (the client side when there is one, the consumer's processing for
 * messages, as on the service graph's edges).
 *
 * @param caller the calling service, or the uninstrumented caller
 * @param callerOperation the caller's operation, or null when the caller is not in the trace
 * @param callee the called service or peer
 * @param calleeOperation the callee's operation
 * @param type the connection type
 * @param viaLinks messages received through span links
 * @param calls observed calls
 * @param errors failed calls
 * @param p50Micros median call duration, µs, or null without durations
 * @param p99Micros 99th percentile call duration, µs, or null
 * @param gapP50Micros median gap (rpc: client minus server duration; messaging: consumer start minus producer end,
 *     the time in the broker), µs, or null when no call had both sides
 * @param gapP99Micros 99th percentile gap, µs, or null
 */
public record OperationLink(String caller, String callerOperation, String callee, String calleeOperation,
                            ConnectionType type, boolean viaLinks, long calls, long errors, Long p50Micros,
                            Long p99Micros, Long gapP50Micros, Long gapP99Micros) {
  public OperationLink {
    Objects.requireNonNull(caller, "caller == null");
    Objects.requireNonNull(callee, "callee == null");
    Objects.requireNonNull(calleeOperation, "calleeOperation == null");
    Objects.requireNonNull(type, "type == null");
  }

  /** errors / calls; 0 without calls. */
  public double errorRate() {
    return calls == 0 ? 0 : errors / (double) calls;
  }
}
