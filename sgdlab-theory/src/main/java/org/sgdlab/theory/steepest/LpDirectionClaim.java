package org.sgdlab.theory.steepest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.LpNorm;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.State;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * steepest.lp-direction (source 004, "梯度下降"): under ‖·‖_p the steepest unit direction, the maximizer of ⟨g, φ⟩
 * over ‖φ‖_p = 1, is φ = g^[q/p]/‖g^[q/p]‖_p (x^[a] = sign(x)|x|^a, 1/p + 1/q = 1), attaining Hölder's bound
 * ⟨g, φ⟩ = ‖g‖_q; p = 2 gives SGD's g/‖g‖₂, p → ∞ gives sign(g) (SignSGD); pbSGD (Guo et al., IJCAI 2020) steps
 * along this φ.
 *
 * <p>Measured: (1) the Hölder gap |⟨g, φ⟩ − ‖g‖_q|/‖g‖_q of the library's direction ({@link LpNorm#sharpInto},
 * the pbSGD transform) over seeded random g, with ‖g‖_q and the naive formula computed independently here;
 * (2) the best ratio ⟨g, v⟩/‖v‖_p found by {@link DirectionSearch} (random search + gradient ascent; no Hölder);
 * (3) p = 2 against g/‖g‖₂; (4) the p → ∞ limit: e(p) = max_i |φ_i − sign(g_i)|. Expanding
 * φ_i = sign(g_i) t_i/‖t‖_p with t_i = (|g_i|/‖g‖_∞)^{1/(p−1)} = e^{−a_i/(p−1)}, a_i = ln(‖g‖_∞/|g_i|), gives
 * ‖t‖_p = 1 + S/p + O(p^{-2}) with S = ln(‖g‖₁/‖g‖_∞), hence e(p) = C/p + O(p^{-2}) with
 * C = max_i a_i + S = ln(‖g‖₁/min_i |g_i|) (over nonzero g_i): the predicted rate is exactly 1/p with that
 * constant; (5) one step of the library's pbSGD and SignSGD chains against −η φ and −η sign(g).
 */
final class LpDirectionClaim extends BaseClaim {
    static final double HOLDER_TOL = 1e-12;
    static final double SEARCH_TOL = 1e-12;
    /** A search whose best ratio stays this far below the formula's cannot confirm optimality. */
    static final double SEARCH_COMPETENCE = 1e-8;
    static final double P2_TOL = 1e-14;
    static final double SLOPE_LO = -1.1;
    static final double SLOPE_HI = -0.9;
    /** |p·e(p)/C − 1| at the largest p (the O(C/p) second-order term is ≤ 1e-3 there). */
    static final double CONSTANT_TOL = 0.01;
    static final double[] LIMIT_PS = {10, 30, 100, 300, 1000, 3000, 10000};
    static final double LIMIT_FIT_FROM = 100;

    /** The direction under test: φ(g) for ‖·‖_p. */
    interface DirectionRule {
        double[] direction(double[] g, double p);
    }

    /** The library's direction (pbSGD): {@link LpNorm#sharpInto}. */
    static final DirectionRule LIBRARY = (g, p) -> {
        double[] out = new double[g.length];
        new LpNorm(p).sharpInto(g, out);
        return out;
    };

    /**
     * One p.
     *
     * @param gaps            the Hölder gaps of every sample (histogram)
     * @param holderGap       max |⟨g, φ⟩ − ‖g‖_q|/‖g‖_q
     * @param normError       max |‖φ‖_p − 1|
     * @param naiveDeviation  max_i |φ_i − φ_naive,i| (the formula evaluated directly)
     * @param searchAdvantage max (best search ratio − ⟨g, φ⟩)/‖g‖_q (≤ 0 up to rounding when φ is optimal)
     * @param searchShortfall max (⟨g, φ⟩ − best search ratio)/‖g‖_q (how far the search fell short)
     */
    record Row(double p, double[] gaps, double holderGap, double normError, double naiveDeviation, int searched,
               double searchAdvantage, double searchShortfall) {
    }

