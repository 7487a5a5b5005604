/**
 * Where the nightly job reads spans from, and the one shape every source returns.
 *
 * <p>{@link io.tracegraph.jobs.source.SpanColumns} is the span contract: the columns (names, order, types), the read
 * window, the peer and extra-attribute lookups, and {@link io.tracegraph.jobs.source.SpanColumns#select}, through
 * which every source maps what it read onto the contract by name. {@link io.tracegraph.jobs.source.SpanRowReader}
 * reads a contract row back by name into the model's parser. A {@link io.tracegraph.jobs.source.SpanSource} plans a
 * day (lists and checks its inputs before any Spark work: {@link io.tracegraph.jobs.source.SourceScan}):
 * {@link io.tracegraph.jobs.source.ArchiveSource} (span archive v1),
 * {@link io.tracegraph.jobs.source.ClickHouseSource} (Parquet exports of the OpenTelemetry Collector's ClickHouse
 * table) and {@link io.tracegraph.jobs.source.TempoSource} (a Grafana Tempo backend);
 * {@link io.tracegraph.jobs.source.FormatDetector} tells them apart when {@code --format} is not given.
 */
package io.tracegraph.jobs.source;
