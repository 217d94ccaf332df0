package org.sgdlab.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlab.random.RandomStream;

/**
 * The k largest (or smallest) eigenvalues and their eigenvectors of a symmetric operator known only through
 * v ↦ Av ({@link SymmetricOperator}, e.g. a Hessian–vector product), by the Lanczos method with full
 * reorthogonalization and thick restarts, each Ritz pair returned with its residual norm as an error bound.
 *
 * <p><b>Method.</b> An orthonormal basis Q of the Krylov space span{q₀, Aq₀, A²q₀, …} is built one vector at a time
 * (Lanczos 1950); every new vector is orthogonalized twice against the whole basis by classical Gram–Schmidt
 * ("twice is enough": Giraud, Langou, Rozložník, Comput. Math. Appl. 50 (2005) 1069–1075), so Q stays orthonormal to working precision and no spurious copies of converged
 * eigenvalues appear (Parlett, <i>The Symmetric Eigenvalue Problem</i>, ch. 13). The projected matrix
 * H = QᵀAQ (tridiagonal, plus an arrowhead after a restart) is diagonalized densely ({@link SymmetricEigen}); its
 * eigenpairs (θ, y) give Ritz pairs (θ, Qy) whose residual is known without applying A: with AQ = QH + β q₊ e_lastᵀ,
 * ‖A(Qy) − θ(Qy)‖ = β·|y_last|. When the basis is full, it is restarted thickly (Wu &amp; Simon, "Thick-restart
 * Lanczos method for large symmetric eigenvalue problems", SIAM J. Matrix Anal. Appl. 22 (2000) 602–616): the best
 * Ritz vectors are kept together with the next Lanczos direction, so memory stays at (basis size + 1) vectors of
 * length n while convergence continues. The start vector is Gaussian, drawn from the caller's {@link RandomStream}, so
 * the same stream state and operator give the same bits.
 *
 * <p><b>Multiplicity check.</b> A single Krylov sequence sees only one direction of an exactly repeated eigenvalue
 * (the start vector's projection on its eigenspace). With {@link Options#verifyMultiplicity()} on (the default),
 * after convergence the search is restarted from a fresh random vector orthogonal to everything found, on the
 * deflated operator (I − VVᵀ)A(I − VVᵀ). Ritz values lie inside the spectrum, so a Ritz value there beyond the worst
 * of the current k (by more than its error bound) proves a better eigenvalue exists: that run is continued to
 * convergence, the pair is added, and the check repeats. A check that finds nothing better within as many operator
 * applications as the first run needed stops: a hidden copy of a found eigenvalue converges about as fast as the
 * found one did, but this is a heuristic, not a proof that nothing was missed. A final Rayleigh–Ritz step on the span of all vectors found applies A once per vector and yields the
 * reported values, vectors and <em>explicitly computed</em> residuals rᵢ = Axᵢ − θᵢxᵢ.
 *
 * <p><b>Error bound.</b> For symmetric A and a unit vector x, some eigenvalue λ of A satisfies |θ − λ| ≤ ‖Ax − θx‖
 * (Parlett, Thm. 4.5.1); {@link Result#errorBound(int)} reports it. (If the distance δ from θ to the rest of the
 * spectrum is known, the sharper |θ − λ| ≤ ‖r‖²/δ holds — Kato–Temple — but δ is not known here.)
 *
 * <p><b>Stopping.</b> A Ritz pair is accepted when ‖r‖ ≤ tolerance·‖A‖_est, where ‖A‖_est (reported as
 * {@link Result#normEstimate()}) is the largest of |θ| and ‖Aq‖ over all unit vectors q seen — a lower bound on
 * ‖A‖₂. The run stops when all k wanted pairs are accepted or the budget of operator applications is spent.
 *
 * <p>Memory: (basis size + 1 + k) vectors of length n. Work per step: one application of A and 4·j·n flops of
 * reorthogonalization (j ≤ basis size).
 */
public final class Lanczos {
    /** Invariant subspace: the new direction is below this fraction of ‖A‖_est after orthogonalization. */
    private static final double BREAKDOWN = 1e-12;
    /** Column block (doubles) for the cache-blocked sweeps: Gram–Schmidt and the basis rotation at a restart. */
    private static final int BLOCK = 1024;

    private Lanczos() {
    }

