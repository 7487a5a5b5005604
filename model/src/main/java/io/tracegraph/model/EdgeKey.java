package io.tracegraph.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * An edge of the traffic graph: who calls whom, how. Messaging edges join the producing service to the consuming
 * service directly and are told apart by broker and destination (topic or queue); database edges are told apart by
 * destination (the database namespace: a Redis database index, a PostgreSQL database), never by node name; the other
 * types have neither.
 *
 * @param caller the calling service, or the uninstrumented caller (a load balancer named by {@code peer.service}, a
 *     broker when the producer is not in the trace)
 * @param callee the called service, or the uninstrumented peer (database, external API, or the broker of a
 *     message no traced consumer received)
 * @param type the connection type
 * @param broker the message broker (messaging only, null when no span names it)
 * @param destination the topic or queue (messaging), the database namespace (database); null for the other types
 *     and when no span names it
 * @param viaLinks messaging only: the calls are messages a consumer received through span links
 *     ({@link LinkedMessages}), each from a producer span of another trace (or one not in the read window: then the
 *     caller is the broker); false for the calls found inside one trace
 */
public record EdgeKey(String caller, String callee, ConnectionType type, String broker, String destination,
                      boolean viaLinks) implements Serializable {
  private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /** The order of every edge listing: caller, callee, type, broker, destination (absent first), in-trace first. */
  public static final Comparator<EdgeKey> ORDER = Comparator.comparing(EdgeKey::caller)
      .thenComparing(EdgeKey::callee)
      .thenComparing(EdgeKey::type)
      .thenComparing(EdgeKey::broker, NULLS_FIRST)
      .thenComparing(EdgeKey::destination, NULLS_FIRST)
      .thenComparing(EdgeKey::viaLinks);

  public EdgeKey {
    Objects.requireNonNull(caller, "caller == null");
    Objects.requireNonNull(callee, "callee == null");
    Objects.requireNonNull(type, "type == null");
    if (type != ConnectionType.MESSAGING && broker != null) {
      throw new IllegalArgumentException("only messaging edges have a broker: " + type);
    }
    if (type != ConnectionType.MESSAGING && type != ConnectionType.DATABASE && destination != null) {
      throw new IllegalArgumentException("only messaging and database edges have a destination: " + type);
    }
    if (viaLinks && type != ConnectionType.MESSAGING) {
      throw new IllegalArgumentException("only messaging edges come through span links: " + type);
    }
  }

  /** An edge of calls found inside one trace. */
  public EdgeKey(String caller, String callee, ConnectionType type, String broker, String destination) {
    this(caller, callee, type, broker, destination, false);
  }
}
