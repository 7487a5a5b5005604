/**
 * {@code tracegraph capacity}: growth, forecasts and what-if projections from a range of daily traffic tables, read
 * through the {@code tracegraph sql} views; the report itself is computed in the {@code reports} module.
 */
package io.tracegraph.jobs.capacity;
