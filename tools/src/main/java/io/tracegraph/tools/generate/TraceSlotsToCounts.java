package io.tracegraph.tools.generate;

import io.tracegraph.tools.generate.SyntheticTrace.LinkCount;
import io.tracegraph.tools.generate.SyntheticTrace.Truth;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Slots of a {@link GenerationPlan} → the partition's counts ({@link GeneratorSchemas#COUNTS}), summed inside the
 * task so that only a few hundred rows per partition reach the shuffle: the intended links of the generated days'
 * traces ({@code kind = link}, name = parent, detail = child, count = calls, errors) and the {@link DayCounter} counters
 * per day ({@code kind = tally}, name = the counter's key).
 */
final class TraceSlotsToCounts implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;
  static final String LINK = "link";
  static final String TALLY = "tally";

  private record Key(String date, String kind, String name, String detail) {}

  private final GenerationPlan plan;

  TraceSlotsToCounts(GenerationPlan plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> slots) {
    Map<Key, long[]> counts = new HashMap<>();
    Map<Long, String> dates = new HashMap<>();
    while (slots.hasNext()) {
      SyntheticTrace trace = TraceSynthesizer.synthesize(plan, plan.slot(slots.next()));
      if (trace != null) add(trace, dates, counts); // a batch slot without messages has no trace
    }
    List<Row> rows = new ArrayList<>(counts.size());
    counts.forEach((k, c) -> rows.add(RowFactory.create(k.date(), k.kind(), k.name(), k.detail(), c[0], c[1])));
    return rows.iterator();
  }

  private static void add(SyntheticTrace trace, Map<Long, String> dates, Map<Key, long[]> counts) {
    Truth truth = trace.truths().get(0);
    if (trace.plan.generates(truth.epochDay())) {
      String date = dates.computeIfAbsent(truth.epochDay(), d -> LocalDate.ofEpochDay(d).toString());
      for (LinkCount link : truth.links()) {
        long[] c = counts.computeIfAbsent(new Key(date, LINK, link.parent(), link.child()), k -> new long[2]);
        c[0] += link.calls();
        c[1] += link.errors();
      }
    }
    trace.tallies().forEach((day, values) -> {
      String date = dates.computeIfAbsent(day, d -> LocalDate.ofEpochDay(d).toString());
      for (DayCounter tally : DayCounter.values()) {
        long n = values[tally.ordinal()];
        if (n != 0) counts.computeIfAbsent(new Key(date, TALLY, tally.key(), ""), k -> new long[2])[0] += n;
      }
    });
  }
}
