/**
 * The claim catalog and its verdict machinery: each claim is an executable statement from a source document (see
 * {@code docs/sources.md}) that builds a setup, runs it, measures, and computes a verdict from the measurement and the
 * theory's prediction.
 *
 * <p>Entry points: {@link org.sgdlab.theory.ClaimCatalog} (every claim in catalog order, {@code byId}, {@code select}),
 * {@link org.sgdlab.theory.Claim} and {@link org.sgdlab.theory.BaseClaim} (what a claim is),
 * {@link org.sgdlab.theory.ClaimContext} (budget, seed, progress; {@code part(k, total)} splits the progress among a
 * check's runs) and {@link org.sgdlab.theory.ResultBuilder} (collects numbers, traces, plots, notes and the source's
 * statement into a {@link org.sgdlab.report.ClaimResult}).
 *
 * <p>One package per claim-id family: {@code min-norm.*} in {@code minnorm}, {@code max-margin.*} in {@code maxmargin},
 * {@code steepest.*} in {@code steepest}, {@code mirror.*} in {@code mirror}, {@code sgd.*} in {@code sgd},
 * {@code gd.*} in {@code gd}, {@code nesterov.*} in {@code nesterov}, {@code adagrad.*} in {@code adagrad}, {@code bn.*} in
 * {@code bn}, {@code eos.*} in {@code eos}. Each holds
 * one registry, {@code XxxClaims.all()}, which {@code ClaimCatalog} collects. This package also holds what several
 * families share: {@link org.sgdlab.theory.Fit} (log-log and semi-log fits), {@link org.sgdlab.theory.Format},
 * {@link org.sgdlab.theory.Traces}, {@link org.sgdlab.theory.LogDomainGradient} (max-margin, steepest),
 * {@link org.sgdlab.theory.StepLoop} and {@link org.sgdlab.theory.Starts} (gd, nesterov, adagrad).
 */
package org.sgdlab.theory;
