package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the attribute map says besides the peer, as the semantic conventions and older exporters spell it. */
class SpanExtrasTest {

  @Test
  void databaseDestinationAndSamplingMarkers() {
    assertEquals(new SpanExtras(true, "orders", null, null, null, null),
        SpanExtras.of(Map.of("db.system.name", "postgresql", "db.namespace", "orders")),
        "a database's namespace is its destination");
    assertEquals(new SpanExtras(true, "0", null, null, null, null),
        SpanExtras.of(Map.of("db.system", "redis", "db.name", "0")), "legacy spellings");
    assertEquals(new SpanExtras(true, null, null, null, null, null), SpanExtras.of(Map.of("db.system", "redis")));
    assertEquals(new SpanExtras(false, "orders", null, null, null, null),
        SpanExtras.of(Map.of("messaging.system", "kafka", "messaging.destination.name", "orders")));
    assertEquals(new SpanExtras(false, "legacy-queue", null, null, null, null),
        SpanExtras.of(Map.of("messaging.destination.name", "", "messaging.destination", "legacy-queue")),
        "an empty value counts as absent; older spellings are read");
    assertEquals(new SpanExtras(false, null, "ot=th:8", "1", "probabilistic", "0.5"),
        SpanExtras.of(Map.of("w3c.tracestate", "ot=th:8", "sampling.priority", "1", "sampler.type", "probabilistic",
            "sampler.param", "0.5")));
  }

  /** Most spans say nothing of this: no object for them. */
  @Test
  void nothingToSayIsNull() {
    assertNull(SpanExtras.of(Map.of("http.route", "/cart", "peer.service", "cart")));
    assertNull(SpanExtras.of(Map.of()));
    assertNull(SpanExtras.of(null));
  }
}
