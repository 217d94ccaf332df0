package org.sgdlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdlab.data.Dataset;
import org.sgdlab.report.CsvWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sgdlab generate`: write a built-in data set as CSV (header x1..xd,y), e.g. to feed `sgdlab train --data`. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a generated data set to a CSV file with header x1,…,xd,y.",
            "  separable   Gaussian points labelled ±1, separable through the origin with a margin",
            "  regression  under-determined least squares (d > n)",
            "  seed-exp1   seed 001 experiment 1 (100 points in 2-D, numpy seed 42, bit for bit)"},
        footer = {"", "Example:", "  sgdlab generate regression --n 40 --d 200 --out X.csv"})
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "separable, regression or seed-exp1")
    String name;

    @Mixin
    GeneratorOptions sizes;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritable(out); // before generating: a bad --out fails at once
        Dataset data = sizes.generate(name);
        AtomicFiles.write(out, w -> {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < data.d(); j++) {
                line.append('x').append(j + 1).append(',');
            }
            w.append(line).append("y\n");
            for (int i = 0; i < data.n(); i++) {
                line.setLength(0);
                for (int j = 0; j < data.d(); j++) {
                    line.append(CsvWriter.format(data.x().get(i, j))).append(',');
                }
                w.append(line).append(CsvWriter.format(data.y()[i])).append('\n');
            }
        });
        spec.commandLine().getOut().println("wrote " + data.n() + " × " + data.d() + " (+ label y) to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
