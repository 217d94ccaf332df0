/**
 * The {@code sgdlab} command line (picocli): {@link org.sgdlab.cli.Main} and its subcommands {@code list}
 * ({@link org.sgdlab.cli.ListCommand}), {@code check} ({@link org.sgdlab.cli.CheckCommand}: run the claims, print the
 * verdicts, write the report), {@code train} ({@link org.sgdlab.cli.TrainCommand}), {@code solve}
 * ({@link org.sgdlab.cli.SolveCommand}: the reference solvers) and {@code generate}
 * ({@link org.sgdlab.cli.GenerateCommand}). The numerics live in the library; this package parses options, loads data
 * ({@link org.sgdlab.cli.DataOptions}, {@link org.sgdlab.cli.GeneratorOptions}) and writes output. Exit codes: 0
 * success, 1 a claim failed or a run diverged, 2 bad usage or input.
 */
package org.sgdlab.cli;
