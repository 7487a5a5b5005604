package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.io.CompactSpans;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.DependencyLinker;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceCounter;
import io.tracegraph.model.TraceTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * What each trace contributes to the day, as rows small enough to sum in a partial aggregation: a link row
 * {@code ("link", parent, child, calls, errors)} per dependency link of the trace, and a counter row
 * {@code (counter, null, null, count, 0)} per non-zero {@link TraceCounter}. Summing by (metric, parent, child)
 * gives the day's links and counters in one shuffle of a few thousand rows.
 */
public final class Tallies {
  public static final String LINK = "link";

  public static final StructType SCHEMA = new StructType()
      .add("metric", DataTypes.StringType, false)
      .add("parent", DataTypes.StringType, true)
      .add("child", DataTypes.StringType, true)
      .add("count", DataTypes.LongType, false)
      .add("errors", DataTypes.LongType, false);

  public static final Encoder<Row> ENCODER = Encoders.row(SCHEMA);

  private Tallies() {}

  /** Builds each trace's tree and emits its tallies. Spans of one trace arrive as an iterator of compact rows. */
  public static final class OfTrace implements FlatMapGroupsFunction<Tuple2<Long, Long>, Row, Row> {
    private final DayWindow window;

    public OfTrace(DayWindow window) {
      this.window = window;
    }

    @Override
    public Iterator<Row> call(Tuple2<Long, Long> traceId, Iterator<Row> rows) {
      Map<String, String> names = new HashMap<>();
      List<Span> spans = new ArrayList<>();
      while (rows.hasNext()) spans.add(CompactSpans.toSpan(rows.next(), names));
      TraceTree tree = TraceTree.build(spans);
      DayWindow.Placement placement = window.place(tree.earliestStartNanos());

      List<Row> out = new ArrayList<>();
      TraceCounter.of(tree, placement).forEach((counter, count) ->
          out.add(RowFactory.create(counter.key(), null, null, count, 0L)));
      if (placement == DayWindow.Placement.THIS_DAY) {
        for (DependencyLink link : new DependencyLinker().putTrace(tree).links()) {
          out.add(RowFactory.create(LINK, link.parent(), link.child(), link.callCount(), link.errorCount()));
        }
      }
      return out.iterator();
    }
  }
}
