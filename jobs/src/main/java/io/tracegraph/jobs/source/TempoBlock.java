package io.tracegraph.jobs.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.model.DayWindow;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One Tempo block as its {@code meta.json} describes it: the encoding version, the time range of its traces (RFC 3339,
 * seconds resolution) and the block's own mapping of span attributes to dedicated ("spare") columns.
 *
 * @param dir the block folder {@code <tenant>/<blockID>/}
 * @param version {@code vParquet4} or {@code vParquet5}
 * @param startTime earliest span start in the block
 * @param endTime latest span end in the block
 * @param spanStringColumns span-scope string attributes stored in dedicated columns: name → column
 *     ({@code String01}, ...)
 */
public record TempoBlock(Path dir, String version, Instant startTime, Instant endTime,
                         Map<String, String> spanStringColumns) {
  public static final String META = "meta.json";
  public static final String COMPACTED_META = "meta.compacted.json";
  public static final String DELETED_META = "meta.deleted.json";
  public static final String DATA = "data.parquet";
  public static final Set<String> SUPPORTED = Set.of("vParquet4", "vParquet5");

  public Path data() {
    return new Path(dir, DATA);
  }

  /** True when the block may hold spans of the window's read range (its times have seconds resolution). */
  public boolean overlaps(DayWindow window) {
    long startNanos = startTime.getEpochSecond() * 1_000_000_000L;
    long endNanos = (endTime.getEpochSecond() + 1) * 1_000_000_000L;
    return startNanos < window.readUntilNanos() && endNanos > window.readFromNanos();
  }

  /** Reads {@code dir/meta.json}; a file that is not a supported block's meta stops with a message naming it. */
  public static TempoBlock read(FileSystem fs, Path dir) {
    Path meta = new Path(dir, META);
    JsonNode json;
    try (InputStream in = fs.open(meta)) {
      json = Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new BadInputException(meta + ": unreadable Tempo block meta: " + e.getMessage(), e);
    }
    String version = text(json, "format", meta);
    if (!SUPPORTED.contains(version)) {
      throw new BadInputException(meta + ": Tempo block format '" + version + "' is not supported (supported: "
          + String.join(", ", new java.util.TreeSet<>(SUPPORTED)) + ")");
    }
    Instant start;
    Instant end;
    try {
      start = Instant.parse(text(json, "startTime", meta));
      end = Instant.parse(text(json, "endTime", meta));
    } catch (DateTimeParseException e) {
      throw new BadInputException(meta + ": startTime/endTime are not RFC 3339 times: " + e.getMessage(), e);
    }
    return new TempoBlock(dir, version, start, end, spanStringColumns(json.path("dedicatedColumns")));
  }

  /**
   * Tempo fills the spare columns of each scope and type in the order of {@code dedicatedColumns}: the n-th
   * span-scope string attribute is {@code String0n}. {@code "s"} is omitted for span scope and {@code "t"} for
   * string type ({@code DedicatedColumn.MarshalJSON}); int columns ({@code Int01}, vParquet5) hold no peer names.
   */
  static Map<String, String> spanStringColumns(JsonNode columns) {
    Map<String, String> mapping = new TreeMap<>();
    List<String> names = new ArrayList<>();
    for (JsonNode c : columns) {
      String scope = c.path("s").asText("span");
      String type = c.path("t").asText("string");
      if ((scope.isEmpty() || scope.equals("span")) && (type.isEmpty() || type.equals("string"))) {
        names.add(c.path("n").asText());
      }
    }
    for (int i = 0; i < names.size(); i++) mapping.putIfAbsent(names.get(i), String.format("String%02d", i + 1));
    return mapping;
  }

  private static String text(JsonNode json, String field, Path meta) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual()) throw new BadInputException(meta + ": field '" + field + "' missing or not a string");
    return v.asText();
  }
}
