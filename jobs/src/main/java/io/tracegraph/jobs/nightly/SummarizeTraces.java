package io.tracegraph.jobs.nightly;

import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.jobs.io.ArchiveReader;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanRowParser;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Folds a partition of archive rows (columns as {@link io.tracegraph.jobs.io.ArchiveReader#read}, then
 * {@link #TRACE_HASH}), clustered and sorted by trace-id hash, into one {@link DaySummary}. Each row is parsed by the
 * model's {@link SpanRowParser} and counted (read, dropped by reason, repaired); the spans of a trace are
 * consecutive, so the partition is read once with one trace in memory at a time, and yields a single serialized
 * summary. The driver merges the partitions'.
 */
public final class SummarizeTraces implements MapPartitionsFunction<Row, byte[]> {
  public static final Encoder<byte[]> ENCODER = Encoders.BINARY();
  /** The column holding the 64-bit hash of the normalised trace id, after the archive columns. */
  public static final String TRACE_HASH = "_trace_hash";
  /** Positions of the columns read by name (the hash and the extra attributes), from the first row's schema. */
  private record Columns(int hash, int extraAttributes) {
    static Columns of(Row row) {
      if (row.schema() == null) throw new IllegalStateException("rows without a schema");
      return new Columns(row.fieldIndex(TRACE_HASH), row.fieldIndex(ArchiveReader.EXTRA_ATTRIBUTES));
    }
  }

  private final DayWindow window;
  private final TraceAnalyses.Options analyses;

  public SummarizeTraces(DayWindow window) {
    this(window, TraceAnalyses.Options.DEFAULT);
  }

  public SummarizeTraces(DayWindow window, TraceAnalyses.Options analyses) {
    this.window = window;
    this.analyses = analyses;
  }

  @Override
  public Iterator<byte[]> call(Iterator<Row> rows) {
    DaySummary summary = new DaySummary(window, analyses);
    Map<String, String> names = new HashMap<>(); // one String per service or peer name in the partition
    List<ParsedRow> group = new ArrayList<>(); // the valid rows sharing one trace-id hash
    long groupHash = 0;
    Columns columns = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (columns == null) columns = Columns.of(row);
      long hash = row.getLong(columns.hash());
      if (hash != groupHash) {
        addTraces(group, summary);
        groupHash = hash;
      }
      ParsedRow parsed = parse(row, columns, names);
      summary.countRow(parsed);
      if (!parsed.isDropped()) group.add(parsed);
    }
    addTraces(group, summary);
    return List.of(serialize(summary)).iterator();
  }

  /** Adds the traces of one hash group (almost always a single trace) and empties the group. */
  private static void addTraces(List<ParsedRow> group, DaySummary summary) {
    if (group.isEmpty()) return;
    ParsedRow first = group.get(0);
    boolean oneTrace = group.stream()
        .allMatch(r -> r.traceHigh() == first.traceHigh() && r.traceLow() == first.traceLow());
    if (oneTrace) {
      summary.addTrace(first.traceHigh(), first.traceLow(),
          TraceTree.build(first.traceHigh(), first.traceLow(), spans(group)));
    } else { // distinct trace ids with the same 64-bit hash
      Map<List<Long>, List<ParsedRow>> byTrace = new TreeMap<>(Comparator.comparing((List<Long> id) -> id.get(0))
          .thenComparing(id -> id.get(1)));
      for (ParsedRow r : group) byTrace.computeIfAbsent(List.of(r.traceHigh(), r.traceLow()), k -> new ArrayList<>()).add(r);
      byTrace.forEach((id, trace) ->
          summary.addTrace(id.get(0), id.get(1), TraceTree.build(id.get(0), id.get(1), spans(trace))));
    }
    group.clear();
  }

  private static List<Span> spans(List<ParsedRow> rows) {
    List<Span> spans = new ArrayList<>(rows.size());
    for (ParsedRow r : rows) spans.add(r.span());
    return spans;
  }

  private static ParsedRow parse(Row r, Columns c, Map<String, String> names) {
    return SpanRowParser.parse(r.getString(0), r.getString(1), r.getString(2), intern(r.getString(3), names),
        intern(r.getString(9), names),
        r.getString(4), r.isNullAt(5) ? null : r.getLong(5), r.isNullAt(6) ? null : r.getLong(6), r.getString(7),
        intern(r.getString(8), names), extras(r, c, names));
  }

  /** What the attributes said besides the peer; null (no map) for the many rows where they said nothing. */
  private static SpanExtras extras(Row r, Columns c, Map<String, String> names) {
    if (r.isNullAt(c.extraAttributes())) return null;
    SpanExtras extras = SpanExtras.of(r.getJavaMap(c.extraAttributes()));
    if (extras == null || extras.destination() == null) return extras;
    return new SpanExtras(extras.peerIsDatabase(), intern(extras.destination(), names), extras.tracestate(),
        extras.samplingPriority(), extras.samplerType(), extras.samplerParam(), extras.resendCount());
  }

  private static String intern(String s, Map<String, String> names) {
    return s == null ? null : names.computeIfAbsent(s, k -> k);
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
