/**
 * The day's reports beside its tables: graph.json, graph.dot, graph.graphml, graph.mmd, diff.json and index.html
 * ({@link io.tracegraph.jobs.report.DayReportWriter}, a full day or a links-only one), the previous available day
 * they are compared with ({@code PreviousDay}, {@code PreviousTraffic}), and {@code OUT/reports/index.html}, the list
 * of every day and capacity report ({@link io.tracegraph.jobs.report.ReportsIndex}). The rendering itself is in the
 * {@code reports} module.
 */
package io.tracegraph.jobs.report;
