package org.sgdlab.theory.rates;

import org.junit.jupiter.api.Test;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

class QuickRunProbe {
    @Test
    void print() {
        String only = System.getProperty("rates.only", "");
        for (Claim c : RateClaims.all()) {
            if (!only.isEmpty() && !c.id().equals(only)) {
                continue;
            }
            long t0 = System.nanoTime();
            ClaimResult r = c.check(ClaimContext.quick(1));
            System.out.println("=== " + c.id() + " " + r.verdict() + " " + (System.nanoTime() - t0) / 1e9 + " s");
            System.out.println(r.measurement());
            r.numbers().forEach((k, v) -> System.out.println("  " + k + " = " + v));
            r.notes().forEach(n -> System.out.println("  note: " + n));
        }
    }
}
