package io.tracegraph.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanColumns;
import io.tracegraph.jobs.source.SpanRowReader;
import io.tracegraph.model.LinkTargets;
import io.tracegraph.model.SpanKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly's first, small pass over the span links: the spans that CONSUMER spans of the read window link to
 * ({@link LinkTargets}), so that while the traces are built each producer span knows whether a consumer elsewhere
 * received its message. It reads only the rows that carry links (kind, service name and {@code links} columns; Parquet
 * skips the rest of each row), parses the ids, and brings back 24 bytes per link. Sources and inputs without links
 * ({@link SourceScan#mayHaveLinks()}: known from the Parquet footers before any work) skip it entirely.
 */
public final class LinkTargetsScan {
  private LinkTargetsScan() {}

  /** The targets of the read window's consumer links; {@link LinkTargets#NONE} when the input has no links. */
  public static LinkTargets collect(SparkSession spark, SourceScan scan) {
    if (!scan.mayHaveLinks()) return LinkTargets.NONE;
    List<byte[]> partials = scan.read(spark)
        .where(col(SpanColumns.LINKS).isNotNull().and(size(col(SpanColumns.LINKS)).gt(0)))
        .select(col(SpanColumns.KIND), col(SpanColumns.SERVICE_NAME), col(SpanColumns.LINKS))
        .mapPartitions(new ConsumerLinks(), Encoders.BINARY())
        .collectAsList();
    int longs = 0;
    for (byte[] p : partials) longs += p.length / Long.BYTES;
    long[] triples = new long[longs];
    int at = 0;
    for (byte[] p : partials) {
      ByteBuffer buffer = ByteBuffer.wrap(p);
      while (buffer.hasRemaining()) triples[at++] = buffer.getLong();
    }
    return LinkTargets.of(triples);
  }

  /**
   * Rows (kind, service name, links) → the readable links of CONSUMER rows that name their service, as big-endian
   * longs, one array per partition. A consumer without a service name receives nothing through its links
   * ({@code LinkedMessages}), so the producers it links to must keep their own calls to the broker.
   */
  static final class ConsumerLinks implements MapPartitionsFunction<Row, byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
      long[] triples = new long[96];
      int n = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        if (SpanKind.parseOrNull(row.getString(0)) != SpanKind.CONSUMER) continue;
        if (row.isNullAt(1) || row.getString(1).isEmpty()) continue;
        for (Row link : row.<Row>getList(2)) {
          long[] ref = link == null ? null : SpanRowReader.linkRef(link.getString(0), link.getString(1));
          if (ref == null) continue;
          if (n + 3 > triples.length) triples = Arrays.copyOf(triples, 2 * triples.length);
          System.arraycopy(ref, 0, triples, n, 3);
          n += 3;
        }
      }
      ByteBuffer bytes = ByteBuffer.allocate(n * Long.BYTES);
      for (int i = 0; i < n; i++) bytes.putLong(triples[i]);
      return List.of(bytes.array()).iterator();
    }
  }
}
