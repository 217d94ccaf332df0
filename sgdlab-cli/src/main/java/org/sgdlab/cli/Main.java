package org.sgdlab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.linalg.Gemm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The sgdlab command line. Exit codes: 0 when everything held / succeeded, 1 when a check failed
 * (or a run diverged), 2 for bad usage or bad input.
 */
@Command(name = "sgdlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stochastic gradient methods and the theory of what they converge to.",
            "Run `sgdlab check` to see each claim of the theory beside a real run's measurement and a verdict."},
        footer = {"", "Exit codes: 0 all claims hold / success, 1 a check failed or a run diverged, 2 bad usage or input."})
public final class Main implements Runnable {
    /** Exit code for a failed check or a diverged run. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    /**
     * The subcommands, in the order the usage lists them, each built only when needed: picocli builds the model of every
     * registered subcommand (reflection over all their options) before parsing, which was a third of the start-up of a
     * short command such as {@code sgdlab list}. {@link #main} therefore registers only the subcommand named by the first
     * argument when there is one; usage, {@code help} and unknown commands get all of them.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** System property that turns {@link FastTrainParser} off when set to {@code picocli} (for comparisons). */
    static final String PARSER_PROPERTY = "sgdlab.parser";

    /** Environment variable with the default of {@code --blas} (the {@code sgdlab} launcher reads it too). */
    static final String BLAS_ENV = "SGDLAB_BLAS";

    /**
     * {@code --blas java|openblas}, before or after the subcommand: the matrix-product backend of core's {@link Gemm}
     * (network layers), set through {@code -Dsgdlab.blas} before the first product and named in every output's
     * provenance ({@link Gemm#describe()}). openblas needs module sgdlab-blas and its natives on the class path, which
     * the {@code sgdlab} launcher adds only when asked; without them this is a usage error, not a silent fallback.
     */
    @Option(names = "--blas", paramLabel = "java|openblas", scope = ScopeType.INHERIT,
            description = {"Matrix-product backend for network layers: java (default: the same bits on every machine and "
                    + "thread count) or openblas (native OpenBLAS, bits depend on the CPU; needs sgdlab-blas on the class "
                    + "path, which ./sgdlab adds). Default: $" + BLAS_ENV + ", else java. Recorded in the provenance."})
    void setBlas(String name) {
        String problem = selectBlas(name);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }

