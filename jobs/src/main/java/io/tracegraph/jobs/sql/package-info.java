/**
 * {@code tracegraph sql}: Spark SQL over the output tables, each registered as a view named after its folder with
 * its {@code date} partition column ({@link io.tracegraph.jobs.sql.OutputTables}); results printed as a table, CSV
 * or JSON lines, or written as Parquet. The notebooks read the tables through it.
 */
package io.tracegraph.jobs.sql;
