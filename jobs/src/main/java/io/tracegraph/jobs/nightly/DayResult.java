package io.tracegraph.jobs.nightly;

import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Exemplar;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TrafficSummary;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One analysed day, ready to be written ({@link DayWriter}): what was read and counted, the dependency links and the
 * services that wrote spans, and, unless the run was {@code --links-only}, the traffic and the trace analyses. The
 * two kinds are two types, so that what a links-only day lacks is never a null to check.
 */
public sealed interface DayResult permits DayResult.LinksOnly, DayResult.Full {
  /** What was read and counted. */
  DayCounts counts();

  /** The day's links, sorted. */
  List<DependencyLink> links();

  /** The services that wrote spans (the vertices of the graph besides the peers). */
  Set<String> services();

  /** What the per-trace analyses were asked to compute (for run.json). */
  TraceAnalyses.Options options();

  /** A {@code --links-only} day: links and counts only. */
  record LinksOnly(DayCounts counts, List<DependencyLink> links, Set<String> services, TraceAnalyses.Options options)
      implements DayResult {}

  /**
   * A full day: also the traffic (the traffic tables, with the messages received through span links), the trace
   * analyses (their tables), what the day's span links came to and the example traces (the {@code exemplars} table
   * and the report's waterfalls).
   */
  record Full(DayCounts counts, List<DependencyLink> links, Set<String> services, TrafficSummary traffic,
              TraceAnalyses analyses, Map<LinkedMessages.Count, Long> spanLinks, List<Exemplar> exemplars)
      implements DayResult {
    @Override
    public TraceAnalyses.Options options() {
      return analyses.options();
    }
  }

  /** The result of a merged day summary: links-only or full, as its options say. */
  static DayResult of(DayCounts counts, DaySummary summary) {
    List<DependencyLink> links = List.copyOf(summary.links());
    if (summary.analyses().options().linksOnly()) {
      return new LinksOnly(counts, links, summary.services(), summary.analyses().options());
    }
    return new Full(counts, links, summary.services(), summary.traffic(), summary.analyses(),
        summary.linkedMessages().counts(), summary.exemplars());
  }

  /**
   * What a run read and counted, as run.json reports it.
   *
   * @param day the day reported
   * @param plan the format and the inputs
   * @param rowsRead rows read in the read range
   * @param dropped rows dropped, by reason key
   * @param repairs rows repaired, by repair key
   * @param counters the trace counters (traces, spans, ...), by key
   */
  record DayCounts(LocalDate day, DayPlan plan, long rowsRead, Map<String, Long> dropped,
                   Map<String, Long> repairs, Map<String, Long> counters) {
    static DayCounts of(LocalDate day, DayPlan plan, DaySummary summary) {
      Map<String, Long> dropped = new TreeMap<>();
      summary.dropped().forEach((r, n) -> dropped.put(r.key(), n));
      Map<String, Long> repairs = new TreeMap<>();
      summary.repairs().forEach((r, n) -> repairs.put(r.key(), n));
      Map<String, Long> counters = new TreeMap<>();
      summary.counters().forEach((c, n) -> counters.put(c.key(), n));
      return new DayCounts(day, plan, summary.rowsRead(), dropped, repairs, counters);
    }

    long droppedTotal() {
      return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
