package io.tracegraph.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of every report: two-space indent, "\n" line ends and a final newline. Callers pass
 * maps with a fixed iteration order (LinkedHashMap in field order, TreeMap for keyed counts), so the same values
 * always give the same bytes.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  /** Pretty, deterministic JSON text of {@code value}, ending with a newline. */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Compact JSON text of {@code value}, one line, no final newline. */
  public static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render " + value.getClass().getName() + " as JSON", e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
