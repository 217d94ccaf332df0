/**
 * Reporting for sgdlab: claim results and verdicts, run provenance, and their output as JSON
 * ({@link org.sgdlab.report.Json}), CSV ({@link org.sgdlab.report.CsvWriter}), PNG plots
 * ({@link org.sgdlab.report.Plots}, described by {@link org.sgdlab.report.PlotSpec} and its builder, e.g.
 * {@code PlotSpec.logLog("angle.png").title(…).trace("gd").x("step", "step t").y("angle", "angle (rad)").build()}),
 * a terminal table ({@link org.sgdlab.report.VerdictTable}) and an atomic, offline HTML report directory
 * ({@link org.sgdlab.report.ReportWriter}).
 *
 * <p>The data: {@link org.sgdlab.report.ClaimResult} (everything a check produced, with its
 * {@link org.sgdlab.report.Verdict} and the {@link org.sgdlab.report.SourceStatement} it judged) and
 * {@link org.sgdlab.report.Provenance} (version, commit, JVM, seed, parameters, wall time).
 */
package org.sgdlab.report;
