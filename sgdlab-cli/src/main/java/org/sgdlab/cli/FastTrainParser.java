package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sgdlab train}'s arguments parsed without picocli: building picocli's model of train (class initialization,
 * annotations read by reflection, ~45 options) cost ~85 CPU-ms of a ~350 ms run. This parser fills the same
 * {@link TrainCommand}, {@link DataOptions}, {@link GeneratorOptions} and {@link ModelOptions} fields that picocli
 * would, with the same converters ({@link NumberSyntax}, {@link Path#of}), and returns null ("declined") for anything it
 * does not fully understand, after which {@link Main} lets picocli parse as before, so that every message and exit code
 * stays picocli's:
 * <ul>
 * <li>anything picocli refuses: an unknown option or a positional argument, a missing or malformed value, a
 * single-valued option given twice, a bad {@code --blas};</li>
 * <li>the forms left to picocli ({@link #PICOCLI_ONLY}, and below): help and version, {@code --resume} (a resumed run
 * compares its options with picocli's model of the checkpoint's), {@code --}, a token starting with {@code @}
 * (picocli's argument files), a value starting with {@code -} (picocli decides whether it is an option), a flag with an
 * attached value ({@code --mmap=true}), a short option with an attached value ({@code -Hp=3}), and a comma-separated
 * value with an empty element or a quote (picocli's own splitting rules).</li>
 * </ul>
 * Forms handled: {@code --opt value}, {@code --opt=value}, {@code -H key=value}, repeated {@code -H}, {@code --probes},
 * {@code --width} (values accumulate as with picocli), flags, {@code --no-header}/{@code --no-bias}, and Main's
 * {@code --blas} before or after {@code train}. FastTrainParserTest checks against picocli, on random argument vectors,
 * that the fields are equal and that this parser declines wherever picocli errs; and that every option of train's
 * picocli model is either handled here or listed in {@link #PICOCLI_ONLY}.
 */
final class FastTrainParser {
    /** Every option name of {@code sgdlab train} this parser handles (negated forms included). */
    static final Set<String> HANDLED = Set.of(
            // TrainCommand
            "--intercept", "--loss", "--reduction", "--optimizer", "-H", "--hyper", "--lr", "--schedule", "--tau",
            "--sampler", "--batch", "--steps", "--epochs", "--seed", "--init", "--init-scale", "--reference", "--probes",
            "--probe", "--probes-per-decade", "--out", "--log-dir", "--checkpoint-every", "--checkpoint-dir",
            // DataOptions and its GeneratorOptions
            "--data", "--label", "--header", "--no-header", "--generate", "--builtin", "--fashion-dir", "--mmap", "--threads",
            "--n", "--d", "--margin", "--noise", "--data-seed",
            // ModelOptions
            "--model", "--activation", "--bias", "--no-bias", "--norm", "--width", "--matrix", "--form",
            // Main's, inherited by every subcommand
            "--blas");

    /** Option names of train left to picocli: help, version and --resume. */
    static final Set<String> PICOCLI_ONLY = Set.of("-h", "--help", "-V", "--version", "--resume");

    /** The command name this parser handles. */
    static final String COMMAND = "train";

    /**
     * What picocli's CommandSpec gives {@link TrainCommand} besides the option values, when this parser parsed instead:
     * the writers (picocli's console writers), the arguments after {@code train} as given (recorded in checkpoints) and
     * the names of the options that were given (every name of each, as picocli's {@code hasMatchedOption} matches them).
     */
    record Parsed(PrintWriter out, PrintWriter err, List<String> arguments, Set<String> matchedNames) {
        /** True when option {@code name} was given (by any of its names; {@code --no-bias} is a form of {@code --bias}). */
        boolean given(String name) {
            return matchedNames.contains(name);
        }
    }

    private FastTrainParser() {
    }

    /**
     * The train command of {@code args} ({@code [--blas B] train OPTIONS...}) with its fields set as picocli sets them,
     * writing to {@code out} and {@code err}; null when declined (see the class comment; nothing is printed then). Like
     * picocli, a valid {@code --blas} is applied ({@link Main#selectBlas}) while parsing.
     */
    static TrainCommand parse(String[] args, PrintWriter out, PrintWriter err) {
        int i = 0;
        String blas = null;
        // Main's own options before the subcommand: only --blas here (help and version go to picocli)
        while (i < args.length && !args[i].equals(COMMAND)) {
            String a = args[i++];
            if (blas != null) {
                return null; // given twice, or another option
            } else if (a.equals("--blas") && i < args.length && plainToken(args[i])) {
                blas = args[i++];
            } else if (a.startsWith("--blas=") && !a.startsWith("--blas=-")) {
                blas = a.substring("--blas=".length());
            } else {
                return null;
            }
        }
        if (i == args.length || blas != null && Main.selectBlas(blas) != null) {
            return null;
        }
        i++;
        List<String> arguments = List.copyOf(Arrays.asList(args).subList(i, args.length));
        TrainCommand c = newCommand();
        Set<String> given = new HashSet<>();
        while (i < args.length) {
            String token = args[i++];
            if (!token.startsWith("--") && !token.equals("-H")) {
                return null; // a positional argument, a short option with attached value, -h, -V, @file
            }
            int eq = token.startsWith("--") ? token.indexOf('=') : -1;
            boolean attached = eq > 0; // --name=value
            String name = attached ? token.substring(0, eq) : token;
            String canonical = canonical(name);
            if (canonical == null) {
                return null;
            }
            boolean repeatable = canonical.equals("--hyper") || canonical.equals("--probes") || canonical.equals("--width");
            if (!given.add(canonical) && !repeatable) {
                return null; // picocli: "option '--lr' should be specified only once"
            }
            if (isFlag(canonical)) {
                if (attached) {
                    return null; // --mmap=true: left to picocli
                }
                setFlag(c, canonical, !name.startsWith("--no-"));
                continue;
            }
            String value;
            if (attached) {
                value = token.substring(eq + 1);
            } else if (i < args.length) {
                value = args[i++];
            } else {
                return null; // missing value
            }
            if (value.startsWith("-") || !attached && !plainToken(value) || !set(c, canonical, value)) {
                return null;
            }
        }
        Set<String> names = new HashSet<>();
        for (String g : given) {
            names.addAll(names(g));
        }
        c.parsed = new Parsed(out, err, arguments, Set.copyOf(names));
        c.data.err = err;
        return c;
    }

    /** A separate value token picocli passes through unchanged: not an argument file ({@code @name}), not {@code --}. */
    private static boolean plainToken(String value) {
        return !value.startsWith("@") && !value.startsWith("-");
    }

    /** A train command with the mixins picocli would create and the options' default values. */
    private static TrainCommand newCommand() {
        TrainCommand c = new TrainCommand();
        c.data = new DataOptions();
        c.data.sizes = new GeneratorOptions();
        c.models = new ModelOptions();
        // the defaultValue of each @Option (FastTrainParserTest compares them with picocli's)
        c.loss = "squared";
        c.reduction = "mean";
        c.optimizer = "gd";
        c.lr = "auto";
        c.schedule = "constant";
        c.batch = 1;
        c.steps = 10000;
        c.seed = 1;
        c.initScale = 1;
        c.reference = "none";
        c.perDecade = 10;
        c.out = Path.of("sgdlab-out/train");
        return c;
    }

    /** The option's longest name (picocli's {@code longestName()}) for any of its names; null for an unknown name. */
    private static String canonical(String name) {
        switch (name) {
            case "-H":
                return "--hyper";
            case "--probe":
                return "--probes";
            case "--no-header":
                return "--header";
            case "--no-bias":
                return "--bias";
            default:
                return HANDLED.contains(name) ? name : null;
        }
    }

    /** The names picocli's {@code hasMatchedOption} finds option {@code canonical} by (negated forms are not among them). */
    private static List<String> names(String canonical) {
        switch (canonical) {
            case "--hyper":
                return List.of("-H", "--hyper");
            case "--probes":
                return List.of("--probes", "--probe");
            default:
                return List.of(canonical);
        }
    }

    private static boolean isFlag(String canonical) {
        switch (canonical) {
            case "--intercept":
            case "--mmap":
            case "--header":
            case "--bias":
                return true;
            default:
                return false;
        }
    }

    private static void setFlag(TrainCommand c, String canonical, boolean value) {
        switch (canonical) {
            case "--intercept":
                c.intercept = value;
                break;
            case "--mmap":
                c.data.mmap = value;
                break;
            case "--header":
                c.data.header = value;
                break;
            case "--bias":
                c.models.bias = value;
                break;
            default:
                throw new IllegalStateException("not a flag: " + canonical);
        }
    }

    /** Sets option {@code canonical} from {@code value} as picocli's converter would; false where picocli refuses it. */
    private static boolean set(TrainCommand c, String canonical, String value) {
        DataOptions d = c.data;
        GeneratorOptions g = d.sizes;
        ModelOptions m = c.models;
        switch (canonical) {
            case "--blas":
                return Main.selectBlas(value) == null;
            case "--loss":
                c.loss = value;
                return true;
            case "--reduction":
                c.reduction = value;
                return true;
            case "--optimizer":
                c.optimizer = value;
                return true;
            case "--hyper":
                return putHyper(c, value);
            case "--lr":
                c.lr = value;
                return true;
            case "--schedule":
                c.schedule = value;
                return true;
            case "--tau":
                return (c.tau = NumberSyntax.doubleOrNull(value)) != null;
            case "--sampler":
                c.sampler = value;
                return true;
            case "--batch": {
                Integer v = NumberSyntax.intOrNull(value);
                c.batch = v == null ? c.batch : v;
                return v != null;
            }
            case "--steps": {
                Long v = NumberSyntax.longOrNull(value);
                c.steps = v == null ? c.steps : v;
                return v != null;
            }
            case "--epochs":
                return (c.epochs = NumberSyntax.longOrNull(value)) != null;
            case "--seed": {
                Long v = NumberSyntax.longOrNull(value);
                c.seed = v == null ? c.seed : v;
                return v != null;
            }
            case "--init":
                c.init = value;
                return true;
            case "--init-scale": {
                Double v = NumberSyntax.doubleOrNull(value);
                c.initScale = v == null ? c.initScale : v;
                return v != null;
            }
            case "--reference":
                c.reference = value;
                return true;
            case "--probes": {
                List<String> parts = split(value);
                if (parts == null) {
                    return false;
                }
                if (c.probeNames == null) {
                    c.probeNames = new ArrayList<>();
                }
                c.probeNames.addAll(parts);
                return true;
            }
            case "--probes-per-decade": {
                Integer v = NumberSyntax.intOrNull(value);
                c.perDecade = v == null ? c.perDecade : v;
                return v != null;
            }
            case "--out":
                return (c.out = path(value)) != null;
            case "--log-dir":
                return (c.logDir = path(value)) != null;
            case "--checkpoint-every":
                return (c.checkpointEvery = NumberSyntax.longOrNull(value)) != null;
            case "--checkpoint-dir":
                return (c.checkpointDir = path(value)) != null;
            case "--data":
                return (d.file = path(value)) != null;
            case "--label":
                d.label = value;
                return true;
            case "--generate":
                d.generator = value;
                return true;
            case "--builtin":
                d.builtin = value;
                return true;
            case "--fashion-dir":
                return (d.fashionDir = path(value)) != null;
            case "--threads":
                return (d.threads = NumberSyntax.intOrNull(value)) != null;
            case "--n":
                return (g.n = NumberSyntax.intOrNull(value)) != null;
            case "--d":
                return (g.d = NumberSyntax.intOrNull(value)) != null;
            case "--margin":
                return (g.margin = NumberSyntax.doubleOrNull(value)) != null;
            case "--noise":
                return (g.noise = NumberSyntax.doubleOrNull(value)) != null;
            case "--data-seed":
                return (g.dataSeed = NumberSyntax.longOrNull(value)) != null;
            case "--model":
                m.model = value;
                return true;
            case "--activation":
                m.activation = value;
                return true;
            case "--norm":
                m.norm = value;
                return true;
            case "--width":
                return addWidths(m, value);
            case "--matrix":
                m.matrix = value;
                return true;
            case "--form":
                m.form = value;
                return true;
            default:
                return false; // a name in HANDLED without a case here: declined, and FastTrainParserTest fails
        }
    }

    /** {@code -H key=value}: split at the first '=', the value a finite number; later keys replace earlier ones. */
    private static boolean putHyper(TrainCommand c, String value) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return false;
        }
        Double v = NumberSyntax.doubleOrNull(value.substring(eq + 1));
        if (v == null) {
            return false;
        }
        c.hyper.put(value.substring(0, eq), v);
        return true;
    }

    private static boolean addWidths(ModelOptions m, String value) {
        List<String> parts = split(value);
        if (parts == null) {
            return false;
        }
        List<Integer> widths = new ArrayList<>(parts.size());
        for (String p : parts) {
            Integer w = NumberSyntax.intOrNull(p);
            if (w == null) {
                return false;
            }
            widths.add(w);
        }
        if (m.width == null) {
            m.width = new ArrayList<>();
        }
        m.width.addAll(widths);
        return true;
    }

    /** The comma-separated elements of {@code value}; null (left to picocli) for an empty element or a quote. */
    private static List<String> split(String value) {
        if (value.indexOf('"') >= 0) {
            return null;
        }
        String[] parts = value.split(",", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return Arrays.asList(parts);
    }

    /** picocli's Path converter ({@link Path#of}); null where it refuses the text (a NUL character). */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
