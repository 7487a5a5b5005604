package io.tracegraph.tools.generate;

import io.tracegraph.tools.generate.SyntheticTrace.Truth;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Slots of a {@link GenerationPlan} → {@link GeneratorSchemas#TRUTH_ROWS}: one row per trace id of the archive
 * whose day is generated. Synthesises exactly the traces {@link TraceSlotsToArchiveSpans} writes.
 */
final class TraceSlotsToTruthRows implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;

  private final GenerationPlan plan;

  TraceSlotsToTruthRows(GenerationPlan plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> slots) {
    Map<Long, String> dates = new HashMap<>();
    return SlotStreams.flatMap(plan, slots, (trace, out) -> rows(trace, dates, out));
  }

  static void rows(SyntheticTrace trace, Map<Long, String> dates, Collection<Row> out) {
    for (Truth t : trace.truths()) {
      if (!trace.plan.generates(t.epochDay())) continue; // a trace of the day before: that day's truth
      out.add(RowFactory.create(dates.computeIfAbsent(t.epochDay(), d -> LocalDate.ofEpochDay(d).toString()),
          t.traceId(), t.rootService(), t.rootOperation(), t.spanCount(),
          t.errorOriginSpanId(), t.errorOriginService(), t.errorOriginOperation(), t.errorReachedRoot(),
          CollectionConverters.asScala(t.flags()).toSeq()));
    }
  }
}
