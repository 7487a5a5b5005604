package io.tracegraph.model;

import java.util.Locale;

/** How a caller reaches a callee over an edge. */
public enum ConnectionType {
  /** A request answered by an instrumented service (a SERVER span), or a hop whose server span is missing. */
  RPC,
  /** A message from a producer to a consumer (PRODUCER and CONSUMER spans), through a broker. */
  MESSAGING,
  /**
   * A leaf CLIENT call to an uninstrumented database (the span carries a {@code db.*} system or namespace), named by
   * its system ({@code redis}, {@code postgresql}) unless the span names the peer service; the namespace is the
   * edge's destination.
   */
  DATABASE,
  /** A leaf CLIENT call to any other uninstrumented peer: an external API, a mail relay, a cache without db.*. */
  EXTERNAL;

  /** The name in the tables: {@code rpc}, {@code messaging}, {@code database}, {@code external}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConnectionType ofKey(String key) {
    for (ConnectionType t : values()) if (t.key().equals(key)) return t;
    throw new IllegalArgumentException("unknown connection type '" + key + "'");
  }
}