    /** Which end of the spectrum. */
    public enum Which {
        /** The k algebraically largest eigenvalues, returned in descending order. */
        LARGEST,
        /** The k algebraically smallest eigenvalues, returned in ascending order. */
        SMALLEST
    }

    /**
     * What to compute and how hard to try.
     *
     * @param which              the end of the spectrum
     * @param count              k, the number of eigenpairs (≥ 1; at most the dimension, checked by {@link #solve})
     * @param tolerance          relative residual tolerance, in (0, 1): accept ‖Ax − θx‖ ≤ tolerance·‖A‖_est
     * @param basisSize          the number of basis vectors kept before a thick restart; 0 means
     *                           max(2k + 8, 20); otherwise at least k + 2 (capped at the dimension)
     * @param maxApplications    budget of operator applications for the iteration (≥ 1); the final Rayleigh–Ritz step
     *                           adds one application per returned vector
     * @param verifyMultiplicity run the multiplicity check described in {@link Lanczos}
     */
    public record Options(Which which, int count, double tolerance, int basisSize, int maxApplications,
                          boolean verifyMultiplicity) {
        public Options {
            Objects.requireNonNull(which, "which");
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1, got " + count);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
            }
            if (basisSize != 0 && basisSize < count + 2) {
                throw new IllegalArgumentException("basisSize must be 0 (automatic) or >= count + 2 = " + (count + 2)
                        + ", got " + basisSize);
            }
            if (maxApplications < 1) {
                throw new IllegalArgumentException("maxApplications must be >= 1, got " + maxApplications);
            }
        }

        /** The {@code count} largest eigenvalues: tolerance 1e-8, automatic basis size, 10 000 applications, verified. */
        public static Options largest(int count) {
            return new Options(Which.LARGEST, count, 1e-8, 0, 10_000, true);
        }

        /** The {@code count} smallest eigenvalues, with the defaults of {@link #largest(int)}. */
        public static Options smallest(int count) {
            return new Options(Which.SMALLEST, count, 1e-8, 0, 10_000, true);
        }

        /** These options with another relative residual tolerance. */
        public Options withTolerance(double t) {
            return new Options(which, count, t, basisSize, maxApplications, verifyMultiplicity);
        }

        /** These options with another basis size (0 = automatic). */
        public Options withBasisSize(int b) {
            return new Options(which, count, tolerance, b, maxApplications, verifyMultiplicity);
        }

        /** These options with another budget of operator applications. */
        public Options withMaxApplications(int m) {
            return new Options(which, count, tolerance, basisSize, m, verifyMultiplicity);
        }

        /** These options with the multiplicity check on or off. */
        public Options withVerifyMultiplicity(boolean v) {
            return new Options(which, count, tolerance, basisSize, maxApplications, v);
        }