    /**
     * Everything the verdict reads.
     *
     * @param p2Deviation        max_i |φ_i − g_i/‖g‖₂| at p = 2
     * @param limitErrors        max over samples of e(p) for {@link #LIMIT_PS}
     * @param limitSlope         log-log slope of limitErrors over p ≥ {@link #LIMIT_FIT_FROM}
     * @param constantDeviation  max over samples of |p·e(p)/C − 1| at the largest p
     * @param chainDeviation     max |u + η φ|/η over the pbSGD steps and |u + η sign(g)|/η over the SignSGD steps
     */
    record Measurement(List<Row> rows, double p2Deviation, double[] limitErrors, double limitSlope, double constantDeviation,
                       double chainDeviation) {
    }

    LpDirectionClaim() {
        super("steepest.lp-direction", "under ‖·‖_p the steepest unit direction is φ = g^[q/p]/‖g^[q/p]‖_p with ⟨g, φ⟩ = ‖g‖_q "
                + "(Hölder equality); p = 2 gives SGD, p → ∞ gives sign(g) (SignSGD); pbSGD is this family", "source 004 (梯度下降)");
    }

    static double[] ps(Budget b) {
        return b == Budget.QUICK ? new double[] {1.25, 1.5, 2, 3, 4, 8} : new double[] {1.1, 1.25, 1.5, 2, 3, 4, 8, 16, 64};
    }

    static String rule() {
        return "HOLDS if for every p the Hölder gap |⟨g, φ⟩ − ‖g‖_q|/‖g‖_q ≤ " + HOLDER_TOL + ", |‖φ‖_p − 1| ≤ " + HOLDER_TOL
                + ", φ matches the formula evaluated naively to " + HOLDER_TOL + ", the independent search never beats ⟨g, φ⟩ by more "
                + "than " + SEARCH_TOL + "·‖g‖_q, at p = 2 max|φ − g/‖g‖₂| ≤ " + P2_TOL + ", the p → ∞ error max|φ − sign g| has "
                + "log-log slope in [" + SLOPE_LO + ", " + SLOPE_HI + "] over p ≥ " + LIMIT_FIT_FROM + " and p·error is within "
                + CONSTANT_TOL + " (relative) of the predicted ln(‖g‖₁/min|g_i|) at p = " + LIMIT_PS[LIMIT_PS.length - 1]
                + ", and one pbSGD / SignSGD step equals −ηφ / −η sign(g) to 1e-12; FAILS if any of these is violated; "
                + "INCONCLUSIVE if the search fell short of ⟨g, φ⟩ by more than " + SEARCH_COMPETENCE + "·‖g‖_q (it could not "
                + "confirm optimality)";
    }

    static List<String> failures(Measurement m) {
        List<String> f = new ArrayList<>();
        for (Row r : m.rows()) {
            String at = " at p = " + r.p();
            if (!(r.holderGap() <= HOLDER_TOL)) {
                f.add("Hölder gap " + Format.g(r.holderGap()) + at);
            }
            if (!(r.normError() <= HOLDER_TOL)) {
                f.add("|‖φ‖_p − 1| = " + Format.g(r.normError()) + at);
            }
            if (!(r.naiveDeviation() <= HOLDER_TOL)) {
                f.add("φ differs from the naive formula by " + Format.g(r.naiveDeviation()) + at);
            }
            if (!(r.searchAdvantage() <= SEARCH_TOL)) {
                f.add("the search beats φ by " + Format.g(r.searchAdvantage()) + "·‖g‖_q" + at);
            }
        }
        if (!(m.p2Deviation() <= P2_TOL)) {
            f.add("p = 2: max|φ − g/‖g‖₂| = " + Format.g(m.p2Deviation()));
        }
        if (!(m.limitSlope() >= SLOPE_LO && m.limitSlope() <= SLOPE_HI)) {
            f.add("p → ∞: slope " + Format.g(m.limitSlope()) + " of max|φ − sign g| vs p");
        }
        if (!(m.constantDeviation() <= CONSTANT_TOL)) {
            f.add("p → ∞: p·error deviates from ln(‖g‖₁/min|g_i|) by " + Format.g(m.constantDeviation()));
        }
        if (!(m.chainDeviation() <= 1e-12)) {
            f.add("pbSGD/SignSGD chain step deviates by " + Format.g(m.chainDeviation()));
        }
        return f;
    }

