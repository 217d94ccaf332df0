package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link FastTrainParser} against picocli, its reference: on seeded random argument vectors drawn from train's picocli
 * model (every option, every name, {@code --opt v} and {@code --opt=v}, repeats, flags and negated flags, numbers in every
 * syntax NumberConverters knows, {@code --blas} before and after {@code train}, and the forms left to picocli), the fast
 * parser must fill the same fields as picocli wherever picocli parses and no form left to picocli occurs, and decline
 * everywhere else; and every option of train's model must be handled or listed as picocli's.
 */
class FastTrainParserTest {
    private static final int VECTORS = 500;

    /** picocli's model of `sgdlab train`, as Main builds it (converters, the inherited --blas). */
    private static CommandSpec trainModel() {
        return Main.commandLine("train").getSubcommands().get("train").getCommandSpec();
    }

    @Test
    void everyOptionOfTrainIsHandledOrLeftToPicocli() {
        CommandSpec spec = trainModel();
        Set<String> modelNames = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            modelNames.addAll(List.of(o.names()));
        }
        modelNames.addAll(spec.negatedOptionsMap().keySet());
        Set<String> unhandled = new TreeSet<>(modelNames);
        unhandled.removeAll(FastTrainParser.HANDLED);
        unhandled.removeAll(FastTrainParser.PICOCLI_ONLY);
        assertEquals(Set.of(), unhandled, "options of train that FastTrainParser neither handles nor lists in PICOCLI_ONLY");
        Set<String> stale = new TreeSet<>(FastTrainParser.HANDLED);
        stale.addAll(FastTrainParser.PICOCLI_ONLY);
        stale.removeAll(modelNames);
        assertEquals(Set.of(), stale, "names FastTrainParser lists that train's model does not have");
        assertEquals(List.of(), spec.positionalParameters(), "train gained positional parameters: FastTrainParser has none");
        // the mixins FastTrainParser creates (a new one would stay null on its side)
        assertEquals(Set.of("data", "models", "mixinStandardHelpOptions"), spec.mixins().keySet());
        assertEquals(Set.of("sizes"), spec.mixins().get("data").mixins().keySet());
        assertEquals(Set.of(), spec.mixins().get("models").mixins().keySet());
    }

    @Test
    void row10sArgumentsAndTheDefaultsAreParsedAsPicocliParsesThem() {
        for (String[] args : List.of(new String[] {"train"}, new String[] {"train", "--data", "seed001.csv", "--label", "y",
            "--loss", "logistic", "--reduction", "sum", "--optimizer", "gd", "--lr", "0.1", "--steps", "5000", "--init",
            "seed-exp1"})) {
            Outcome o = compare(args, false);
            assertNotNull(o.fast, String.join(" ", args));
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, VECTORS);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomArgumentVectorsGiveTheSameFieldsOrAreDeclinedWherePicocliErrs(long seed) {
        Vector v = Vector.draw(trainModel(), new Random(seed));
        compare(v.args(), v.picocliOnly());
    }

    /** The random vectors are not vacuous: many are parsed by both, many refused by picocli, many left to picocli. */
    @Test
    void theRandomVectorsCoverAcceptedRefusedAndPicocliOnlyArguments() {
        int accepted = 0;
        int refused = 0;
        int picocliOnly = 0;
        CommandSpec model = trainModel();
        for (long seed = 0; seed < VECTORS; seed++) {
            Vector v = Vector.draw(model, new Random(seed));
            Outcome o = compare(v.args(), v.picocliOnly());
            accepted += o.fast != null ? 1 : 0;
            refused += o.picocliError != null ? 1 : 0;
            picocliOnly += o.picocliError == null && v.picocliOnly() ? 1 : 0;
        }
        String counts = "accepted " + accepted + ", refused by picocli " + refused + ", left to picocli " + picocliOnly;
        assertTrue(accepted >= VECTORS / 4, counts);
        assertTrue(refused >= VECTORS / 10, counts);
        assertTrue(picocliOnly >= VECTORS / 8, counts);
    }

    /** Both parses of {@code args}. */
    record Outcome(String picocliError, TrainCommand fast) {
    }

    /**
     * Parses {@code args} with picocli and with FastTrainParser and checks: picocli refuses → declined; otherwise accepted
     * unless {@code picocliOnly}, declined if it is; accepted → every field, every option's "given" and the recorded
     * arguments equal.
     */
    static Outcome compare(String[] args, boolean picocliOnly) {
        String line = "[" + String.join("] [", args) + "]";
        CommandLine cl = Main.commandLine("train");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String picocliError = null;
        CommandLine.ParseResult parsed = null;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            picocliError = e.getMessage();
        }
        PrintWriter fastOut = new PrintWriter(new StringWriter());
        PrintWriter fastErr = new PrintWriter(new StringWriter());
        TrainCommand fast = FastTrainParser.parse(args, fastOut, fastErr);
        if (picocliError != null) {
            assertNull(fast, "picocli refuses " + line + " (" + picocliError + ") but FastTrainParser accepted it");
            return new Outcome(picocliError, null);
        }
        if (picocliOnly) {
            assertNull(fast, line + " has a form left to picocli, yet FastTrainParser accepted it");
            return new Outcome(null, null);
        }
        assertNotNull(fast, "picocli parses " + line + " and no form in it is left to picocli, yet FastTrainParser declined");
        CommandLine sub = cl.getSubcommands().get("train");
        TrainCommand reference = sub.getCommand();
        assertSameFields(reference, fast, "train", line);
        CommandLine.ParseResult subResult = parsed.subcommand();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            for (String name : o.names()) {
                assertEquals(subResult.hasMatchedOption(name), fast.given(name), "given(" + name + ") of " + line);
            }
        }
        for (String negated : sub.getCommandSpec().negatedOptionsMap().keySet()) {
            assertEquals(subResult.hasMatchedOption(negated), fast.given(negated), "given(" + negated + ") of " + line);
        }
        assertEquals(reference.recordedArguments(), fast.recordedArguments(), "recorded arguments of " + line);
        assertTrue(fast.out() == fastOut && fast.err() == fastErr && fast.data.err == fastErr, "writers of " + line);
        return new Outcome(null, fast);
    }

    /** Every instance field of {@code a} and {@code b} equal (same class too), the mixins' recursively; picocli's own skipped. */
    private static void assertSameFields(Object a, Object b, String path, String line) {
        for (Field f : a.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                continue;
            }
            Class<?> t = f.getType();
            if (t.getName().startsWith("picocli.") || t == FastTrainParser.Parsed.class || t == PrintWriter.class) {
                continue; // picocli's CommandSpec, and what stands for it in a fast parse (checked apart)
            }
            f.setAccessible(true);
            Object x;
            Object y;
            try {
                x = f.get(a);
                y = f.get(b);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            String where = path + "." + f.getName() + " of " + line;
            if (x != null && y != null && t.getPackageName().equals("org.sgdlab.cli")) {
                assertSameFields(x, y, path + "." + f.getName(), line);
                continue;
            }
            assertEquals(x, y, where);
            assertEquals(x == null ? null : x.getClass(), y == null ? null : y.getClass(), "class of " + where);
        }
    }

    /**
     * A random argument vector of train and whether it holds a form FastTrainParser leaves to picocli (decided here,
     * apart from the parser: help/version, --resume, "--", a token starting with '@', a value starting with '-', a flag
     * with an attached value, -H with an attached value, a comma-separated value with an empty element or a quote).
     * Two kinds: calm vectors (values that convert, at most one form left to picocli, so that each form is met in an
     * otherwise valid vector) and hostile ones (any value of the pools, repeats, junk tokens, missing values).
     */
    record Vector(String[] args, boolean picocliOnly) {
        private static final String[] STRINGS = {"abc", "seed-exp1", "logistic", "mlp:4,4", "a,b", "1", "x=y", "", "\"q\"",
            "-x", "-0.5", "train", "help", "--loss", "-H", "@args.txt", "a b", "é", "--", "none"};
        private static final String[] PATHS = {"out/x", "a b", "/tmp/q", "rel", "x\0y", "", "@file", "-dash", "p=q"};
        private static final String[] WHOLE = {"1", "0", "-3", "1e3", "2.5e3", "1.5", "abc", "99999999999", " 7 ", "1e6",
            "0x10", "NaN", "+4", "", "1E2", "007", "2147483647", "2147483648", "1e99999", "10.0"};
        private static final String[] LONG = {"9223372036854775807", "9223372036854775808", "1e18", "1e19", "-1e3"};
        private static final String[] REAL = {"0.1", "1e-3", "-2", "NaN", "Infinity", "1e400", "1d", "0x1p3", ".5", "5.",
            "abc", "1e99999", "+0", " 2 ", "1e-400", "3", "2.5E+2", "", "1,5"};
        private static final String[] PROBES = {"loss", "norm", "sharpness:every=5", "a b", "é"};
        private static final String[] KEYS = {"p", "beta2", "momentum", "", "lr", "a b"};
        private static final String[] JUNK = {"x", "--nope", "--", "@args.txt", "", "-", "-h", "--help", "-V", "--version",
            "train", "-Hp=1", "-H=p=1", "--lr", "--LR", "-q"};

        static Vector draw(CommandSpec model, Random r) {
            boolean hostile = r.nextInt(3) == 0;
            List<OptionSpec> options = model.options();
            List<String> args = new ArrayList<>();
            boolean[] only = {false};
            if (r.nextInt(5) == 0) {
                addBlas(args, r, hostile);
            }
            args.add("train");
            List<OptionSpec> used = new ArrayList<>();
            int count = r.nextInt(9);
            for (int k = 0; k < count; k++) {
                OptionSpec o;
                if (!used.isEmpty() && r.nextInt(6) == 0) {
                    o = used.get(r.nextInt(used.size())); // a repeat: refused by picocli unless the option takes many values
                    if (!hostile && !o.isMultiValue()) {
                        continue;
                    }
                } else {
                    o = options.get(r.nextInt(options.size()));
                    if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--resume")) {
                        continue; // in specialForm
                    }
                    if (!hostile && used.contains(o) && !o.isMultiValue()) {
                        continue;
                    }
                }
                used.add(o);
                if (o.longestName().equals("--blas")) {
                    addBlas(args, r, hostile);
                    continue;
                }
                addOption(args, o, model, r, hostile, only);
            }
            if (!hostile && r.nextBoolean() || hostile && r.nextInt(4) == 0) {
                only[0] |= addSpecialForm(args, model, r);
            }
            if (hostile && r.nextInt(4) == 0) {
                String junk = JUNK[r.nextInt(JUNK.length)];
                int after = args.indexOf("train") + 1;
                args.add(after + r.nextInt(args.size() - after + 1), junk);
                only[0] |= junk.equals("--") || junk.startsWith("@") || junk.startsWith("-h") || junk.startsWith("--help")
                        || junk.equals("-V") || junk.equals("--version") || junk.startsWith("-Hp") || junk.startsWith("-H=");
            }
            return new Vector(args.toArray(new String[0]), only[0]);
        }

        /** A form left to picocli, at the end or at a random place after "train"; true. */
        private static boolean addSpecialForm(List<String> args, CommandSpec model, Random r) {
            List<String> form = switch (r.nextInt(11)) {
                case 0 -> List.of("--probes", pick(new String[] {"loss,,norm", ",loss", "loss,", "", ","}, r));
                case 1 -> List.of("--probe=" + pick(new String[] {"loss,,norm", ",loss", "loss,", ""}, r));
                case 2 -> List.of("--probes", pick(new String[] {"\"loss,norm\"", "loss,\"q\"", "\"loss\""}, r));
                case 3 -> List.of(pick(new String[] {"--mmap", "--intercept", "--header", "--no-header", "--bias", "--no-bias"}, r)
                        + (r.nextBoolean() ? "=true" : "=false"));
                case 4 -> List.of(r.nextBoolean() ? "-Hp=3" : "-H=p=3");
                case 5 -> r.nextBoolean() ? List.of("--lr", "-0.1") : List.of("--label=-1");
                case 6 -> List.of(r.nextBoolean() ? "--label" : "--data", "@x.csv");
                case 7 -> List.of("--");
                case 8 -> List.of(pick(new String[] {"-h", "--help", "-V", "--version"}, r));
                case 9 -> List.of("--resume", "checkpoint");
                default -> List.of("--width", "2,,3"); // picocli: '' is not a whole number
            };
            int after = args.indexOf("train") + 1;
            int at = form.equals(List.of("--")) ? args.size() : after + r.nextInt(args.size() - after + 1);
            // not inside an option and its value: only before a token that starts with "--" or at the end
            while (at < args.size() && !args.get(at).startsWith("--")) {
                at++;
            }
            args.addAll(at, form);
            return true;
        }

        private static void addBlas(List<String> args, Random r, boolean hostile) {
            String value = !hostile ? (r.nextBoolean() ? "java" : " java") : switch (r.nextInt(6)) {
                case 0 -> "openblas";
                case 1 -> "mkl";
                case 2 -> " java";
                default -> "java";
            };
            if (r.nextBoolean()) {
                args.add("--blas=" + value);
            } else {
                args.add("--blas");
                args.add(value);
            }
        }

        private static void addOption(List<String> args, OptionSpec o, CommandSpec model, Random r, boolean hostile,
                boolean[] only) {
            List<String> names = new ArrayList<>(List.of(o.names()));
            for (Map.Entry<String, OptionSpec> e : model.negatedOptionsMap().entrySet()) {
                if (e.getValue() == o) {
                    names.add(e.getKey());
                }
            }
            String name = names.get(r.nextInt(names.size()));
            if (o.arity().max() == 0) {
                args.add(name);
                return;
            }
            if (hostile && r.nextInt(10) == 0) {
                args.add(name); // the value missing, or the next option taken for it
                return;
            }
            String value = value(o, r, hostile);
            if (r.nextInt(3) == 0) {
                args.add(name + "=" + value);
                only[0] |= !name.startsWith("--"); // -H=k=v
            } else {
                args.add(name);
                args.add(value);
                only[0] |= value.startsWith("@");
            }
            only[0] |= value.startsWith("-") || o.splitRegex().equals(",")
                    && java.util.Arrays.stream(value.split(",", -1)).anyMatch(p -> p.isEmpty() || p.contains("\""));
        }

        private static String value(OptionSpec o, Random r, boolean hostile) {
            Class<?> t = o.type();
            boolean plain = !hostile || r.nextBoolean(); // a value that converts, else any of the pool
            if (Map.class.isAssignableFrom(t)) {
                String key = pick(KEYS, r);
                return hostile && r.nextInt(5) == 0 ? key : key + "=" + (plain ? "0.9" : pick(REAL, r));
            }
            if (List.class.isAssignableFrom(t)) {
                Class<?> element = o.auxiliaryTypes()[0];
                assertEquals(",", o.splitRegex(), o.longestName());
                int n = 1 + r.nextInt(3);
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    parts.add(element == Integer.class ? (plain ? Integer.toString(1 + r.nextInt(9)) : pick(WHOLE, r))
                            : element == String.class ? pick(PROBES, r)
                            : fail("no values for the elements of " + o.longestName() + ": " + element));
                }
                return String.join(",", parts);
            }
            if (t == String.class) {
                return plain ? pick(new String[] {"abc", "seed-exp1", "a,b", "x=y", "", "\"q\"", "a b"}, r) : pick(STRINGS, r);
            }
            if (t == Path.class) {
                return plain ? pick(new String[] {"out/x", "a b", "/tmp/q", ""}, r) : pick(PATHS, r);
            }
            if (t == int.class || t == Integer.class) {
                return plain ? pick(new String[] {"1", "0", "1e3", "2.5e3", " 7 ", "+4", "2147483647", "007"}, r) : pick(WHOLE, r);
            }
            if (t == long.class || t == Long.class) {
                return plain ? pick(new String[] {"5000", "1e18", "9223372036854775807", "0", "1E6"}, r)
                        : r.nextInt(4) == 0 ? pick(LONG, r) : pick(WHOLE, r);
            }
            if (t == double.class || t == Double.class) {
                return plain ? pick(new String[] {"0.1", "1e-3", "3", ".5", "5.", "2.5E+2", "1e-400", " 2 ", "+0"}, r)
                        : pick(REAL, r);
            }
            return fail("no values for option " + o.longestName() + " of type " + t + ": teach FastTrainParserTest its values");
        }

        private static String pick(String[] values, Random r) {
            return values[r.nextInt(values.length)];
        }
    }

    @Test
    void noNameIsBothHandledAndLeftToPicocli() {
        Set<String> all = new HashSet<>(FastTrainParser.HANDLED);
        for (String n : FastTrainParser.PICOCLI_ONLY) {
            assertTrue(all.add(n), n + " is both handled and left to picocli");
        }
    }
}
