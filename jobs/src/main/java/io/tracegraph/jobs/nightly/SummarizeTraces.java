package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.io.CompactSpans;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Folds a partition of compact span rows, clustered and sorted by trace id, into one {@link DaySummary}: the rows of
 * each trace are consecutive, so the partition is read once, one trace in memory at a time, and yields a single
 * serialized summary. The driver merges the partitions' summaries.
 */
public final class SummarizeTraces implements MapPartitionsFunction<Row, byte[]> {
  public static final Encoder<byte[]> ENCODER = Encoders.BINARY();

  private final DayWindow window;

  public SummarizeTraces(DayWindow window) {
    this.window = window;
  }

  @Override
  public Iterator<byte[]> call(Iterator<Row> rows) {
    DaySummary summary = new DaySummary(window);
    Map<String, String> names = new HashMap<>(); // one String per service or peer name in the partition
    List<Span> trace = new ArrayList<>();
    long high = 0;
    long low = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      long h = row.getLong(0);
      long l = row.getLong(1);
      if (!trace.isEmpty() && (h != high || l != low)) {
        summary.addTrace(TraceTree.build(trace));
        trace = new ArrayList<>();
      }
      high = h;
      low = l;
      trace.add(CompactSpans.toSpan(row, names));
    }
    if (!trace.isEmpty()) summary.addTrace(TraceTree.build(trace));
    return List.of(serialize(summary)).iterator();
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
