package org.sgdlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.theory.Budget;
import picocli.CommandLine;

/**
 * A user's hypothesis or sweep, read from a YAML file (docs/specs.md documents every key): the run as {@code sgdlab train}
 * options, the budgets, the reference oracle, the probes, the seeds, the swept values and the prediction. Everything is
 * checked here, before any run starts, and every mistake names the file, the key, the line and what was expected.
 *
 * @param file       the file as given (for messages and provenance)
 * @param text       the file's text (its SHA-256 goes into the provenance)
 * @param name       the hypothesis' id (letters, digits, '.', '_', '-')
 * @param statement  what the user claims, in words (may be empty)
 * @param train      {@code sgdlab train} options without their dashes, in file order
 * @param quickSteps steps T under the quick budget
 * @param fullSteps  steps T under the full budget
 * @param reference  the reference oracle, or null
 * @param probes     the probe columns to record (null: the defaults)
 * @param seeds      the run seeds (null: the check's --seed)
 * @param sweep      swept train options and their values, in file order (each run is one combination)
 * @param prediction the prediction, or null (a sweep without a verdict)
 */
record SpecFile(String file, String text, String name, String statement, Map<String, SpecNode> train, long quickSteps,
            long fullSteps, Reference reference, List<String> probes, SpecNode probesNode, List<Long> seeds,
            Map<String, List<SpecNode>> sweep, SpecPrediction prediction) {

    /** The top-level keys, in the order docs/specs.md documents them. */
    static final List<String> KEYS = List.of("name", "statement", "train", "steps", "reference", "probes", "seeds", "sweep",
            "prediction");

    /** {@code sgdlab train} options a spec sets elsewhere or that do not apply to a spec's runs, with the reason. */
    static final Map<String, String> NOT_IN_TRAIN = notInTrain();

    /**
     * A reference oracle of {@code sgdlab list oracles}.
     *
     * @param entry   the oracle
     * @param options its options (checked against the entry's)
     * @param node    where it was given
     */
    record Reference(OracleEntry entry, Map<String, String> options, SpecNode node) {
    }

    /** Reads and checks {@code file}. */
    static SpecFile read(Path file) throws IOException {
        String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        return parse(file.toString(), text);
    }

    /** Parses and checks {@code text}, reported as file {@code fileName}. */
    static SpecFile parse(String fileName, String text) {
        SpecNode root = SpecNode.parse(fileName, text);
        Map<String, SpecNode> top = root.entries(KEYS);
        for (String required : List.of("name", "train", "steps")) {
            if (!top.containsKey(required)) {
                throw root.error("the key \"" + required + "\" is missing; a spec needs name, train and steps (docs/specs.md)");
            }
        }
        SpecNode nameNode = top.get("name");
        String name = nameNode.text("a name of letters, digits, '.', '_' or '-'").strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw nameNode.error("expected a name of letters, digits, '.', '_' or '-' (it names the report's folder), got \""
                    + name + "\"");
        }
        String statement = top.containsKey("statement") ? top.get("statement").text("the statement in words").strip() : "";
        Set<String> trainOptions = trainOptionNames();
        Map<String, SpecNode> train = top.get("train").entries(null);
        for (Map.Entry<String, SpecNode> e : train.entrySet()) {
            checkTrainKey(e.getKey(), e.getValue(), trainOptions);
        }
        long[] steps = steps(top.get("steps"));
        Reference reference = top.containsKey("reference") ? reference(top.get("reference")) : null;
        List<String> probes = null;
        if (top.containsKey("probes")) {
            probes = new ArrayList<>();
            for (SpecNode p : top.get("probes").items()) {
                probes.add(p.text("a probe name (see `sgdlab train --help`, --probes)").strip());
            }
        }
        List<Long> seeds = null;
        if (top.containsKey("seeds")) {
            seeds = new ArrayList<>();
            for (SpecNode s : top.get("seeds").items()) {
                long v = s.integer(0, "a seed, a whole number >= 0");
                if (seeds.contains(v)) {
                    throw s.error("seed " + v + " is listed twice");
                }
                seeds.add(v);
            }
        }
        Map<String, List<SpecNode>> sweep = new LinkedHashMap<>();
        if (top.containsKey("sweep")) {
            for (Map.Entry<String, SpecNode> e : top.get("sweep").entries(null).entrySet()) {
                String key = e.getKey();
                if (key.equals("seed") || key.equals("seeds")) {
                    throw e.getValue().error("seeds are swept by the top-level key seeds: [1, 2, …]");
                }
                checkTrainKey(key, e.getValue(), trainOptions);
                if (key.equals("hyper")) {
                    throw e.getValue().error("sweep a hyperparameter by its name under hyper is not supported; sweep lr, batch, "
                            + "init-scale, … or write one spec per hyperparameter value");
                }
                List<SpecNode> values = e.getValue().items();
                if (values.isEmpty()) {
                    throw e.getValue().error("expected a non-empty list of values");
                }
                Set<String> seen = new LinkedHashSet<>();
                for (SpecNode v : values) {
                    if (!seen.add(v.text("a value of --" + key).strip())) {
                        throw v.error("the value " + v.text("") + " is listed twice");
                    }
                }
                sweep.put(key, values);
            }
        }
        SpecPrediction prediction = top.containsKey("prediction") ? SpecPrediction.parse(top.get("prediction"), sweep.keySet(),
                reference != null) : null;
        return new SpecFile(fileName, text, name, statement, train, steps[0], steps[1], reference, probes, top.get("probes"),
                seeds, sweep, prediction);
    }

    /** T under {@code budget}. */
    long steps(Budget budget) {
        return budget.pick(quickSteps, fullSteps);
    }

    /** The number of runs: the product of the swept lists' sizes times the number of seeds. */
    long runCount(int seedCount) {
        long n = seedCount;
        for (List<SpecNode> v : sweep.values()) {
            n = n > MAX_RUNS ? n : n * v.size(); // stops growing once above the limit: no overflow
        }
        return n;
    }

    /**
     * The run configurations: the cartesian product of the swept values (the first swept key varying slowest), each with
     * every seed (fastest), numbered from 0 in that order.
     */
    List<SpecRunConfig> configurations(Budget budget, long defaultSeed) {
        List<Long> seedList = seeds != null ? seeds : List.of(defaultSeed);
        if (runCount(seedList.size()) > MAX_RUNS) {
            throw new SpecException(file, "sweep", sweep.isEmpty() ? 0 : sweep.values().iterator().next().get(0).line(),
                    "the sweep has more than " + MAX_RUNS + " runs (the product of its lists' sizes and the seeds); at most "
                            + MAX_RUNS + " are allowed in one spec");
        }
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<SpecNode>> e : sweep.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (SpecNode v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v.text("a value").strip());
                    next.add(m);
                }
            }
            combos = next;
        }
        List<SpecRunConfig> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            for (long seed : seedList) {
                out.add(new SpecRunConfig(out.size(), c, seed, steps(budget)));
            }
        }
        return out;
    }

    /** The largest number of runs one spec may ask for (a typo such as lr: [1e-3, …] × 10⁴ seeds is caught early). */
    static final int MAX_RUNS = 10_000;

    private static long[] steps(SpecNode n) {
        String expected = "a whole number of steps >= 1, or {quick: N, full: M}";
        if (n.isMapping()) {
            Map<String, SpecNode> m = n.entries(List.of("quick", "full"));
            if (!m.containsKey("quick") || !m.containsKey("full")) {
                throw n.error("expected both quick: and full: step counts");
            }
            return new long[] {m.get("quick").integer(1, expected), m.get("full").integer(1, expected)};
        }
        long t = n.integer(1, expected);
        return new long[] {t, t};
    }

    private static Reference reference(SpecNode n) {
        SpecNode nameNode = n;
        Map<String, String> options = new LinkedHashMap<>();
        SpecNode optionsNode = null;
        if (n.isMapping()) {
            Map<String, SpecNode> m = n.entries(List.of("oracle", "options"));
            if (!m.containsKey("oracle")) {
                throw n.error("expected oracle: NAME (any of `sgdlab list oracles`)");
            }
            nameNode = m.get("oracle");
            optionsNode = m.get("options");
        }
        String name = nameNode.text("an oracle of `sgdlab list oracles`").strip();
        List<OracleEntry> all = ListCommand.solveProblems();
        SpecNode at = nameNode;
        OracleEntry entry = all.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> at.error(
                "unknown oracle \"" + name + "\"; expected one of " + all.stream().map(OracleEntry::name).toList()));
        if (optionsNode != null) {
            List<String> known = entry.options().stream().map(OracleEntry.Option::name).toList();
            for (Map.Entry<String, SpecNode> o : optionsNode.entries(known).entrySet()) {
                options.put(o.getKey(), o.getValue().text("the value of option " + o.getKey()).strip());
            }
        }
        return new Reference(entry, options, n);
    }

    /** The names of {@code sgdlab train}'s options without their dashes (from its picocli model: never a second list). */
    static Set<String> trainOptionNames() {
        Set<String> names = new LinkedHashSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    names.add(n.substring(2));
                }
            }
        }
        names.add("hyper");
        names.removeAll(NOT_IN_TRAIN.keySet());
        names.removeAll(List.of("help", "version", "no-header", "no-bias"));
        return names;
    }

    private static void checkTrainKey(String key, SpecNode value, Set<String> trainOptions) {
        String why = NOT_IN_TRAIN.get(key);
        if (why != null) {
            throw value.error(why);
        }
        if (!trainOptions.contains(key)) {
            throw value.error("not an option of `sgdlab train` that a spec can set; expected one of " + String.join(", ",
                    trainOptions));
        }
        if (key.equals("model") && !value.isMapping() && !value.isList()
                && !value.text("linear").strip().equals("linear")) {
            throw value.error("spec runs train the linear model only (networks of --model are not supported in specs yet); "
                    + "expected linear, got \"" + value.text("linear") + "\"");
        }
    }

    private static Map<String, String> notInTrain() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", "the number of steps is the top-level key steps: (one count, or {quick: N, full: M})");
        m.put("epochs", "the number of steps is the top-level key steps: (one count, or {quick: N, full: M})");
        m.put("seed", "the run seeds are the top-level key seeds: [1, 2, …]");
        m.put("reference", "the reference is the top-level key reference: (any oracle of `sgdlab list oracles`)");
        m.put("probes", "the probes are the top-level key probes: [...]");
        m.put("probe", "the probes are the top-level key probes: [...]");
        m.put("out", "the output folder is given on the command line (check --out, sweep --out)");
        m.put("checkpoint-every", "spec runs are not checkpointed");
        m.put("checkpoint-dir", "spec runs are not checkpointed");
        m.put("resume", "spec runs are not checkpointed");
        m.put("mmap", "spec runs hold their data in memory (the reference oracles need it)");
        m.put("probes-per-decade", "spec runs probe 10 times per decade (the built-in claims' grid)");
        m.put("activation", "spec runs train the linear model only");
        m.put("bias", "spec runs train the linear model only");
        m.put("norm", "spec runs train the linear model only");
        m.put("width", "spec runs train the linear model only");
        m.put("matrix", "spec runs train the linear model only");
        m.put("form", "spec runs train the linear model only");
        m.put("log-dir", "spec runs write their own report (check --out, sweep --out)");
        return m;
    }
}
