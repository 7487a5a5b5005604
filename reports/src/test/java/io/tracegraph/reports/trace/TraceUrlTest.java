package io.tracegraph.reports.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --trace-url: the documented templates work, the id is URL-encoded, and nothing but a web URL is accepted. */
class TraceUrlTest {
  private static final String ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** The forms docs/report.md documents for Jaeger, Zipkin and Grafana's Explore with a Tempo data source. */
  @Test
  void theDocumentedTemplatesGiveTheTracesPage() {
    assertEquals("https://jaeger.example/trace/" + ID, TraceUrl.of("https://jaeger.example/trace/{traceId}").url(ID));
    assertEquals("http://zipkin.example:9411/zipkin/traces/" + ID,
        TraceUrl.of("http://zipkin.example:9411/zipkin/traces/{traceId}").url(ID));
    String grafana = "https://grafana.example/explore?schemaVersion=1&panes=%7B%22t%22:%7B%22datasource%22:%22tempo%22,"
        + "%22queries%22:%5B%7B%22refId%22:%22A%22,%22queryType%22:%22traceql%22,%22query%22:%22{traceId}%22%7D%5D%7D%7D";
    assertEquals(grafana.replace("{traceId}", ID), TraceUrl.of(grafana).url(ID));
    // Grafana also accepts the JSON unencoded, as people copy it from the address bar.
    assertEquals("https://g.example/explore?left={\"queries\":[{\"query\":\"" + ID + "\"}]}",
        TraceUrl.of("https://g.example/explore?left={\"queries\":[{\"query\":\"{traceId}\"}]}").url(ID));
  }

  @Test
  void theIdIsUrlEncodedAndEveryPlaceholderReplaced() {
    TraceUrl links = TraceUrl.of("HTTPS://ui.example/t/{traceId}?again={traceId}");
    assertEquals("HTTPS://ui.example/t/a%2Fb?again=a%2Fb", links.url("a/b"));
  }

  /** Anything that is not an http(s) URL with a host and the placeholder is refused with a message that says why. */
  @Test
  void otherTemplatesAreRefusedClearly() {
    for (String bad : List.of("javascript:alert(1)//{traceId}", "data:text/html,{traceId}", "ftp://x.example/{traceId}",
        "jaeger.example/trace/{traceId}", "https:///trace/{traceId}", "//jaeger.example/{traceId}", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceUrl.of(bad), bad);
      assertTrue(e.getMessage().startsWith("--trace-url must be an http:// or https:// URL with a host"), e.getMessage());
    }
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> TraceUrl.of("https://jaeger.example/trace/"));
    assertTrue(none.getMessage().contains("must contain {traceId}"), none.getMessage());
    IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
        () -> TraceUrl.of("https://jaeger.example/trace/{traceId} x"));
    assertTrue(space.getMessage().contains("white space"), space.getMessage());
  }
}
