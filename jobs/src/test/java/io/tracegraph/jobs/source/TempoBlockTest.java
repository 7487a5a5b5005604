package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegraph.reports.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a block's meta.json maps attributes to its spare columns. */
class TempoBlockTest {
  /**
   * Span-scope string attributes fill String01, String02, ... in list order; resource-scope entries and int columns
   * take no span string column ({@code "s"} omitted means span, {@code "t"} omitted means string).
   */
  @Test
  void spanStringAttributesFillSpareColumnsInOrder() throws Exception {
    var columns = Json.mapper().readTree("""
        [{"s":"resource","n":"k8s.pod.name"},{"n":"http.method"},{"n":"http.status_code","t":"int"},
         {"s":"span","n":"server.address","t":"string"},{"n":"peer.service","o":["array"]}]
        """);
    assertEquals(Map.of("http.method", "String01", "server.address", "String02", "peer.service", "String03"),
        TempoBlock.spanStringColumns(columns));
  }
}
