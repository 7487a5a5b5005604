package io.tracegraph.model;

import java.util.List;
import java.util.Map;

/**
 * The remote peer of a span: the service, database, broker or host on the other side of a call, as instrumentation
 * names it in attributes. It is the first non-empty value of {@link #KEYS}, in that order: the OpenTelemetry
 * semantic conventions' explicit peer service names first, then the database system ({@code db.system.name}, legacy
 * {@code db.system}: only database spans carry them), the messaging system, then plain host names. Zipkin's
 * {@code remoteEndpoint.serviceName} is imported as {@code peer.service}.
 *
 * <p>A database is named by its system ({@code redis}, {@code postgresql}, {@code mongodb}), never by its namespace:
 * {@code db.namespace} is a Redis database index ({@code "0"}) or a PostgreSQL database name, so naming nodes after it
 * would merge every company's Redis into one node {@code 0}. The namespace is kept as the edge's destination
 * ({@link SpanExtras#destination()}).
 */
public final class RemotePeer {
  private RemotePeer() {}

  /** Attribute keys that name the remote peer, most specific first. */
  public static final List<String> KEYS = List.of(
      "service.peer.name", "peer.service", "db.system.name", "db.system", "messaging.system", "server.address",
      "net.peer.name");

  /** The remote peer named by {@code attributes}, or null when none of {@link #KEYS} has a non-empty value. */
  public static String of(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) return null;
    for (String key : KEYS) {
      String value = attributes.get(key);
      if (value != null && !value.isEmpty()) return value;
    }
    return null;
  }
}
