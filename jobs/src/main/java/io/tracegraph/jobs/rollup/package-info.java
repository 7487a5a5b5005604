/**
 * {@code tracegraph rollup}: the traffic tables of a range of days, from the daily tables alone (every stored row is
 * turned back into its mergeable state by the table's columns, the days merged, the result written like a day).
 */
package io.tracegraph.jobs.rollup;
