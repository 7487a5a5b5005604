package io.tracegraph.jobs.source;

import java.util.Locale;

/** The span stores the nightly job reads directly ({@code --format}). */
public enum SpanFormat {
  /** Span archive v1: {@code ROOT/date=YYYY-MM-DD/*.parquet} (the default). */
  ARCHIVE,
  /** Parquet exported from the OpenTelemetry Collector's ClickHouse table {@code otel_traces}. */
  CLICKHOUSE,
  /** A Grafana Tempo backend: {@code <tenant>/<blockID>/meta.json + data.parquet}, vParquet4 and vParquet5. */
  TEMPO;

  /** The name used on the command line and in run.json, e.g. {@code tempo}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source that reads this format. */
  public SpanSource source() {
    return switch (this) {
      case ARCHIVE -> new ArchiveSource();
      case CLICKHOUSE -> new ClickHouseSource();
      case TEMPO -> new TempoSource();
    };
  }

  /** Reads {@code archive}, {@code clickhouse} or {@code tempo}, in any case. */
  public static SpanFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + value + "': use archive, clickhouse or tempo");
    }
  }
}
