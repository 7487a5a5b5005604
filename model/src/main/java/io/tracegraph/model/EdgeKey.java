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
 */
public record EdgeKey(String caller, String callee, ConnectionType type, String broker, String destination)
    implements Serializable {
  private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /** The order of every edge listing: caller, callee, type, broker, destination (absent first). */
  public static final Comparator<EdgeKey> ORDER = Comparator.comparing(EdgeKey::caller)
      .thenComparing(EdgeKey::callee)
      .thenComparing(EdgeKey::type)
      .thenComparing(EdgeKey::broker, NULLS_FIRST)
      .thenComparing(EdgeKey::destination, NULLS_FIRST);

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
  }
}
