package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.io.SpanArchiveSchema;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.LinkTargets;
import io.tracegraph.model.TraceLinks;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Folds a partition of archive rows (columns as {@link io.tracegraph.jobs.io.ArchiveReader#read}, then
 * {@link #TRACE_HASH}), clustered and sorted by trace-id hash, into one {@link DaySummary}. Each row is parsed by the
 * model's {@link SpanRowParser} and counted (read, dropped by reason, repaired); the spans of a trace are
 * consecutive, so the partition is read once with one trace in memory at a time, and yields a single serialized
 * summary. The driver merges the partitions'.
 *
 * <p>Span links: a row's {@code links} (when the source reads them) become the trace's {@link TraceLinks}, with the
 * trace's spans that consumers link to ({@link LinkTargets}, from {@link LinkTargetsScan}, looked up once per trace);
 * traces with neither, almost all, build nothing for them.
 */
public final class SummarizeTraces implements MapPartitionsFunction<Row, byte[]> {
  public static final Encoder<byte[]> ENCODER = Encoders.BINARY();
  /** The column holding the 64-bit hash of the normalised trace id, after the archive columns. */
  public static final String TRACE_HASH = "_trace_hash";
  /**
   * Positions of the columns read by name (the hash, the extra attributes, the span links or -1 when the source has
   * none), from the first row's schema.
   */
  private record Columns(int hash, int extraAttributes, int links) {
    static Columns of(Row row) {
      if (row.schema() == null) throw new IllegalStateException("rows without a schema");
      return new Columns(row.fieldIndex(TRACE_HASH), row.fieldIndex(ArchiveReader.EXTRA_ATTRIBUTES),
          row.schema().getFieldIndex(SpanArchiveSchema.LINKS).getOrElse(() -> -1));
    }
  }

  private final DayWindow window;
  private final TraceAnalyses.Options analyses;
  private final Broadcast<LinkTargets> targets; // null: no consumer links to any span

  public SummarizeTraces(DayWindow window) {
    this(window, TraceAnalyses.Options.DEFAULT, null);
  }

  /**
   * @param targets the spans consumers of the read window link to ({@link LinkTargetsScan}), or null when none
   */
  public SummarizeTraces(DayWindow window, TraceAnalyses.Options analyses, Broadcast<LinkTargets> targets) {
    this.window = window;
    this.analyses = analyses;
    this.targets = targets;
  }

  @Override
  public Iterator<byte[]> call(Iterator<Row> rows) {
    DaySummary summary = new DaySummary(window, analyses);
    LinkTargets linked = targets == null ? LinkTargets.NONE : targets.value();
    Map<String, String> names = new HashMap<>(); // one String per service or peer name in the partition
    List<ParsedRow> group = new ArrayList<>(); // the valid rows sharing one trace-id hash
    Map<ParsedRow, long[]> groupLinks = new IdentityHashMap<>(); // the links of the group's rows that have any
    long groupHash = 0;
    Columns columns = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (columns == null) columns = Columns.of(row);
      long hash = row.getLong(columns.hash());
      if (hash != groupHash) {
        addTraces(group, groupLinks, linked, summary);
        groupHash = hash;
      }
      ParsedRow parsed = parse(row, columns, names);
      summary.countRow(parsed);
      if (parsed.isDropped()) continue;
      group.add(parsed);
      if (columns.links() >= 0 && !row.isNullAt(columns.links())) {
        long[] links = links(row.getList(columns.links()), summary);
        if (links.length > 0) groupLinks.put(parsed, links);
      }
    }
    addTraces(group, groupLinks, linked, summary);
    return List.of(serialize(summary)).iterator();
  }

  /** A row's span links as (traceHigh, traceLow, spanId) triples; links whose ids cannot be read are counted. */
  static long[] links(List<Row> links, DaySummary summary) {
    long[] triples = new long[3 * links.size()];
    int n = 0;
    long unreadable = 0;
    for (Row link : links) {
      long[] ref = link == null ? null : LinkTargetsScan.ref(link.getString(0), link.getString(1));
      if (ref == null) {
        unreadable++;
        continue;
      }
      System.arraycopy(ref, 0, triples, n, 3);
      n += 3;
    }
    if (unreadable > 0) summary.countUnreadableLinks(unreadable);
    return n == triples.length ? triples : Arrays.copyOf(triples, n);
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

  private static void addTrace(long high, long low, List<ParsedRow> rows, Map<ParsedRow, long[]> groupLinks,
                               LinkTargets linked, DaySummary summary) {
    long[] targetsInTrace = linked.isEmpty() ? null : linked.spanIdsOf(high, low);
    TraceLinks links = TraceLinks.NONE;
    if (targetsInTrace != null || !groupLinks.isEmpty()) { // the rare trace with links: most take NONE
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
