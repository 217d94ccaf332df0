package org.sgdlab.cli;

import java.io.PrintWriter;
import org.sgdlab.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The sgdlab command line. Exit codes: 0 when everything held / succeeded, 1 when a check failed
 * (or a run diverged), 2 for bad usage or bad input.
 */
@Command(name = "sgdlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stochastic gradient methods and the theory of what they converge to.",
            "Run `sgdlab check` to see each claim of the theory beside a real run's measurement and a verdict."},
        subcommands = {ListCommand.class, CheckCommand.class, TrainCommand.class, SolveCommand.class,
            GenerateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all claims hold / success, 1 a check failed or a run diverged, 2 bad usage or input."})
public final class Main implements Runnable {
    /** Exit code for a failed check or a diverged run. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line (used by tests with their own writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof DataFormatException || ex instanceof IllegalArgumentException || ex instanceof UsageException) {
                err.println("sgdlab: error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof java.nio.file.NoSuchFileException) {
                err.println("sgdlab: error: file not found: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof java.io.IOException) {
                err.println("sgdlab: error: " + ex);
                return EXIT_USAGE;
            }
            if (ex instanceof org.sgdlab.train.DivergenceException) {
                err.println("sgdlab: " + ex.getMessage());
                return EXIT_FAILED;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("sgdlab: error: " + ex.getMessage());
            c.getErr().println("Try `" + c.getCommandSpec().qualifiedName() + " --help`.");
            return EXIT_USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** Bad usage detected after parsing (e.g. two mutually exclusive inputs). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
