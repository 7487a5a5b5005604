package io.tracegraph.jobs.sql;

/** How {@code tracegraph sql} prints a result. */
public enum ResultFormat {
  /** Aligned columns for a terminal. */
  TABLE,
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** One JSON object per line. */
  JSON,
  /** A Parquet folder (needs --output). */
  PARQUET
}
