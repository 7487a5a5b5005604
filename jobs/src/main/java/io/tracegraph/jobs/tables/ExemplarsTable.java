package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.int32;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.Exemplar;
import java.util.function.Function;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code exemplars} table (tables v3): the day's example traces ({@link Exemplar}), one row each, with the keys
 * that join them to the tables they exemplify ({@code entry_points}, {@code error_origins}, {@code edges}), the
 * trace's facts and its dominant span, so a planner's SQL finds them too. The trees themselves are in the day's
 * report; {@code tracegraph trace} prints any of them from the archive. Rows in the exemplars' order
 * ({@link io.tracegraph.model.Exemplars#select}); written, never read back by tracegraph.
 */
public final class ExemplarsTable {
  private ExemplarsTable() {}

  public static final Table<Exemplar> TABLE = Table.of("exemplars",
      string("kind", false, x -> x.kind().key()),
      int32("rank", Exemplar::rank),
      string("trace_id", false, x -> x.traceId().hex()),
      string("entry_service", true, x -> entry(x, EntryPointKey::service)),
      string("entry_operation", true, x -> entry(x, EntryPointKey::operation)),
      string("origin_service", true, x -> path(x, ErrorOrigins.ErrorPath::originService)),
      string("origin_operation", true, x -> path(x, ErrorOrigins.ErrorPath::originOperation)),
      string("surfaced_service", true, x -> path(x, ErrorOrigins.ErrorPath::surfacedService)),
      string("surfaced_operation", true, x -> path(x, ErrorOrigins.ErrorPath::surfacedOperation)),
      string("root_service", true, x -> path(x, ErrorOrigins.ErrorPath::rootService)),
      string("root_operation", true, x -> path(x, ErrorOrigins.ErrorPath::rootOperation)),
      TableColumn.of("reached_root", DataTypes.BooleanType, true, x -> path(x, ErrorOrigins.ErrorPath::reachedRoot),
          Boolean.class::cast),
      TableColumn.of("hops", DataTypes.IntegerType, true, x -> path(x, ErrorOrigins.ErrorPath::hops),
          Integer.class::cast),
      string("caller", true, x -> edge(x, EdgeKey::caller)),
      string("callee", true, x -> edge(x, EdgeKey::callee)),
      string("connection_type", true, x -> edge(x, e -> e.type().key())),
      string("broker", true, x -> edge(x, EdgeKey::broker)),
      string("destination", true, x -> edge(x, EdgeKey::destination)),
      int64("start_time_unix_nano", false, x -> x.trace().startNanos()),
      int64("duration_nanos", false, x -> x.trace().durationNanos()),
      int32("span_count", x -> x.trace().spanCount()),
      int32("spans_kept", x -> x.trace().size()),
      int32("error_spans", x -> x.trace().errorSpans()),
      // The dominant span (the most critical-path time): none without a single root; a nameless service is null.
      string("dominant_service", true, x -> dominant(x, (t, d) -> t.service(d).isEmpty() ? null : t.service(d))),
      string("dominant_operation", true, x -> dominant(x, CompactTrace::name)),
      string("dominant_peer", true, x -> dominant(x, CompactTrace::peer)),
      int64("dominant_critical_nanos", true, x -> dominant(x, CompactTrace::criticalNanos)),
      int64("edge_call_nanos", true, Exemplar::edgeCallNanos),
      int64("entry_p50_nanos", true, Exemplar::entryP50Nanos));

  private static <V> V entry(Exemplar x, Function<EntryPointKey, V> f) {
    EntryPointKey entry = x.entry();
    return entry == null ? null : f.apply(entry);
  }

  private static <V> V path(Exemplar x, Function<ErrorOrigins.ErrorPath, V> f) {
    return x.errorPath() == null ? null : f.apply(x.errorPath());
  }

  private static <V> V edge(Exemplar x, Function<EdgeKey, V> f) {
    return x.edge() == null ? null : f.apply(x.edge());
  }

  /** What {@code f} says of the trace's dominant span, or null when it has none. */
  private static <V> V dominant(Exemplar x, DominantField<V> f) {
    int d = x.trace().dominant();
    return d < 0 ? null : f.of(x.trace(), d);
  }

  @FunctionalInterface
  private interface DominantField<V> {
    V of(CompactTrace trace, int span);
  }
}
