package org.sgdlab.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.catalog.OptimizerEntry;
import org.sgdlab.kernels.KernelSpecs;
import org.sgdlab.oracles.OracleCatalog;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `sgdlab list [claims|optimizers|oracles|models|kernels]`: the claim, optimizer, oracle, model or kernel catalog, one line per entry. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List what sgdlab has, one line each:",
            "  claims      the claims `sgdlab check` can run: id, statement, source (default)",
            "  optimizers  the optimizers `sgdlab train --optimizer` accepts: name, update rule, hyperparameters with defaults, source",
            "  oracles     the reference solvers `sgdlab solve` runs: name, problem, labels, options with defaults, source",
            "  models      the models `sgdlab train --model` accepts: syntax, what it is, parameters, homogeneity degree, source",
            "  kernels     the kernels `sgdlab solve --kernel` accepts: spec with defaults, formula, source",
            "`sgdlab list claims --spec ID` prints built-in claim ID as a spec file for `sgdlab check --spec` and `sgdlab sweep` "
                + "(claims whose setup a spec can express: " + ClaimSpecs.EXPORTABLE_TEXT + ")."})
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", description = "claims, optimizers, oracles, models or kernels "
            + "(default: ${DEFAULT-VALUE})",
            defaultValue = "claims")
    String what;

    @CommandLine.Option(names = "--spec", paramLabel = "ID", description = "With claims: print claim ID as a spec file (YAML) "
            + "to start your own hypothesis from.")
    String exportId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (exportId != null) {
            if (!what.equals("claims")) {
                throw new Main.UsageException("--spec exports a claim: `sgdlab list claims --spec ID`, not list " + what);
            }
            out.print(ClaimSpecs.export(exportId));
            out.flush();
            return 0;
        }
        switch (what) {
            case "claims":
                listClaims(out);
                break;
            case "optimizers":
                listOptimizers(out);
                break;
            case "oracles":
                listOracles(out);
                break;
            case "models":
                listModels(out);
                break;
            case "kernels":
                listKernels(out);
                break;
            default:
                throw new Main.UsageException("list claims, optimizers, oracles, models or kernels, not \"" + what + "\"");
        }
        out.flush();
        return 0;
    }

    private static void listClaims(PrintWriter out) {
        int w = ClaimCatalog.all().stream().mapToInt(c -> c.id().length()).max().orElse(0);
        for (Claim c : ClaimCatalog.all()) {
            out.printf("%-" + w + "s  %s  [%s]%n", c.id(), c.title(), c.source());
        }
    }

    /** 0, 0.9, 1e-08 … : the shortest faithful form of a default. */
    static String compact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace(".0E", "e").replace("E", "e");
    }

    private static void listModels(PrintWriter out) {
        int w = ModelOptions.KINDS.stream().mapToInt(k -> k.syntax().length()).max().orElse(0);
        for (ModelOptions.Kind k : ModelOptions.KINDS) {
            out.printf("%-" + w + "s  %s  {parameters: %s; homogeneity: %s}  [%s]%n", k.syntax(), k.description(), k.parameters(),
                    k.homogeneity(), k.source());
        }
    }

    private static void listKernels(PrintWriter out) {
        int w = KernelSpecs.KINDS.stream().mapToInt(k -> k.syntax().length()).max().orElse(0);
        for (KernelSpecs.Kind k : KernelSpecs.KINDS) {
            out.printf("%-" + w + "s  %s  [%s]%n", k.syntax(), k.description(), k.source());
        }
    }

    private static void listOptimizers(PrintWriter out) {
        int w = OptimizerCatalog.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (OptimizerEntry e : OptimizerCatalog.all()) {
            StringBuilder hp = new StringBuilder("lr");
            for (Map.Entry<String, Double> kv : e.hyperparameters().entrySet()) {
                hp.append(", ").append(kv.getKey());
                if (!Double.isNaN(kv.getValue())) {
                    hp.append('=').append(compact(kv.getValue()));
                }
            }
            out.printf("%-" + w + "s  %s  {%s}  [%s]%n", e.name(), e.formula(), hp, e.source());
        }
    }

    /** Every problem `sgdlab solve` runs: the oracle catalog, then the kernel oracles (module sgdlab-kernels). */
    static java.util.List<OracleEntry> solveProblems() {
        java.util.List<OracleEntry> all = new java.util.ArrayList<>(OracleCatalog.all());
        all.addAll(org.sgdlab.kernels.KernelOracleCatalog.all());
        return all;
    }

    private static void listOracles(PrintWriter out) {
        java.util.List<OracleEntry> all = solveProblems();
        int w = all.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (OracleEntry e : all) {
            StringBuilder opts = new StringBuilder();
            for (OracleEntry.Option o : e.options()) {
                opts.append(opts.length() == 0 ? "" : ", ").append(o.name());
                if (o.defaultValue() != null) {
                    opts.append('=').append(o.defaultValue());
                }
            }
            out.printf("%-" + w + "s  %s (%s)  {%s}  [%s]%n", e.name(), e.problem(), e.labels().description(), opts,
                    e.source());
        }
    }
}
