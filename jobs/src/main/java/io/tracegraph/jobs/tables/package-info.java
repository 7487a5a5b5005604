/**
 * Every table the nightly job writes, each as a list of column descriptors ({@link io.tracegraph.jobs.tables.Table},
 * {@link io.tracegraph.jobs.tables.TableColumn}): name, Spark type, nullability, how the value is read from the model
 * and how a stored value is read back. The schema, the rows and the reading of stored rows all come from that one
 * list, so a column is added in one place and can never be written in one order and read in another.
 *
 * <p>One class per table where rows are read back ({@link io.tracegraph.jobs.tables.EdgesTable},
 * {@link io.tracegraph.jobs.tables.ServicesTable}, {@link io.tracegraph.jobs.tables.OperationsTable},
 * {@link io.tracegraph.jobs.tables.EntryPointsTable}, {@link io.tracegraph.jobs.tables.TotalsTable}: the traffic
 * tables, which rollups and the diff restore; {@link io.tracegraph.jobs.tables.TrafficTables} converts a whole
 * summary), {@link io.tracegraph.jobs.tables.LinksTable} and {@link io.tracegraph.jobs.tables.AnalysisTables} for
 * the write-only ones, column groups that recur ({@link io.tracegraph.jobs.tables.LatencyColumns},
 * {@link io.tracegraph.jobs.tables.TimelineColumns}), and {@link io.tracegraph.jobs.tables.TableCatalog}: all tables
 * in order and their version ("tables vN", pinned by {@code golden/tables-vN.txt} and documented in
 * {@code docs/tables.md}).
 */
package io.tracegraph.jobs.tables;
