package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remote-peer rule: explicit peer names first, then databases by their system, never by their namespace. */
class RemotePeerTest {

  /**
   * Redis spans carry {@code db.namespace = "0"} (the database index): a database is named by its system, so every
   * Redis is the node {@code redis}, not {@code 0}; the namespace is the edge's destination (SpanExtras).
   */
  @Test
  void databasesAreNamedByTheirSystem() {
    assertEquals("redis", RemotePeer.of(Map.of("db.system.name", "redis", "db.namespace", "0",
        "server.address", "cache-1.internal")));
    assertEquals("postgresql", RemotePeer.of(Map.of("db.system", "postgresql", "db.name", "orders",
        "net.peer.name", "pg-1")), "legacy spellings");
    assertEquals("mongodb", RemotePeer.of(Map.of("db.system.name", "mongodb", "db.system", "mongo",
        "db.namespace", "catalog")), "the current key before the legacy one");
  }

  /** Instrumentation that names the peer service explicitly is believed first, databases included. */
  @Test
  void explicitPeerNamesComeFirst() {
    assertEquals("orders-db", RemotePeer.of(Map.of("peer.service", "orders-db", "db.system.name", "postgresql")));
    assertEquals("ledger", RemotePeer.of(Map.of("service.peer.name", "ledger", "peer.service", "old-name")));
    assertEquals("kafka", RemotePeer.of(Map.of("messaging.system", "kafka", "server.address", "broker-1")));
    assertEquals("api.example.com", RemotePeer.of(Map.of("server.address", "api.example.com")));
  }

  /** A namespace alone names no peer: it is not a node. */
  @Test
  void aNamespaceIsNeverThePeer() {
    assertNull(RemotePeer.of(Map.of("db.namespace", "0")));
    assertNull(RemotePeer.of(Map.of("db.name", "orders", "db.system.name", "")));
    assertEquals("pg-1", RemotePeer.of(Map.of("db.namespace", "orders", "server.address", "pg-1")));
  }
}
