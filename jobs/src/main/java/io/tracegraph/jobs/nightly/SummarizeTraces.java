package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.FaultPoint;
import io.tracegraph.jobs.source.SpanColumns;
import io.tracegraph.jobs.source.SpanRowReader;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.LinkTargets;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceLinks;
import io.tracegraph.model.TraceTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Folds a partition of span rows ({@link SpanColumns}, then {@link #TRACE_HASH}), clustered and sorted by trace-id
 * hash, into one {@link DaySummary}. Each row is read by name ({@link SpanRowReader}), parsed by the model and counted
 * (read, dropped by reason, repaired); the spans of a trace are consecutive, so the partition is read once with one
 * trace in memory at a time, and yields a single serialized summary. The driver merges the partitions'. The rows are
 * Spark's {@link InternalRow}s, never converted to external {@code Row}s: ids are parsed from their bytes and names
 * decoded once per partition.
 *
 * <p>A trace (a hash group) with more usable rows than {@link TraceAnalyses.Options#maxTraceSpans} is left out whole:
 * its rows are counted and dropped ({@link DaySummary#dropTooLargeTrace}), and no more than the limit is ever held,
 * so one giant trace cannot exhaust the heap. The rare trace sharing its 64-bit hash with such a trace goes with it.
 *
 * <p>Span links: a row's links ({@link SpanColumns#LINKS}, when the source reads them) become the trace's
 * {@link TraceLinks}, with the trace's spans that consumers link to ({@link LinkTargets}, from {@link LinkTargetsScan},
 * looked up once per trace); traces with neither, almost all, build nothing for them.
 */
public final class SummarizeTraces implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
  /** The column holding the 64-bit hash of the normalised trace id, after the span columns. */
  public static final String TRACE_HASH = "_trace_hash";

  private final StructType schema;
  private final DayWindow window;
  private final TraceAnalyses.Options analyses;
  private final Broadcast<LinkTargets> targets; // null: no consumer links to any span

  /**
   * @param schema the rows' columns: the span contract's and {@link #TRACE_HASH}, by name, in any order
   * @param targets the spans consumers of the read window link to ({@link LinkTargetsScan}), or null when none
   */
  public SummarizeTraces(StructType schema, DayWindow window, TraceAnalyses.Options analyses,
                         Broadcast<LinkTargets> targets) {
    this.schema = schema;
    this.window = window;
    this.analyses = analyses;
    this.targets = targets;
  }

  @Override
  public Iterator<byte[]> call(Iterator<InternalRow> rows) {
    FaultPoint.SCAN.reach();
    DaySummary summary = new DaySummary(window, analyses);
    LinkTargets linked = targets == null ? LinkTargets.NONE : targets.value();
    List<ParsedRow> group = new ArrayList<>(); // the valid rows sharing one trace-id hash
    Map<ParsedRow, long[]> groupLinks = new IdentityHashMap<>(); // the links of the group's rows that have any
    long groupHash = 0;
    long groupCut = 0; // > 0: the group passed the span limit, its rows so far, no longer held
    int maxSpans = analyses.maxTraceSpans();
    SpanRowReader reader = SpanRowReader.of(schema);
    int hashColumn = schema.fieldIndex(TRACE_HASH);
    while (rows.hasNext()) {
      InternalRow row = rows.next(); // reused by Spark for the next row: the parsed row keeps nothing of it
      long hash = row.getLong(hashColumn);
      if (hash != groupHash) {
        endGroup(group, groupLinks, groupCut, linked, summary);
        groupHash = hash;
        groupCut = 0;
      }
      ParsedRow parsed = reader.parse(row);
      summary.countRow(parsed);
      if (parsed.isDropped()) continue;
      if (groupCut > 0 || group.size() == maxSpans) { // too large to hold: count its rows, keep none
        groupCut += group.size() + 1;
        group.clear();
        groupLinks.clear();
        continue;
      }
      group.add(parsed);
      SpanRowReader.Links links = reader.links(row);
      if (links.isEmpty()) continue;
      if (links.unreadable() > 0) summary.countUnreadableLinks(links.unreadable());
      if (links.triples().length > 0) groupLinks.put(parsed, links.triples());
    }
    endGroup(group, groupLinks, groupCut, linked, summary);
    return List.of(serialize(summary)).iterator();
  }

  /** Adds the traces of a hash group, or counts it as left out when it passed the span limit ({@code cut} rows). */
  private static void endGroup(List<ParsedRow> group, Map<ParsedRow, long[]> groupLinks, long cut, LinkTargets linked,
                               DaySummary summary) {
    if (cut > 0) {
      summary.dropTooLargeTrace(cut);
    } else {
      addTraces(group, groupLinks, linked, summary);
    }
  }

  /** Adds the traces of one hash group (almost always a single trace) and empties the group. */
  private static void addTraces(List<ParsedRow> group, Map<ParsedRow, long[]> groupLinks, LinkTargets linked,
                                DaySummary summary) {
    if (group.isEmpty()) return;
    ParsedRow first = group.get(0);
    boolean oneTrace = group.stream()
        .allMatch(r -> r.traceHigh() == first.traceHigh() && r.traceLow() == first.traceLow());
    if (oneTrace) {
      addTrace(first.traceHigh(), first.traceLow(), group, groupLinks, linked, summary);
    } else { // distinct trace ids with the same 64-bit hash
      Map<List<Long>, List<ParsedRow>> byTrace = new TreeMap<>(Comparator.comparing((List<Long> id) -> id.get(0))
          .thenComparing(id -> id.get(1)));
      for (ParsedRow r : group) byTrace.computeIfAbsent(List.of(r.traceHigh(), r.traceLow()), k -> new ArrayList<>()).add(r);
      byTrace.forEach((id, trace) -> addTrace(id.get(0), id.get(1), trace, groupLinks, linked, summary));
    }
    group.clear();
    groupLinks.clear();
  }

  /** Adds one trace with its span links; the rare trace with links or linked spans builds them, the others share none. */
  private static void addTrace(long high, long low, List<ParsedRow> rows, Map<ParsedRow, long[]> groupLinks,
                               LinkTargets linked, DaySummary summary) {
    long[] targetsInTrace = linked.isEmpty() ? null : linked.spanIdsOf(high, low);
    TraceLinks links = TraceLinks.NONE;
    if (targetsInTrace != null || !groupLinks.isEmpty()) {
      TraceLinks.Builder builder = TraceLinks.builder().linked(targetsInTrace);
      for (ParsedRow r : rows) {
        long[] l = groupLinks.get(r);
        if (l != null) builder.add(r.span().spanId(), l);
      }
      links = builder.build();
    }
    summary.addTrace(high, low, TraceTree.build(high, low, spans(rows)), links);
  }

  private static List<Span> spans(List<ParsedRow> rows) {
    List<Span> spans = new ArrayList<>(rows.size());
    for (ParsedRow r : rows) spans.add(r.span());
    return spans;
  }

  static byte[] serialize(DaySummary summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static DaySummary deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (DaySummary) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