    static Verdict decide(Measurement m) {
        if (!failures(m).isEmpty()) {
            return Verdict.FAILS;
        }
        for (Row r : m.rows()) {
            if (!(r.searchShortfall() <= SEARCH_COMPETENCE)) {
                return Verdict.INCONCLUSIVE;
            }
        }
        return Verdict.HOLDS;
    }

    /** A seeded gradient: Gaussian, every second one with per-coordinate scales 10^U(−2, 2), every tenth with a zero entry. */
    static double[] gradient(RandomStream r, int n, int k) {
        double[] g = r.gaussians(new double[n]);
        if (k % 2 == 1) {
            for (int i = 0; i < n; i++) {
                g[i] *= Math.pow(10, 4 * r.nextDouble() - 2);
            }
        }
        if (k % 10 == 3 && n > 2) {
            g[r.nextInt(n)] = 0;
        }
        return g;
    }

    /** The formula of source 004 evaluated literally: g^[q/p]/‖g^[q/p]‖_p. */
    static double[] naive(double[] g, double p) {
        double q = p / (p - 1);
        double[] phi = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            phi[i] = DirectionSearch.signedPow(g[i], q / p);
        }
        double n = DirectionSearch.lp(phi, p);
        for (int i = 0; i < g.length; i++) {
            phi[i] /= n;
        }
        return phi;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static Measurement measure(Budget b, long seed, DirectionRule rule) {
        RandomStream root = new RandomStream(seed).split(4001);
        int samples = b.pick(300, 2000);
        int searched = b.pick(25, 100);
        List<Row> rows = new ArrayList<>();
        double[] ps = ps(b);
        for (int pi = 0; pi < ps.length; pi++) {
            double p = ps[pi];
            double q = p / (p - 1);
            RandomStream r = root.split(pi);
            double[] gaps = new double[samples];
            double holder = 0;
            double normErr = 0;
            double naiveDev = 0;
            double adv = Double.NEGATIVE_INFINITY;
            double shortfall = 0;
            for (int k = 0; k < samples; k++) {
                // the searched samples are small (n ≤ 12) so that the ascent converges within its budget
                int n = k < searched ? 2 + r.nextInt(11) : 2 + r.nextInt(49);
                double[] g = gradient(r, n, k);
                double[] phi = rule.direction(g, p);
                double gq = DirectionSearch.lp(g, q);
                double value = DirectionSearch.dot(g, phi);
                gaps[k] = Math.abs(value - gq) / gq;
                holder = Math.max(holder, gaps[k]);
                normErr = Math.max(normErr, Math.abs(DirectionSearch.lp(phi, p) - 1));
                naiveDev = Math.max(naiveDev, maxAbsDiff(phi, naive(g, p)));
                if (k < searched) {
                    DirectionSearch.Best best = DirectionSearch.maximize(g, p, null, r.split(k), 200, 2, 4000);
                    adv = Math.max(adv, (best.value() - value) / gq);
                    shortfall = Math.max(shortfall, (value - best.value()) / gq);
                }
            }
            rows.add(new Row(p, gaps, holder, normErr, naiveDev, searched, adv, shortfall));
        }
        // p = 2: SGD's normalized gradient
        RandomStream r2 = root.split(100);
        double p2 = 0;
        for (int k = 0; k < samples; k++) {
            double[] g = gradient(r2, 2 + r2.nextInt(49), k);
            double n = Math.sqrt(DirectionSearch.dot(g, g));
            double[] sgd = g.clone();
            for (int i = 0; i < sgd.length; i++) {
                sgd[i] /= n;
            }
            p2 = Math.max(p2, maxAbsDiff(rule.direction(g, 2), sgd));
        }
        // p → ∞: SignSGD
        RandomStream rl = root.split(200);
        int limitSamples = b.pick(40, 200);
        double[] errs = new double[LIMIT_PS.length];
        double constDev = 0;
        for (int k = 0; k < limitSamples; k++) {
            double[] g = rl.gaussians(new double[2 + rl.nextInt(29)]);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double x : g) {
                sum += Math.abs(x);
                min = Math.min(min, Math.abs(x));
            }
            double c = Math.log(sum / min);
            for (int j = 0; j < LIMIT_PS.length; j++) {
                double[] phi = rule.direction(g, LIMIT_PS[j]);
                double e = 0;
                for (int i = 0; i < g.length; i++) {
                    e = Math.max(e, Math.abs(phi[i] - Math.signum(g[i])));
                }
                errs[j] = Math.max(errs[j], e);
                if (j == LIMIT_PS.length - 1) {
                    constDev = Math.max(constDev, Math.abs(LIMIT_PS[j] * e / c - 1));
                }
            }
        }
        double slope = Fit.logLog(LIMIT_PS, errs, LIMIT_FIT_FROM, Double.POSITIVE_INFINITY).slope();
        // the library's optimizers: one step of pbSGD (lpSgd) and SignSGD from a random point
        RandomStream rc = root.split(300);
        double eta = 0.05;
        double chain = 0;
        for (double p : ps) {
            for (int k = 0; k < 5; k++) {
                double[] g = gradient(rc, 2 + rc.nextInt(20), k);
                double[] w = rc.gaussians(new double[g.length]);
                double[] u = step(GeometricOptimizers.lpSgd(p, Schedules.constant(eta)), g, w);
                double[] phi = rule.direction(g, p);
                double[] s = step(GeometricOptimizers.signSgd(Schedules.constant(eta)), g, w);
                for (int i = 0; i < g.length; i++) {
                    chain = Math.max(chain, Math.abs(u[i] + eta * phi[i]) / eta);
                    chain = Math.max(chain, Math.abs(s[i] + eta * Math.signum(g[i])) / eta);
                }
            }
        }
        return new Measurement(rows, p2, errs, slope, constDev, chain);
    }

    /** The update a chain makes from gradient g at parameters w. */
    static double[] step(Chain chain, double[] g, double[] w) {
        State s = chain.init(w);
        double[] u = g.clone();
        chain.updateInPlace(u, s, w);
        return u;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        Measurement m = measure(c.budget(), c.seed(), LIBRARY);
        Verdict v = decide(m);
        double holder = 0;
        double adv = Double.NEGATIVE_INFINITY;
        double shortfall = 0;
        int samples = 0;
        for (Row r : m.rows()) {
            rb.number("p" + r.p() + ".holder_gap", r.holderGap()).number("p" + r.p() + ".norm_error", r.normError())
                    .number("p" + r.p() + ".naive_deviation", r.naiveDeviation())
                    .number("p" + r.p() + ".search_advantage", r.searchAdvantage())
                    .number("p" + r.p() + ".search_shortfall", r.searchShortfall());
            holder = Math.max(holder, r.holderGap());
            adv = Math.max(adv, r.searchAdvantage());
            shortfall = Math.max(shortfall, r.searchShortfall());
            samples += r.gaps().length;
        }
        rb.number("max_holder_gap", holder).number("max_search_advantage", adv).number("max_search_shortfall", shortfall)
                .number("p2_deviation", m.p2Deviation()).number("limit_slope", m.limitSlope())
                .number("limit_constant_deviation", m.constantDeviation()).number("chain_deviation", m.chainDeviation());
        for (int j = 0; j < LIMIT_PS.length; j++) {
            rb.number("limit_error_p" + LIMIT_PS[j], m.limitErrors()[j]);
        }
        rb.trace(histogram(m));
        Trace lim = new Trace("limit", List.of("p", "max_err_sign", "one_over_p"));
        for (int j = 0; j < LIMIT_PS.length; j++) {
            lim.add(new double[] {j, LIMIT_PS[j], m.limitErrors()[j], 1 / LIMIT_PS[j]});
        }
        rb.trace(lim);
        List<String> cols = new ArrayList<>();
        for (Row r : m.rows()) {
            cols.add("p" + r.p());
        }
        rb.plot(PlotSpec.linear("holder_gap.png").title(id() + ": histogram of |⟨g,φ⟩ − ‖g‖_q|/‖g‖_q (0 counted at 1e-17)")
                .trace("holder_gap").x("log10_gap", "log10 relative Hölder gap").y(cols, "samples").build());
        rb.plot(PlotSpec.logLog("sign_limit.png").title(id() + ": max_i |φ_p,i − sign(g_i)| vs p (predicted C/p)")
                .trace("limit").x("p", "p").y(List.of("max_err_sign", "one_over_p"), "max |φ − sign g|").build());
        rb.note("g: Gaussian in dimension 2..50; every second with per-coordinate scales 10^U(−2,2); every tenth with a zero entry. "
                + "The independent search (random search of 200 points + gradient ascent on ⟨g,v⟩/‖v‖_p from the best and from 2 random "
                + "starts, 4000 steps) runs on the first samples of each p, in dimension 2..12.");
        List<String> fails = failures(m);
        String measurement = samples + " samples over p = " + Arrays.toString(ps(c.budget())) + ": max Hölder gap " + Format.g(holder)
                + ", best search minus ⟨g,φ⟩ ≤ " + Format.g(adv) + "·‖g‖_q (search shortfall ≤ " + Format.g(shortfall) + "); p = 2: "
                + "max|φ − g/‖g‖₂| = " + Format.g(m.p2Deviation()) + "; p → ∞: max|φ − sign g| = " + Format.g(m.limitErrors()[0])
                + " at p = " + LIMIT_PS[0] + " → " + Format.g(m.limitErrors()[LIMIT_PS.length - 1]) + " at p = "
                + LIMIT_PS[LIMIT_PS.length - 1] + ", slope " + Format.g(m.limitSlope()) + " (predicted −1), p·error vs "
                + "ln(‖g‖₁/min|g_i|): max relative deviation " + Format.g(m.constantDeviation()) + "; pbSGD/SignSGD steps deviate by "
                + Format.g(m.chainDeviation()) + (fails.isEmpty() ? "" : "; violated: " + String.join("; ", fails));
        rb.sourceStatement("φ = g^[q/p]/‖g^[q/p]‖_p attains ⟨g, φ⟩ = ‖g‖_q (Hölder), so it is the steepest ℓp direction; p = q = 2 "
                + "is SGD and p → ∞ gives sign(g) (SignSGD)", v, measurement);
        return rb.build(v, "⟨g, φ⟩ = ‖g‖_q and nothing feasible does better; φ → g/‖g‖₂ at p = 2 and → sign(g) like C/p", measurement,
                rule());
    }

    /** Histogram of log10 Hölder gaps per p, decades −17 (including exact zeros) … −8 (and above). */
    static Trace histogram(Measurement m) {
        List<String> cols = new ArrayList<>();
        cols.add("log10_gap");
        for (Row r : m.rows()) {
            cols.add("p" + r.p());
        }
        Trace t = new Trace("holder_gap", cols);
        int lo = -17;
        int hi = -8;
        for (int b = lo; b <= hi; b++) {
            double[] row = new double[cols.size() + 1];
            row[0] = b - lo;
            row[1] = b;
            for (int k = 0; k < m.rows().size(); k++) {
                int count = 0;
                for (double gap : m.rows().get(k).gaps()) {
                    int bin = gap <= 0 ? lo : (int) Math.max(lo, Math.min(hi, Math.floor(Math.log10(gap))));
                    if (bin == b) {
                        count++;
                    }
                }
                row[k + 2] = count;
            }
            t.add(row);
        }
        return t;
    }
}