        int basisFor(int dimension) {
            int b = basisSize == 0 ? Math.max(2 * count + 8, 20) : basisSize;
            return Math.min(b, dimension);
        }
    }

    /**
     * The outcome. Eigenpairs are ordered from the requested end inward (descending for LARGEST, ascending for
     * SMALLEST); vector signs are arbitrary but reproducible.
     *
     * @param which              the end of the spectrum that was asked for
     * @param values             the Ritz values θ₁, …, θ_k
     * @param vectors            unit Ritz vectors, {@code vectors[i]} belongs to {@code values[i]}; mutually orthogonal
     * @param residualNorms      ‖Axᵢ − θᵢxᵢ‖₂, computed explicitly (not the Lanczos estimate)
     * @param normEstimate       ‖A‖_est, the scale the tolerance is relative to (a lower bound on ‖A‖₂)
     * @param converged          every residual is at most tolerance·normEstimate and the multiplicity check (if on)
     *                           finished within the budget
     * @param applications       operator applications used in total
     * @param restarts           thick restarts over all runs
     * @param verificationRuns   deflated runs of the multiplicity check
     * @param message            how the run ended
     */
    public record Result(Which which, double[] values, double[][] vectors, double[] residualNorms, double normEstimate,
                         boolean converged, int applications, int restarts, int verificationRuns, String message) {
        /** The number k of eigenpairs returned. */
        public int count() {
            return values.length;
        }

        /**
         * A bound on the distance from {@code values[i]} to the spectrum of A: some eigenvalue λ has |θᵢ − λ| ≤ ‖rᵢ‖
         * (A symmetric, xᵢ a unit vector).
         */
        public double errorBound(int i) {
            return residualNorms[i];
        }
    }

    /**
     * Computes {@code options.count()} extreme eigenpairs of the symmetric operator {@code a} on ℝⁿ.
     *
     * @param a         the operator (called with arrays of length n; its symmetry is assumed)
     * @param dimension n ≥ 1
     * @param options   what to compute
     * @param random    source of the start vectors; advanced (one Gaussian vector per start)
     * @throws IllegalArgumentException if n &lt; 1, k &gt; n, or the operator returns a non-finite value
     */
    public static Result solve(SymmetricOperator a, int dimension, Options options, RandomStream random) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(random, "random");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (options.count() > dimension) {
            throw new IllegalArgumentException("count must be <= dimension " + dimension + ", got " + options.count());
        }
        return new Search(a, dimension, options, random).run();
    }

    /**
     * As {@link #solve(SymmetricOperator, int, Options, RandomStream)}, but the first Krylov run starts from
     * {@code start} (read only, normalized here) instead of a random vector: a warm start from a previous solution's
     * vector when A has changed little (the sharpness of a network along a training run). Later starts (after a
     * breakdown, and the multiplicity check's, which guards against a start nearly orthogonal to a better eigenvector)
     * are still drawn from {@code random}. A warm start can converge in a few applications; the multiplicity check then
     * runs for at least one full basis ({@link Options#basisSize()}) instead of the first run's effort.
     *
     * @throws IllegalArgumentException as the other form, or if {@code start} has the wrong length, a non-finite entry
     *                                  or is zero
     */
    public static Result solve(SymmetricOperator a, int dimension, Options options, double[] start, RandomStream random) {
        Objects.requireNonNull(start, "start");
        if (start.length != dimension) {
            throw new IllegalArgumentException("start vector has " + start.length + " entries, dimension is " + dimension);
        }
        double norm = Kernels.norm2(start);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("start vector must be finite and nonzero, its norm is " + norm);
        }
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(random, "random");
        if (options.count() > dimension) {
            throw new IllegalArgumentException("count must be <= dimension " + dimension + ", got " + options.count());
        }
        Search search = new Search(a, dimension, options, random);
        search.start = start.clone();
        return search.run();
    }

    /** How a Krylov run ended. */
    private enum End {
        /** All wanted pairs passed the tolerance (or the Krylov space filled the available space). */
        CONVERGED,
        /** A multiplicity-check run spent its effort without finding anything better than the current set. */
        NOTHING_BETTER,
        /** The overall budget of operator applications ran out. */
        BUDGET
    }

    /** Ritz pairs of one Krylov run, with the Lanczos residual estimates β·|y_last|. */
    private record Block(double[] values, double[][] vectors, double[] estimates, End end) {
    }

    private static final class Search {
        final SymmetricOperator a;
        final int n;
        final Options o;
        final RandomStream random;
        final boolean largest;
        /** Orthonormal vectors every new direction is kept orthogonal to (the deflation set). */
        final List<double[]> locked = new ArrayList<>();
        /** The first run's start vector (a warm start), used once; null for a random start. */
        double[] start;
        int applications;
        int restarts;
        double normEst;

        Search(SymmetricOperator a, int n, Options o, RandomStream random) {
            this.a = a;
            this.n = n;
            this.o = o;
            this.random = random;
            this.largest = o.which() == Which.LARGEST;
        }

        Result run() {
            boolean warm = start != null;
            Block first = krylov(o.count(), Integer.MAX_VALUE, Double.NaN);
            // a warm start may converge in a handful of applications, too few to stand for the check's effort: the check
            // then gets at least one full basis of Krylov steps
            int mainEffort = warm ? Math.max(applications, o.basisFor(n)) : applications;
            List<double[]> found = new ArrayList<>(Arrays.asList(first.vectors()));
            List<Double> foundValues = new ArrayList<>();
            List<Double> foundEstimates = new ArrayList<>();
            for (int i = 0; i < first.values().length; i++) {
                foundValues.add(first.values()[i]);
                foundEstimates.add(first.estimates()[i]);
            }
            boolean ok = first.end() == End.CONVERGED;
            int verificationRuns = 0;
            String note = ok ? "" : "; the iteration budget ran out before all " + o.count() + " pairs converged";
            if (ok && o.verifyMultiplicity()) {
                while (found.size() < n) {
                    locked.clear();
                    locked.addAll(found);
                    int worst = worstOfBest(foundValues);
                    // a Ritz value of the deflated operator beyond this proves an eigenvalue better than the worst kept
                    double beat = foundValues.get(worst) + (largest ? 1 : -1) * (foundEstimates.get(worst) + 1e-14 * normEst);
                    Block extra = krylov(1, applications + mainEffort, beat);
                    verificationRuns++;
                    if (extra.end() == End.BUDGET) {
                        ok = false;
                        note = "; the budget ran out during multiplicity check " + verificationRuns;
                        break;
                    }
                    if (extra.end() == End.NOTHING_BETTER) {
                        break;
                    }
                    double theta = extra.values()[0];
                    double margin = extra.estimates()[0] + foundEstimates.get(worst) + 1e-14 * normEst;
                    double gain = largest ? theta - foundValues.get(worst) : foundValues.get(worst) - theta;
                    if (gain <= margin) {
                        break;
                    }
                    found.add(extra.vectors()[0]);
                    foundValues.add(theta);
                    foundEstimates.add(extra.estimates()[0]);
                }
                locked.clear();
            }
            return finish(found, ok, verificationRuns, note);
        }

        /** Index (into values) of the k-th best value, i.e. the worst of the current best k. */
        private int worstOfBest(List<Double> values) {
            Integer[] idx = new Integer[values.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (x, y) -> largest ? Double.compare(values.get(y), values.get(x))
                    : Double.compare(values.get(x), values.get(y)));
            return idx[Math.min(o.count(), idx.length) - 1];
        }

        /** Rayleigh–Ritz on span(found) with explicit residuals. */
        private Result finish(List<double[]> found, boolean ok, int verificationRuns, String note) {
            int s = found.size();
            double[][] x = new double[s][];
            int kept = 0;
            for (double[] f : found) {
                double[] v = f.clone();
                for (int pass = 0; pass < 2; pass++) {
                    for (int c = 0; c < kept; c++) {
                        Kernels.axpy(-Kernels.dot(x[c], v), x[c], v);
                    }
                }
                double nv = Kernels.norm2(v);
                if (nv > 0.5) { // the found vectors are orthonormal to working precision; this only guards rounding
                    scale(v, 1 / nv);
                    x[kept++] = v;
                }
            }
            double[][] ax = new double[kept][];
            for (int c = 0; c < kept; c++) {
                ax[c] = apply(x[c]);
            }
            double[] g = new double[kept * kept];
            for (int i = 0; i < kept; i++) {
                for (int j = i; j < kept; j++) {
                    double v = 0.5 * (Kernels.dot(x[i], ax[j]) + Kernels.dot(x[j], ax[i]));
                    g[i * kept + j] = v;
                    g[j * kept + i] = v;
                }
            }
            SymmetricEigen e = SymmetricEigen.of(g, kept);
            int k = o.count();
            double[] values = new double[k];
            double[][] vectors = new double[k][];
            double[] residuals = new double[k];
            boolean allSmall = true;
            for (int r = 0; r < k; r++) {
                int col = largest ? kept - 1 - r : r;
                double theta = e.values()[col];
                double[] v = new double[n];
                double[] av = new double[n];
                for (int c = 0; c < kept; c++) {
                    double yc = e.vectors()[c * kept + col];
                    Kernels.axpy(yc, x[c], v);
                    Kernels.axpy(yc, ax[c], av);
                }
                Kernels.axpy(-theta, v, av);
                values[r] = theta;
                vectors[r] = v;
                residuals[r] = Kernels.norm2(av);
                normEst = Math.max(normEst, Math.abs(theta));
            }
            double limit = o.tolerance() * normEst;
            double worstResidual = 0;
            for (double r : residuals) {
                worstResidual = Math.max(worstResidual, r);
                allSmall &= r <= limit;
            }
            boolean converged = ok && allSmall;
            String msg = (converged ? "converged" : "not converged") + ": " + k + " " + o.which().name().toLowerCase()
                    + " eigenpairs, largest residual " + worstResidual + " (tolerance " + o.tolerance() + " x ||A||_est "
                    + normEst + " = " + limit + "), " + applications + " operator applications, " + restarts
                    + " restarts, " + verificationRuns + " multiplicity checks" + note
                    + (ok && !allSmall ? "; the explicit residual exceeds the Lanczos estimate (rounding)" : "");
            return new Result(o.which(), values, vectors, residuals, normEst, converged, applications, restarts,
                    verificationRuns, msg);
        }

        private double[] apply(double[] v) {
            double[] out = new double[n];
            a.apply(v, out);
            applications++;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(out[i])) {
                    throw new IllegalArgumentException("operator returned a non-finite value at index " + i + ": "
                            + out[i]);
                }
            }
            return out;
        }

        /**
         * Removes from v its components along the locked vectors and q[0..j) by classical Gram–Schmidt, twice (CGS2);
         * {@code coef} (if not null) accumulates the coefficients along q[0..j). Each pass is two sweeps over the
         * basis in cache-sized column blocks (all dots, then all updates), which halves the memory traffic of modified
         * Gram–Schmidt on long vectors.
         */
        private void orthogonalize(double[] v, double[][] q, int j, double[] coef) {
            int nl = locked.size();
            int s = nl + j;
            if (s == 0) {
                return;
            }
            double[][] basis = new double[s][];
            for (int i = 0; i < nl; i++) {
                basis[i] = locked.get(i);
            }
            System.arraycopy(q, 0, basis, nl, j);
            double[] c = new double[s];
            for (int pass = 0; pass < 2; pass++) {
                Arrays.fill(c, 0.0);
                for (int start = 0; start < n; start += BLOCK) {
                    int len = Math.min(BLOCK, n - start);
                    for (int i = 0; i < s; i++) {
                        c[i] += Kernels.dot(basis[i], start, v, start, len);
                    }
                }
                for (int start = 0; start < n; start += BLOCK) {
                    int len = Math.min(BLOCK, n - start);
                    for (int i = 0; i < s; i++) {
                        Kernels.axpy(-c[i], basis[i], start, v, start, len);
                    }
                }
                if (coef != null) {
                    for (int i = 0; i < j; i++) {
                        coef[i] += c[nl + i];
                    }
                }
            }
        }

        /** A random unit vector orthogonal to the locked vectors and q[0..j), written into out. */
        private void randomDirection(double[][] q, int j, double[] out) {
            for (int attempt = 0; ; attempt++) {
                random.gaussians(out);
                double before = Kernels.norm2(out);
                orthogonalize(out, q, j, null);
                double nv = Kernels.norm2(out);
                if (nv > 1e-6 * before) {
                    scale(out, 1 / nv);
                    return;
                }
                if (attempt > 20) {
                    throw new IllegalStateException("no direction orthogonal to " + (locked.size() + j)
                            + " vectors found in dimension " + n);
                }
            }
        }

        /**
         * The {@code want} best Ritz pairs of A on the orthogonal complement of {@link #locked}. Stops when they pass the
         * tolerance, when the overall budget is spent, or — for a multiplicity check ({@code beat} not NaN) — when
         * {@code effortLimit} applications have been used and the best Ritz value has not gone beyond {@code beat}
         * (Ritz values of a symmetric operator lie inside its spectrum, so going beyond proves a better eigenvalue
         * exists, and the run then continues to convergence).
         */
        Block krylov(int want, int effortLimit, double beat) {
            int avail = n - locked.size();
            int m = Math.min(o.basisFor(n), avail);
            want = Math.min(want, avail);
            double[][] q = new double[m + 1][];
            for (int i = 0; i <= m; i++) {
                q[i] = new double[n];
            }
            double[] h = new double[m * m];
            if (start != null && locked.isEmpty()) {
                System.arraycopy(start, 0, q[0], 0, n);
                scale(q[0], 1 / Kernels.norm2(q[0]));
                start = null;
            } else {
                randomDirection(q, 0, q[0]);
            }
            int j = 0;
            while (true) {
                // expand column j: w = A q_j orthogonalized, stored in q[j+1]
                double[] w = q[j + 1];
                a.apply(q[j], w);
                applications++;
                double aq = 0;
                for (int i = 0; i < n; i++) {
                    double v = w[i];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("operator returned a non-finite value at index " + i + ": " + v);
                    }
                    aq += v * v;
                }
                normEst = Math.max(normEst, Math.sqrt(aq));
                double[] coef = new double[j + 1];
                orthogonalize(w, q, j + 1, coef);
                for (int i = 0; i <= j; i++) {
                    h[i * m + j] = coef[i];
                    h[j * m + i] = coef[i];
                }
                double beta = Kernels.norm2(w);
                j++;
                boolean exhausted = j == avail;
                boolean breakdown = !exhausted && beta <= BREAKDOWN * normEst;
                if (!exhausted) {
                    if (breakdown) {
                        // invariant subspace: continue in a fresh direction, coupled to nothing (H stays block diagonal)
                        if (j < m) {
                            randomDirection(q, j, w);
                        }
                    } else {
                        scale(w, 1 / beta);
                    }
                }
                if (j < want && !exhausted) {
                    continue;
                }
                SymmetricEigen e = SymmetricEigen.of(leading(h, m, j), j);
                int[] order = preference(e.values());
                double[] est = new double[want];
                boolean conv = true;
                for (int r = 0; r < j; r++) {
                    normEst = Math.max(normEst, Math.abs(e.values()[r]));
                }
                for (int r = 0; r < want; r++) {
                    est[r] = exhausted ? 0.0 : beta * Math.abs(e.vectors()[(j - 1) * j + order[r]]);
                    conv &= est[r] <= o.tolerance() * normEst;
                }
                double best = e.values()[order[0]];
                boolean beaten = !Double.isNaN(beat) && (largest ? best > beat : best < beat);
                End end = conv || exhausted ? End.CONVERGED : applications >= o.maxApplications() ? End.BUDGET
                        : applications >= effortLimit && !beaten ? End.NOTHING_BETTER : null;
                if (end != null) {
                    double[] values = new double[want];
                    double[][] vectors = new double[want][];
                    for (int r = 0; r < want; r++) {
                        values[r] = e.values()[order[r]];
                        double[] v = new double[n];
                        for (int i = 0; i < j; i++) {
                            Kernels.axpy(e.vectors()[i * j + order[r]], q[i], v);
                        }
                        scale(v, 1 / Kernels.norm2(v));
                        vectors[r] = v;
                    }
                    return new Block(values, vectors, est, end);
                }
                if (j == m) {
                    int keep = Math.min(m - 1, want + Math.max(1, (m - want) / 2));
                    restart(q, h, m, j, e, order, keep, breakdown ? 0.0 : beta);
                    if (breakdown) {
                        randomDirection(q, keep, q[keep]); // the direction carried over was ~0
                    }
                    j = keep;
                    restarts++;
                }
            }
        }

        /** Ritz values' indices, best first. */
        private int[] preference(double[] ascending) {
            int j = ascending.length;
            int[] order = new int[j];
            for (int r = 0; r < j; r++) {
                order[r] = largest ? j - 1 - r : r;
            }
            return order;
        }

        /** The leading j×j block of the m×m row-major h, packed. */
        private static double[] leading(double[] h, int m, int j) {
            double[] t = new double[j * j];
            for (int r = 0; r < j; r++) {
                System.arraycopy(h, r * m, t, r * j, j);
            }
            return t;
        }

        /**
         * Thick restart: q[0..keep) ← the best {@code keep} Ritz vectors (rotated in place, block by block), q[keep] ←
         * the next Lanczos direction q[j], H ← diag(θ) with the arrowhead coupling β·y_last in row/column keep.
         */
        private void restart(double[][] q, double[] h, int m, int j, SymmetricEigen e, int[] order, int keep,
                             double beta) {
            double[] y = e.vectors();
            double[] block = new double[j * BLOCK];
            for (int start = 0; start < n; start += BLOCK) {
                int len = Math.min(BLOCK, n - start);
                for (int i = 0; i < j; i++) {
                    System.arraycopy(q[i], start, block, i * BLOCK, len);
                }
                for (int c = 0; c < keep; c++) {
                    double[] target = q[c];
                    Arrays.fill(target, start, start + len, 0.0);
                    for (int i = 0; i < j; i++) {
                        double yic = y[i * j + order[c]];
                        if (yic != 0) {
                            Kernels.axpy(yic, block, i * BLOCK, target, start, len);
                        }
                    }
                }
            }
            double[] next = q[j];
            q[j] = q[keep];
            q[keep] = next;
            Arrays.fill(h, 0.0);
            for (int c = 0; c < keep; c++) {
                h[c * m + c] = e.values()[order[c]];
                double coupling = beta * y[(j - 1) * j + order[c]];
                h[c * m + keep] = coupling;
                h[keep * m + c] = coupling;
            }
        }

        private static void scale(double[] v, double s) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
        }
    }
}
