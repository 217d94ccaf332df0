/**
 * Reporting for sgdlab: claim results and verdicts, run provenance, and their output as JSON
 * ({@link org.sgdlab.report.Json}), CSV ({@link org.sgdlab.report.CsvWriter}), PNG plots
 * ({@link org.sgdlab.report.Plots}), a terminal table ({@link org.sgdlab.report.VerdictTable}) and an atomic,
 * offline HTML report directory ({@link org.sgdlab.report.ReportWriter}).
 */
package org.sgdlab.report;
