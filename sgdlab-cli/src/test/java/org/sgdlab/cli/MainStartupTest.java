package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main registers only the subcommand it needs (start-up); the result must be the same as with all of them. */
class MainStartupTest {

    private static String[] run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void subcommandKeysAreTheAnnotatedNames() {
        for (Map.Entry<String, Supplier<Object>> e : Main.SUBCOMMANDS.entrySet()) {
            Command c = e.getValue().get().getClass().getAnnotation(Command.class);
            assertEquals(e.getKey(), c.name());
        }
        CommandLine all = Main.commandLine();
        assertEquals(java.util.List.of("list", "check", "train", "solve", "generate", "sweep", "help"),
                java.util.List.copyOf(all.getSubcommands().keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "list optimizers", "list --help", "check --help", "train --help", "solve --help",
        "generate --help", "sweep --help", "list bogus", "check --no-such-option", "--help", "--version", "help list", "nosuch"})
    void lazyRegistrationGivesTheSameOutput(String line) {
        String[] args = line.split(" ");
        String[] lazy = run(Main.commandLine(args[0]), args);
        String[] full = run(Main.commandLine(), args);
        assertEquals(full[0], lazy[0], "exit code of " + line);
        assertEquals(full[1], lazy[1], "stdout of " + line);
        assertEquals(full[2], lazy[2], "stderr of " + line);
        if (!line.equals("nosuch")) {
            assertTrue(!lazy[1].isEmpty() || !lazy[2].isEmpty());
        }
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertEquals(java.util.List.of("list"), java.util.List.copyOf(Main.commandLine("list").getSubcommands().keySet()));
        assertEquals(7, Main.commandLine("help").getSubcommands().size());
        assertEquals(7, Main.commandLine((String) null).getSubcommands().size());
    }
}
