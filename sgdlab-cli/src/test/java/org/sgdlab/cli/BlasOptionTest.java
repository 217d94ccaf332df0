package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Gemm;

/**
 * The global --blas option: accepted before or after the subcommand, the value checked, and openblas refused with a
 * clear message when sgdlab-blas is not on the class path (as here: the CLI module does not depend on it) instead of
 * silently running the Java kernel.
 */
class BlasOptionTest {
    @Test
    void javaIsAcceptedBeforeAndAfterTheSubcommand() {
        assertEquals(0, CliTest.run("--blas", "java", "list").code());
        CliTest.Result r = CliTest.run("list", "--blas", "java");
        assertEquals(0, r.code(), r.err());
        assertEquals("java", Gemm.backend().name());
    }

    @Test
    void unknownBackendIsAUsageErrorNamingTheValue() {
        CliTest.Result r = CliTest.run("list", "--blas", "mkl");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--blas must be java or openblas, got \"mkl\""), r.err());
    }

    @Test
    void openblasWithoutTheModuleIsAUsageErrorAndChangesNothing() {
        String before = System.getProperty(Gemm.BACKEND_PROPERTY);
        CliTest.Result r = CliTest.run("--blas", "openblas", "list");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("sgdlab-blas is not on the class path"), r.err());
        assertEquals(before, System.getProperty(Gemm.BACKEND_PROPERTY));
    }
}
