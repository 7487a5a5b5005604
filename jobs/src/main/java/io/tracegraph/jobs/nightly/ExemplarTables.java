package io.tracegraph.jobs.nightly;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.Exemplar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code exemplars} table (tables v3) and its run.json section: the day's example traces ({@link Exemplar}), one
 * row each, with the keys that join them to the tables they exemplify ({@code entry_points}, {@code error_origins},
 * {@code edges}), the trace's facts and its dominant span, so a planner's SQL finds them too. The trees themselves
 * are in the day's report; {@code tracegraph trace} prints any of them from the archive.
 */
public final class ExemplarTables {
  public static final String EXEMPLARS = "exemplars";

  /** Schema of {@code OUT/tables/exemplars/date=D/}. */
  public static final StructType SCHEMA = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("trace_id", DataTypes.StringType, false)
      .add("entry_service", DataTypes.StringType, true)
      .add("entry_operation", DataTypes.StringType, true)
      .add("origin_service", DataTypes.StringType, true)
      .add("origin_operation", DataTypes.StringType, true)
      .add("surfaced_service", DataTypes.StringType, true)
      .add("surfaced_operation", DataTypes.StringType, true)
      .add("root_service", DataTypes.StringType, true)
      .add("root_operation", DataTypes.StringType, true)
      .add("reached_root", DataTypes.BooleanType, true)
      .add("hops", DataTypes.IntegerType, true)
      .add("caller", DataTypes.StringType, true)
      .add("callee", DataTypes.StringType, true)
      .add("connection_type", DataTypes.StringType, true)
      .add("broker", DataTypes.StringType, true)
      .add("destination", DataTypes.StringType, true)
      .add("start_time_unix_nano", DataTypes.LongType, false)
      .add("duration_nanos", DataTypes.LongType, false)
      .add("span_count", DataTypes.IntegerType, false)
      .add("spans_kept", DataTypes.IntegerType, false)
      .add("error_spans", DataTypes.IntegerType, false)
      .add("dominant_service", DataTypes.StringType, true)
      .add("dominant_operation", DataTypes.StringType, true)
      .add("dominant_peer", DataTypes.StringType, true)
      .add("dominant_critical_nanos", DataTypes.LongType, true)
      .add("edge_call_nanos", DataTypes.LongType, true)
      .add("entry_p50_nanos", DataTypes.LongType, true);

  private ExemplarTables() {}

  /** The rows, in the exemplars' order (entry points, error paths, edges; see {@link io.tracegraph.model.Exemplars#select}). */
  public static List<Row> rows(List<Exemplar> exemplars) {
    List<Row> rows = new ArrayList<>(exemplars.size());
    for (Exemplar x : exemplars) {
      CompactTrace t = x.trace();
      EntryPointKey entry = t.entry();
      ErrorOrigins.ErrorPath p = x.errorPath();
      EdgeKey e = x.edge();
      int d = t.dominant();
      rows.add(RowFactory.create(x.kind().key(), x.rank(), t.id().hex(),
          entry == null ? null : entry.service(), entry == null ? null : entry.operation(),
          p == null ? null : p.originService(), p == null ? null : p.originOperation(),
          p == null ? null : p.surfacedService(), p == null ? null : p.surfacedOperation(),
          p == null ? null : p.rootService(), p == null ? null : p.rootOperation(),
          p == null ? null : p.reachedRoot(), p == null ? null : p.hops(),
          e == null ? null : e.caller(), e == null ? null : e.callee(), e == null ? null : e.type().key(),
          e == null ? null : e.broker(), e == null ? null : e.destination(),
          t.startNanos(), t.durationNanos(), t.spanCount(), t.size(), t.errorSpans(),
          d < 0 || t.service(d).isEmpty() ? null : t.service(d), d < 0 ? null : t.name(d), d < 0 ? null : t.peer(d),
          d < 0 ? null : t.criticalNanos(d), x.edgeCallNanos(), x.entryP50Nanos()));
    }
    return rows;
  }

  /**
   * run.json's {@code exemplars}: rows per kind, distinct traces kept, their spans (kept and in all), the traces that
   * were cut and the span limit that cut them.
   */
  public static Map<String, Object> runSection(List<Exemplar> exemplars) {
    Map<String, Long> byKind = new TreeMap<>();
    for (Exemplar.Kind k : Exemplar.Kind.values()) byKind.put(k.key(), 0L);
    Map<String, CompactTrace> traces = new LinkedHashMap<>();
    for (Exemplar x : exemplars) {
      byKind.merge(x.kind().key(), 1L, Long::sum);
      traces.putIfAbsent(x.traceId().hex(), x.trace());
    }
    long kept = 0;
    long all = 0;
    long cut = 0;
    for (CompactTrace t : traces.values()) {
      kept += t.size();
      all += t.spanCount();
      if (t.isCut()) cut++;
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("rows", byKind);
    section.put("traces", (long) traces.size());
    section.put("spans_kept", kept);
    section.put("spans_in_traces", all);
    section.put("traces_cut", cut);
    section.put("span_limit", CompactTrace.REPORT_SPAN_LIMIT);
    return section;
  }
}
