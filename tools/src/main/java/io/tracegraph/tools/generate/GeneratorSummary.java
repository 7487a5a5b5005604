package io.tracegraph.tools.generate;

import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code ROOT/_generator/summary.json}: what the generator put in each day of the archive, keys sorted, pretty.
 * {@code per_day.D} holds the counters of {@link DayCounter} for day D (rows and spans by partition, traces by their
 * earliest span), the run that wrote it and the skewed host. A run replaces the entries of the days it generates
 * and keeps the others, like the dynamic partition overwrite of the Parquet outputs; the top-level {@code days},
 * {@code traces_per_day}, {@code spans_written_per_day}, {@code rows_written_per_day}, {@code imperfections} and
 * {@code injected_errors} are then recomputed over every day in the file. {@code seed} and
 * {@code imperfections_mode} at the top are those of the latest run.
 */
final class GeneratorSummary {
  static final int FORMAT_VERSION = 1;

  private GeneratorSummary() {}

  /** The entry of one generated day. */
  static Map<String, Object> dayEntry(GeneratorOptions options, GenerationPlan plan, long[] counts, long epochDay) {
    Map<String, Object> day = new TreeMap<>();
    for (DayCounter tally : DayCounter.values()) {
      if (tally.injectedPattern() && plan.perturbations().patterns().isEmpty()) continue;
      put(day, tally.key(), counts[tally.ordinal()]);
    }
    day.put("seed", options.seed());
    day.put("imperfections_mode", options.imperfections().cliName());
    Map<String, Object> run = new TreeMap<>();
    run.put("first_day", options.firstDay().toString());
    run.put("days", options.days());
    run.put("spans", options.spans());
    run.put("normal_traces_per_day", plan.tracesPerDay());
    day.put("run", run);
    if (!plan.perturbations().isEmpty()) day.put("perturbations", plan.perturbations().describe());
    if (plan.realistic()) {
      Map<String, Object> skew = new TreeMap<>();
      skew.put("host", ShopWorld.skewedHost());
      skew.put("millis", TraceSynthesizer.skewNanos(options.seed(), epochDay) / 1_000_000L);
      day.put("clock_skew", skew);
    }
    return day;
  }

  /** The whole file: {@code previousPerDay} (may be empty) with {@code newPerDay} replacing its days. */
  static Map<String, Object> merge(Map<String, Object> previousPerDay, Map<String, Object> newPerDay,
                                   GeneratorOptions options) {
    Map<String, Object> perDay = new TreeMap<>(previousPerDay);
    perDay.putAll(newPerDay);
    Map<String, Object> summary = new TreeMap<>();
    summary.put("format_version", FORMAT_VERSION);
    summary.put("seed", options.seed());
    summary.put("imperfections_mode", options.imperfections().cliName());
    summary.put("days", new ArrayList<>(perDay.keySet()));
    Map<String, Object> traces = new TreeMap<>();
    Map<String, Object> spans = new TreeMap<>();
    Map<String, Object> rows = new TreeMap<>();
    Map<String, Object> imperfections = new TreeMap<>();
    Map<String, Object> errors = new TreeMap<>();
    perDay.forEach((date, value) -> {
      Map<?, ?> day = (Map<?, ?>) value;
      traces.put(date, day.get("traces"));
      spans.put(date, day.get("spans_written"));
      rows.put(date, day.get("rows_written"));
      addInto(imperfections, (Map<?, ?>) day.get("imperfections"));
      addInto(errors, (Map<?, ?>) day.get("injected_errors"));
    });
    summary.put("traces_per_day", traces);
    summary.put("spans_written_per_day", spans);
    summary.put("rows_written_per_day", rows);
    summary.put("imperfections", imperfections);
    summary.put("injected_errors", errors);
    summary.put("per_day", perDay);
    summary.put("rates", rates());
    summary.put("mean_spans_per_trace", Math.round(ShopWorld.meanSpansPerTrace() * 100) / 100.0);
    return summary;
  }

  /** The documented rates of {@link Imperfections}, so the file explains its own counts. */
  static Map<String, Object> rates() {
    Map<String, Object> rates = new TreeMap<>();
    rates.put("lost_span_per_span", Imperfections.LOST_SPAN_RATE);
    rates.put("duplicate_row_per_span", Imperfections.DUPLICATE_ROW_RATE);
    rates.put("respelled_row_per_span_and_spelling", Imperfections.RESPELLED_ROW_RATE);
    rates.put("invalid_row_per_span_and_reason", Imperfections.INVALID_ROW_RATE);
    rates.put("service_missing_per_span", Imperfections.SERVICE_MISSING_RATE);
    rates.put("broken_propagation_per_recommendation_request", Imperfections.BROKEN_PROPAGATION_RATE);
    rates.put("crossing_midnight_per_trace", Imperfections.CROSSING_MIDNIGHT_RATE);
    rates.put("clock_skew_millis", List.of(Imperfections.SKEW_MIN_MILLIS, Imperfections.SKEW_MAX_MILLIS));
    rates.put("injected_error_per_trace", Imperfections.ERROR_TRACE_RATE);
    return rates;
  }

  /** Reads {@code per_day} of an existing summary, or an empty map when there is none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readPerDay(Path file, Configuration conf) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    if (!fs.exists(file)) return new TreeMap<>();
    try (InputStream in = fs.open(file)) {
      Map<String, Object> existing = Json.mapper().readValue(in, Map.class);
      Object perDay = existing.get("per_day");
      return perDay instanceof Map<?, ?> m ? sorted((Map<String, Object>) m) : new TreeMap<>();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return new TreeMap<>(); // an unreadable summary is replaced, not merged
    }
  }

  /** Writes the file next to its final place, then renames it over the old one. */
  static void write(Path file, Configuration conf, Map<String, Object> summary) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    fs.mkdirs(file.getParent());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(Json.write(summary).getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(file) && !fs.delete(file, false)) throw new IOException("cannot replace " + file);
    if (!fs.rename(tmp, file)) throw new IOException("cannot rename " + tmp + " to " + file);
  }

  static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** Puts {@code value} at a dotted path, creating the nested maps. */
  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> map, String dottedKey, Object value) {
    int dot = dottedKey.indexOf('.');
    if (dot < 0) {
      map.put(dottedKey, value);
      return;
    }
    Map<String, Object> inner = (Map<String, Object>) map.computeIfAbsent(dottedKey.substring(0, dot),
        k -> new TreeMap<String, Object>());
    put(inner, dottedKey.substring(dot + 1), value);
  }

  /** Adds the numbers of {@code from} into {@code into}, recursively. */
  @SuppressWarnings("unchecked")
  private static void addInto(Map<String, Object> into, Map<?, ?> from) {
    if (from == null) return;
    from.forEach((k, v) -> {
      String key = (String) k;
      if (v instanceof Map<?, ?> m) {
        addInto((Map<String, Object>) into.computeIfAbsent(key, x -> new TreeMap<String, Object>()), m);
      } else if (v instanceof Number n) {
        into.merge(key, n.longValue(), (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sorted(Map<String, Object> map) {
    Map<String, Object> result = new TreeMap<>();
    map.forEach((k, v) -> result.put(k, v instanceof Map<?, ?> m ? sorted((Map<String, Object>) m) : v));
    return result;
  }
}
