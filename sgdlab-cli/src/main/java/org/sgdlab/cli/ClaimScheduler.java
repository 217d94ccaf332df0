package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.theory.Claim;

/**
 * Runs the claims of {@code sgdlab check} on several threads and hands their results back in the claims' order.
 *
 * <p><b>Same bits for any schedule.</b> Each claim is a function of its budget and seed only: it draws every random
 * number from streams derived from the seed, shares no mutable state with other claims (the catalogs are filled once,
 * at class initialization, and only read), and the kernels it calls give the same bits on any thread count. So which
 * thread runs a claim, and what runs beside it, changes its wall time only. The results are returned, and reported
 * one by one to {@code done}, in the claims' order, so the table, the report and {@code --json} do not depend on the
 * schedule either (tested by comparing the JSON of runs with 1 and 2 jobs).
 *
 * <p><b>Start order.</b> The claims known to take longest under the quick budget start first (longest processing time
 * first: on 2 threads the last claim to finish is then a short one); the others follow in catalog order. The list
 * only moves start times.
 */
final class ClaimScheduler {
    /**
     * The slowest claims under the quick budget, slowest first: their mean seconds in two runs of
     * {@code sgdlab check --quick} with 2 jobs on a 2-core Xeon (2026-12-07, 19:45 UTC, JDK 17, commit c9da7b7), the
     * claims whose quick budgets were cut since then (sgd.strongly-convex, sgd.noise-floor, adagrad.rate, mirror.bregman)
     * scaled by their measured CPU ratio: max-margin.fast 4.7, eos.sharpness 4.6, min-norm.generalization 4.2,
     * sgd.mnist-4v9 2.8, bn.weight-norm 2.7, sde.weak-order 2.3, nuclear-norm.deep-linear 2.1, ntk.complexity 1.8,
     * mirror.bregman 1.7, max-margin.multiclass 1.5, steepest.margin-geometry 1.4, sgd.noise-floor 1.4,
     * ntk.lazy-training 1.3, mirror.diagonal-net 1.3, bn.seed-exp4 1.2, sgd.strongly-convex 1.2, ntk.closed-form 1.1,
     * adagrad.rate 1.1, max-margin.init-robustness 1.0, min-norm.adaptive-breaks 1.0, max-margin.gd-logistic 1.0,
     * diagonal.depth 1.0; every other claim ≤ 0.95. (A claim's seconds include the JIT compilations it happens to
     * trigger first, so they move with the order.) Unknown or missing ids are ignored.
     */
    static final List<String> LONG_FIRST = List.of("max-margin.fast", "eos.sharpness", "min-norm.generalization",
            "sgd.mnist-4v9", "bn.weight-norm", "sde.weak-order", "nuclear-norm.deep-linear", "ntk.complexity",
            "mirror.bregman", "max-margin.multiclass", "steepest.margin-geometry", "sgd.noise-floor", "ntk.lazy-training",
            "mirror.diagonal-net", "bn.seed-exp4", "sgd.strongly-convex", "ntk.closed-form", "adagrad.rate",
            "max-margin.init-robustness", "min-norm.adaptive-breaks", "max-margin.gd-logistic", "diagonal.depth");

    private ClaimScheduler() {
    }

    /** Runs one claim (its index in the input list is {@code index}). */
    interface Task {
        ClaimResult run(Claim claim, int index) throws Exception;
    }

    /** Told each result in the claims' order, as soon as it and all the results before it are complete. */
    interface Done {
        void accept(int index, ClaimResult result);
    }

    /**
     * Runs {@code task} for every claim on {@code workers} threads; returns the results in the order of
     * {@code claims} (not modified). The first exception (in the claims' order) is rethrown, and the claims still
     * running are interrupted.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    static List<ClaimResult> run(List<Claim> claims, int workers, Task task, Done done) throws Exception {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        int n = claims.size();
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, n)), r -> {
            Thread t = new Thread(r, "sgdlab-claim-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ClaimResult>> futures = new ArrayList<>(Collections.nCopies(n, null));
            for (int i : startOrder(claims)) {
                Claim c = claims.get(i);
                futures.set(i, pool.submit(() -> task.run(c, i)));
            }
            List<ClaimResult> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ClaimResult r = get(futures.get(i));
                done.accept(i, r);
                results.add(r);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Indices of {@code claims}: those of {@link #LONG_FIRST} in its order, then the rest in their own order. */
    static List<Integer> startOrder(List<Claim> claims) {
        List<Integer> order = new ArrayList<>(claims.size());
        for (String id : LONG_FIRST) {
            for (int i = 0; i < claims.size(); i++) {
                if (claims.get(i).id().equals(id) && !order.contains(i)) {
                    order.add(i);
                }
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        return order;
    }

    private static ClaimResult get(Future<ClaimResult> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
