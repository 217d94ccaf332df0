package org.sgdlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `sgdlab list`: the claim catalog, one line per claim. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the claims `sgdlab check` can run, one line each: id, source, statement."})
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int w = 0;
        for (Claim c : ClaimCatalog.all()) {
            w = Math.max(w, c.id().length());
        }
        for (Claim c : ClaimCatalog.all()) {
            out.printf("%-" + w + "s  %s  [%s]%n", c.id(), c.title(), c.source());
        }
        out.flush();
        return 0;
    }
}
