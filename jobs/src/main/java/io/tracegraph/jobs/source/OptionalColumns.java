package io.tracegraph.jobs.source;

import io.tracegraph.reports.MissingColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The optional columns a source reads, what the run cannot compute without each, and which input files lack it. A
 * source checks every file's footer with {@link #check} while planning; {@link #missing} is run.json's
 * {@code input_columns_missing}. Without this, a file lacking its attribute map would run to a smaller graph in
 * silence.
 */
public final class OptionalColumns {
  /** What the span attribute map feeds ({@link SpanColumns#PEER}, {@link SpanColumns#EXTRA_ATTRIBUTES}). */
  public static final String WITHOUT_ATTRIBUTES = "remote peers of uninstrumented services (the edges to databases, "
      + "caches, queues and external APIs), database and messaging destinations, sampling weights (estimated counts)";
  /** What the span name feeds ({@link SpanColumns#NAME}). */
  public static final String WITHOUT_NAME = "operation names (the operations, entry_points and critical_path tables)";

  private final Map<String, String> cannotCompute;
  private final Map<String, List<String>> filesWithout = new TreeMap<>();

  /** @param cannotCompute each optional column (as the format names it) with what is lost without it */
  public OptionalColumns(Map<String, String> cannotCompute) {
    this.cannotCompute = new LinkedHashMap<>(cannotCompute);
  }

  /** Records which optional columns {@code file} lacks; {@code has} tells whether the file has a column. */
  public void check(String file, Predicate<String> has) {
    cannotCompute.keySet().forEach(column -> {
      if (!has.test(column)) filesWithout.computeIfAbsent(column, c -> new ArrayList<>()).add(file);
    });
  }

  /** The optional columns some checked file lacks, by column name, each with the files without it. */
  public List<MissingColumn> missing() {
    List<MissingColumn> missing = new ArrayList<>();
    filesWithout.forEach((column, files) -> missing.add(new MissingColumn(column, cannotCompute.get(column), files)));
    return missing;
  }
}
