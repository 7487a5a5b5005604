package io.tracegraph.jobs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Span archive v1 is a contract schedulers and other tools rely on: its exact text is pinned here, so a change to
 * {@link SpanArchiveSchema} is always deliberate (update golden/span-archive-v1.txt in the same commit).
 */
class SpanArchiveSchemaTest {
  @Test
  void schemaIsPinned() throws Exception {
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/golden/span-archive-v1.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, SpanArchiveSchema.STRUCT.treeString());
  }

  @Test
  void selectKeepsFileOrderAndRejectsUnknownColumns() {
    assertEquals(List.of("trace_id", "start_time_unix_nano"),
        List.of(SpanArchiveSchema.select(List.of("start_time_unix_nano", "trace_id")).fieldNames()));
    assertThrows(IllegalArgumentException.class, () -> SpanArchiveSchema.select(List.of("trace_id", "nope")));
  }
}