    /**
     * Selects GEMM backend {@code name} ("java" or "openblas") by setting {@code -Dsgdlab.blas}; returns null on
     * success, else why not (then nothing is changed when the backend's classes are missing).
     */
    static String selectBlas(String name) {
        String wanted = name.trim();
        if (!wanted.equals("java") && !wanted.equals("openblas")) {
            return "--blas must be java or openblas, got \"" + name + "\"";
        }
        if (wanted.equals("openblas")) {
            try {
                Class.forName("org.sgdlab.blas.OpenBlasGemm", false, Main.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return "--blas openblas: module sgdlab-blas is not on the class path; run through ./sgdlab, which adds "
                        + "it and its OpenBLAS natives when asked (./sgdlab --blas openblas ... or " + BLAS_ENV + "=openblas)";
            }
        }
        String before = System.getProperty(Gemm.BACKEND_PROPERTY);
        System.setProperty(Gemm.BACKEND_PROPERTY, wanted);
        if (!Gemm.backend().name().equals(wanted)) {
            if (before == null) {
                System.clearProperty(Gemm.BACKEND_PROPERTY);
            } else {
                System.setProperty(Gemm.BACKEND_PROPERTY, before);
            }
            return "--blas " + wanted + ": the backend in use is " + Gemm.describe()
                    + " (the backend is chosen once per process, at the first matrix product)";
        }
        return null;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("list", ListCommand::new);
        m.put("check", CheckCommand::new);
        m.put("train", TrainCommand::new);
        m.put("solve", SolveCommand::new);
        m.put("generate", GenerateCommand::new);
        m.put("sweep", SweepCommand::new);
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line with every subcommand (used by tests with their own writers). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The configured command line with only the subcommand {@code only}, or with all of them and {@code help} when
     * {@code only} is null or not a subcommand name.
     */
    static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new Main());
        boolean one = only != null && SUBCOMMANDS.containsKey(only);
        for (Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
            if (!one || e.getKey().equals(only)) {
                cl.addSubcommand(e.getKey(), e.getValue().get());
            }
        }
        if (!one) {
            // `sgdlab help CMD` names no subcommand first, so it always gets them all; a run of one subcommand does not
            // need the help command's model (another picocli interpreter and its converters)
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        // Handlers and converters are set after the subcommands are added: picocli copies them to the subcommands present now.
        NumberConverters.register(cl);
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return runLast.execute(parseResult);
            } catch (OutOfMemoryError e) {
                // the heap is exhausted: drop what can be dropped before printing, then one line with the way out
                CommandLine sub = parseResult.subcommand() != null ? parseResult.subcommand().commandSpec().commandLine() : cl;
                sub.getErr().println("sgdlab: error: " + outOfMemoryMessage(sub.getCommandSpec().qualifiedName()));
                sub.getErr().flush();
                return EXIT_USAGE;
            }
        });
        return withErrorHandling(cl);
    }

    /**
     * Installs sgdlab's error handling on {@code cl} and the subcommands it has now: bad input (a data format, an illegal
     * argument, a usage or I/O error) prints one "sgdlab: error:" line and exits {@value #EXIT_USAGE}; a diverging run
     * prints its step and step size and exits {@value #EXIT_FAILED}; a bad option prints the error and where to get help.
     */
    public static CommandLine withErrorHandling(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handleExecutionException(ex, line.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("sgdlab: error: " + ex.getMessage());
            c.getErr().println("Try `" + c.getCommandSpec().qualifiedName() + " --help`.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * sgdlab's answer to exception {@code ex} of a command, printed on {@code err}: bad input (a data format, an illegal
     * argument, a usage or I/O error) is one "sgdlab: error:" line and exit {@value #EXIT_USAGE}; a diverging run its
     * step and step size and exit {@value #EXIT_FAILED}; anything else is rethrown.
     */
    static int handleExecutionException(Exception ex, PrintWriter err) throws Exception {
        if (ex instanceof DataFormatException || ex instanceof IllegalArgumentException || ex instanceof UsageException) {
            err.println("sgdlab: error: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (ex instanceof java.io.IOException io) {
            err.println("sgdlab: error: " + IoMessages.describe(io));
            return EXIT_USAGE;
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            err.println("sgdlab: error: " + IoMessages.describe(io.getCause()));
            return EXIT_USAGE;
        }
        if (ex instanceof org.sgdlab.train.DivergenceException) {
            err.println("sgdlab: " + ex.getMessage());
            return EXIT_FAILED;
        }
        throw ex;
    }

    /**
     * Runs {@code train}, parsed by {@link FastTrainParser}, as picocli's {@code execute} with {@link #commandLine}'s
     * handlers would: its exit code; an exception handled by {@link #handleExecutionException}, else its stack trace
     * on {@code err} and exit 1 (picocli's default), an OutOfMemoryError the advice of {@link #outOfMemoryMessage}.
     */
    static int executeTrain(TrainCommand train, PrintWriter err) {
        try {
            return train.call();
        } catch (OutOfMemoryError e) {
            err.println("sgdlab: error: " + outOfMemoryMessage("sgdlab " + FastTrainParser.COMMAND));
            err.flush();
            return EXIT_USAGE;
        } catch (Exception ex) {
            try {
                return handleExecutionException(ex, err);
            } catch (Exception unhandled) {
                java.io.StringWriter trace = new java.io.StringWriter();
                unhandled.printStackTrace(new PrintWriter(trace));
                err.print(trace);
                err.flush();
                return EXIT_FAILED;
            }
        }
    }

    /**
     * A writer on {@code stream} as picocli 4.7 makes its default ones: buffered, flushed at each line, in the charset of
     * system property {@code encodingProperty} (sun.stdout.encoding or sun.stderr.encoding; cp65001 is UTF-8), else the
     * JVM's default charset.
     */
    static PrintWriter consoleWriter(java.io.OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        java.nio.charset.Charset charset = java.nio.charset.Charset.defaultCharset();
        if (name != null) {
            try {
                charset = java.nio.charset.Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (Exception e) {
                // picocli falls back to the default charset too
            }
        }
        return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, charset)), true);
    }

    /**
     * The advice printed when the JVM runs out of heap: the limit it had and how to raise it (the launcher passes
     * {@code SGDLAB_JAVA_OPTS} to java).
     */
    static String outOfMemoryMessage(String command) {
        long max = Runtime.getRuntime().maxMemory();
        return "out of memory in `" + command + "`: the Java heap may grow to " + Sizes.bytes(max) + " and this needs more; "
                + "give the JVM more memory, e.g. SGDLAB_JAVA_OPTS=-Xmx" + Sizes.suggestedHeapGigabytes(2 * max) + "g ./sgdlab … "
                + "(or java -Xmx… -jar sgdlab.jar …), or use smaller data (for a large --data file, --mmap)";
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        String env = System.getenv(BLAS_ENV);
        if (env != null && !env.isBlank() && System.getProperty(Gemm.BACKEND_PROPERTY) == null) {
            String problem = selectBlas(env);
            if (problem != null) {
                System.err.println("sgdlab: error: " + BLAS_ENV + "=" + env + ": " + problem);
                System.exit(EXIT_USAGE);
            }
        }
        if (args.length > 0 && args[0].equals("train") && !asksForHelp(args)) {
            // a linear run's report has plots: their one-time set-up (Java2D, the glyph table; ~0.15 s in a fresh JVM)
            // starts on the second core now, while this one parses and reads the data (startWarmUp is idempotent:
            // TrainCommand's call gets the same thread; the report's rendering threads wait for it, the writing thread
            // does not)
            org.sgdlab.report.Plots.startWarmUp();
        }
        // train without picocli's model when the fast parser understands every argument; else (or with
        // -Dsgdlab.parser=picocli) picocli parses, as always
        PrintWriter err = consoleWriter(System.err, "sun.stderr.encoding");
        TrainCommand train = "picocli".equals(System.getProperty(PARSER_PROPERTY)) ? null
                : FastTrainParser.parse(args, consoleWriter(System.out, "sun.stdout.encoding"), err);
        System.exit(train != null ? executeTrain(train, err) : commandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    private static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    /** Bad usage detected after parsing (e.g. two mutually exclusive inputs). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
