package io.tracegraph.tools.generate;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.DependencyLinker;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanRowParser;
import io.tracegraph.model.TraceTree;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Test helpers over archive rows (span archive v1 with its {@code date} column, {@link ArchiveFixtures#WITH_DATE},
 * whether built in memory or read back from Parquet): parsing them with the model's {@link SpanRowParser}, grouping them by trace, and linking whole days with
 * {@link DependencyLinker}, the oracle the generator's expected links must match.
 */
final class GeneratedRows {
  private GeneratedRows() {}

  /** The archive rows of one synthesised trace, with their schema (so columns can be looked up by name). */
  static List<Row> rowsOf(SyntheticTrace trace) {
    List<ArchiveSpan> spans = new ArrayList<>();
    TraceSlotsToArchiveSpans.spans(trace, spans);
    List<Row> rows = new ArrayList<>(spans.size());
    for (ArchiveSpan span : spans) rows.add(ArchiveFixtures.row(span));
    return rows;
  }

  static String traceId(Row row) {
    return row.getString(row.fieldIndex(SpanArchiveSchema.TRACE_ID));
  }

  static String spanId(Row row) {
    return row.getString(row.fieldIndex(SpanArchiveSchema.SPAN_ID));
  }

  static String parentId(Row row) {
    return row.getString(row.fieldIndex(SpanArchiveSchema.PARENT_SPAN_ID));
  }

  static long start(Row row) {
    return row.getLong(row.fieldIndex(SpanArchiveSchema.START_TIME));
  }

  static long end(Row row) {
    return row.getLong(row.fieldIndex(SpanArchiveSchema.END_TIME));
  }

  static String string(Row row, String column) {
    return row.getString(row.fieldIndex(column));
  }

  static Map<String, String> attributes(Row row) {
    return row.getJavaMap(row.fieldIndex(SpanArchiveSchema.ATTRIBUTES));
  }

  static Map<String, String> resource(Row row) {
    return row.getJavaMap(row.fieldIndex(SpanArchiveSchema.RESOURCE_ATTRIBUTES));
  }

  static String date(Row row) {
    return row.getString(row.fieldIndex(SpanArchiveSchema.DATE_PARTITION));
  }

  static LocalDate dayOf(long nanos) {
    return Instant.ofEpochSecond(0, nanos).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The row as the readers see it: through {@link SpanRowParser}, the peer from {@link RemotePeer}. */
  static ParsedRow parse(Row row) {
    return SpanRowParser.parse(traceId(row), spanId(row), parentId(row),
        string(row, SpanArchiveSchema.SERVICE_NAME), string(row, SpanArchiveSchema.NAME),
        string(row, SpanArchiveSchema.KIND), start(row), end(row), string(row, SpanArchiveSchema.STATUS_CODE),
        RemotePeer.of(attributes(row)));
  }

  /** Rows grouped by trace id (lower-cased, as the readers compare them). */
  static Map<String, List<Row>> byTrace(List<Row> rows) {
    Map<String, List<Row>> traces = new TreeMap<>();
    for (Row row : rows) {
      traces.computeIfAbsent(traceId(row).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row);
    }
    return traces;
  }

  /**
   * Links per day computed by the model's {@link DependencyLinker} over the parsed rows, each trace counted on the
   * day of its earliest span.
   */
  static Map<LocalDate, List<DependencyLink>> linkerLinksByDay(List<Row> rows) {
    Map<LocalDate, DependencyLinker> linkers = new TreeMap<>();
    for (List<Row> trace : byTrace(rows).values()) {
      List<Span> spans = new ArrayList<>(trace.size());
      for (Row row : trace) {
        ParsedRow parsed = parse(row);
        if (!parsed.isDropped()) spans.add(parsed.span());
      }
      if (spans.isEmpty()) continue;
      TraceTree tree = TraceTree.build(spans);
      linkers.computeIfAbsent(dayOf(tree.earliestStartNanos()), d -> new DependencyLinker()).putTrace(tree);
    }
    Map<LocalDate, List<DependencyLink>> result = new TreeMap<>();
    linkers.forEach((day, linker) -> result.put(day, linker.links()));
    return result;
  }

  /** Sums links with the same parent and child, sorted. */
  static List<DependencyLink> sum(List<DependencyLink> links) {
    Map<String, DependencyLink> sums = new TreeMap<>();
    for (DependencyLink link : links) sums.merge(link.parent() + "\n" + link.child(), link, DependencyLink::plus);
    List<DependencyLink> result = new ArrayList<>(sums.values());
    result.sort(DependencyLink.ORDER);
    return result;
  }

  /** How many times each value occurs. */
  static <T> Map<T, Integer> counts(List<T> values) {
    Map<T, Integer> counts = new HashMap<>();
    for (T v : values) counts.merge(v, 1, Integer::sum);
    return counts;
  }
}
