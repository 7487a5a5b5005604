/**
 * The Spark side of tracegraph: the jobs and their command line. The pure logic lives in {@code model/} (trace trees,
 * link rules, analyses; no Spark) and {@code reports/} (rendering and graph analytics; no Spark); this module reads
 * spans, runs that logic in Spark and writes the results.
 *
 * <p>A map, in the order a night runs:
 * <ul>
 *   <li>{@link io.tracegraph.jobs.cli}: the {@code tracegraph} command line ({@code TracegraphCli}) and the options
 *       every command shares (picocli mixins).</li>
 *   <li>{@link io.tracegraph.jobs.source}: where spans come from (span archive v1, ClickHouse exports, Tempo) and the
 *       one span contract every source returns.</li>
 *   <li>{@link io.tracegraph.jobs.archive}: span archive v1 itself, tracegraph's input format: its schema, its
 *       files, and the one writer of them (used by the importer, the generator and the benchmarks).</li>
 *   <li>{@link io.tracegraph.jobs.importer}: {@code tracegraph import}: span files of other tools into the archive.</li>
 *   <li>{@link io.tracegraph.jobs.nightly}: {@code tracegraph nightly}: plan, analyse, write one day.</li>
 *   <li>{@link io.tracegraph.jobs.tables}: every output table as a list of columns, from which its schema, its rows
 *       and their reading back come.</li>
 *   <li>{@link io.tracegraph.jobs.io}: where the outputs live ({@code OutputLayout}) and how they are written
 *       atomically.</li>
 *   <li>{@link io.tracegraph.jobs.report}: the day's HTML and graph reports, the previous day they are compared with,
 *       and the index of all reports.</li>
 *   <li>{@link io.tracegraph.jobs.rollup}, {@link io.tracegraph.jobs.capacity}, {@link io.tracegraph.jobs.sql}: the
 *       commands that read the daily tables back: rollups of ranges, the capacity report, SQL over the tables.</li>
 * </ul>
 * The sample-data generator and the benchmark commands are in the {@code tools} module, not in the spark-submit jar.
 */
package io.tracegraph.jobs;
