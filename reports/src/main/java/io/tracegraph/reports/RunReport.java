package io.tracegraph.reports;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one nightly run read, dropped, repaired and found: rendered as {@code reports/D/run.json}. Everything but
 * {@code startedAt} and {@code secondsByStage} is a function of the input, so two runs over the same files differ
 * only in those two fields.
 *
 * @param tracegraphVersion the build that ran
 * @param date the UTC day reported
 * @param format the input format read ({@code archive}, {@code clickhouse}, {@code tempo})
 * @param inputFiles every Parquet file read, sorted
 * @param skippedFiles files skipped as unreadable (only with --skip-bad-files), with the reason
 * @param inputColumnsMissing optional columns some input files lack, by column name, with what could not be computed
 * @param source what the input source counted (e.g. Tempo blocks read and skipped, duplicate spans dropped)
 * @param rowsRead rows read in the window (the day plus grace on both sides)
 * @param rowsDropped dropped rows by reason (every reason listed, zero included)
 * @param repairs repaired rows by kind of repair (every kind listed)
 * @param traces counts over traces: traces and spans of the day, duplicates merged, orphans, ...
 * @param links number of distinct dependency links written
 * @param secondsByStage wall-clock seconds per stage
 * @param sections further top-level sections (trace analyses), written after {@code dependency_links} in this
 *     order; each value a JSON-renderable value with a fixed iteration order
 */
public record RunReport(String tracegraphVersion, String date, String format, String startedAt,
                        List<String> inputFiles, Map<String, String> skippedFiles,
                        List<MissingColumn> inputColumnsMissing, Map<String, Long> source, long rowsRead, Map<String, Long> rowsDropped,
                        Map<String, Long> repairs, Map<String, Long> traces, int links,
                        Map<String, Double> secondsByStage, Map<String, Object> sections) {

  /** A report without further sections. */
  public RunReport(String tracegraphVersion, String date, String format, String startedAt,
                   List<String> inputFiles, Map<String, String> skippedFiles, Map<String, Long> source,
                   long rowsRead, Map<String, Long> rowsDropped, Map<String, Long> repairs,
                   Map<String, Long> traces, int links, Map<String, Double> secondsByStage) {
    this(tracegraphVersion, date, format, startedAt, inputFiles, skippedFiles, List.of(), source, rowsRead,
        rowsDropped, repairs, traces, links, secondsByStage, Map.of());
  }

  public RunReport {
    sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
    inputFiles = List.copyOf(inputFiles);
    skippedFiles = sorted(skippedFiles);
    inputColumnsMissing = inputColumnsMissing.stream()
        .sorted(java.util.Comparator.comparing(MissingColumn::column)).toList();
    source = sorted(source);
    rowsDropped = sorted(rowsDropped);
    repairs = sorted(repairs);
    traces = sorted(traces);
    secondsByStage = Map.copyOf(secondsByStage);
  }

  /** A span archive v1 run (the format before sources were pluggable). */
  public RunReport(String tracegraphVersion, String date, String startedAt, List<String> inputFiles,
                   Map<String, String> skippedFiles, long rowsRead, Map<String, Long> rowsDropped,
                   Map<String, Long> repairs, Map<String, Long> traces, int links, Map<String, Double> secondsByStage) {
    this(tracegraphVersion, date, "archive", startedAt, inputFiles, skippedFiles, Map.of(), rowsRead, rowsDropped,
        repairs, traces, links, secondsByStage);
  }

  private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
    return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  public long rowsDroppedTotal() {
    return rowsDropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The run.json text, keys in a fixed order. */
  public String toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("tracegraph_version", tracegraphVersion);
    m.put("date", date);
    m.put("format", format);
    m.put("started_at", startedAt);
    m.put("input_files", inputFiles);
    m.put("skipped_files", skippedFiles);
    m.put("input_columns_missing", inputColumnsMissing.stream().map(c -> {
      Map<String, Object> column = new java.util.LinkedHashMap<>();
      column.put("column", c.column());
      column.put("cannot_compute", c.cannotCompute());
      column.put("files", c.files());
      return column;
    }).toList());
    m.put("source", source);
    m.put("rows_read", rowsRead);
    m.put("rows_dropped", rowsDroppedTotal());
    m.put("rows_dropped_by_reason", rowsDropped);
    m.put("repairs", repairs);
    m.put("traces", traces);
    m.put("dependency_links", links);
    sections.forEach((key, value) -> {
      if (m.containsKey(key) || key.equals("seconds_by_stage")) throw new IllegalArgumentException("section " + key);
      m.put(key, value);
    });
    Map<String, Double> seconds = new TreeMap<>();
    secondsByStage.forEach((k, v) -> seconds.put(k, Math.round(v * 1000) / 1000.0));
    m.put("seconds_by_stage", seconds);
    return Json.write(m);
  }
}
