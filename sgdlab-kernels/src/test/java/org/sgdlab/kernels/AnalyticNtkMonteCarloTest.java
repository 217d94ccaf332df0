package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * The analytic NTK against the empirical NTK of random finite networks, averaged over seeded draws (002 Lemma 9.2.2:
 * each entry of the two-layer NTK is a mean of m i.i.d. terms, so it concentrates at rate m^{−1/2}).
 *
 * <p>Error bar of a mean over R draws: 4 standard errors sd/√R (sd the sample deviation across draws), plus D/m·Θ(x, x)
 * for depth D ≥ 3, the order of the finite-width bias of the mean (Hanin &amp; Nica, "Finite depth and width corrections
 * to the neural tangent kernel", ICLR 2020: E Θ_m = Θ(1 + O(D/m))); for D = 2 the mean is unbiased.
 */
class AnalyticNtkMonteCarloTest {
    static final int DRAWS = 24;

    /** Mean and sample standard deviation over DRAWS seeded draws of the empirical NTK entries Θ(x₀, xⱼ). */
    static double[][] monteCarlo(FullyConnectedNetwork net, EmpiricalNtk ntk, Matrix x, long seed) {
        int n = x.rows();
        double[] sum = new double[n];
        double[] sq = new double[n];
        for (int r = 0; r < DRAWS; r++) {
            double[] w = net.initialize(new RandomStream(seed + r), 1.0);
            double[] g = ntk.gram(w, x);
            for (int j = 0; j < n; j++) {
                sum[j] += g[j];
                sq[j] += g[j] * g[j];
            }
        }
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int j = 0; j < n; j++) {
            mean[j] = sum[j] / DRAWS;
            sd[j] = Math.sqrt(Math.max(0, (sq[j] - DRAWS * mean[j] * mean[j]) / (DRAWS - 1)));
        }
        return new double[][] {mean, sd};
    }

    static void assertWithinErrorBars(FullyConnectedNetwork net, AnalyticNtk analytic, EmpiricalNtk ntk, int width,
                                      long seed) {
        Matrix x = KernelTestData.unitCircle(1.0);
        double[][] mc = monteCarlo(net, ntk, x, seed);
        double[] exact = GramMatrix.symmetric(analytic, x);
        double bias = net.depth() >= 3 ? (double) net.depth() / width * exact[0] : 0.0;
        for (int j = 0; j < x.rows(); j++) {
            double bar = 4 * mc[1][j] / Math.sqrt(DRAWS) + bias + 1e-12;
            assertEquals(exact[j], mc[0][j], bar, net.describe() + " " + analytic.describe() + ": Θ(x₀, x" + j + ")");
        }
    }

    @Test
    void twoLayerReluHeBothLayersNtkParameterization() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {512}, "relu", Double.NaN, Parameterization.NTK);
        assertWithinErrorBars(net, AnalyticNtk.relu(2), EmpiricalNtk.of(net), 512, 100);
    }

    @Test
    void depthThreeReluNtkParameterization() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {256, 256}, "relu", Double.NaN,
                Parameterization.NTK);
        assertWithinErrorBars(net, AnalyticNtk.relu(3), EmpiricalNtk.of(net), 256, 200);
    }

    @Test
    void standardParameterizationAtItsWidth() {
        FullyConnectedNetwork two = new FullyConnectedNetwork(2, new int[] {256}, "relu", Double.NaN,
                Parameterization.STANDARD);
        assertWithinErrorBars(two, two.analyticNtk(), EmpiricalNtk.of(two), 256, 300);
        FullyConnectedNetwork three = new FullyConnectedNetwork(2, new int[] {128, 192}, "relu", Double.NaN,
                Parameterization.STANDARD);
        assertWithinErrorBars(three, three.analyticNtk(), EmpiricalNtk.of(three), 128, 400);
    }

    @Test
    void lastAndFirstLayerOnlyVariants() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {192, 192}, "relu", Double.NaN,
                Parameterization.NTK);
        assertWithinErrorBars(net, AnalyticNtk.builder(3).lastLayerOnly().build(), EmpiricalNtk.of(net).trainingOnly("W3"),
                192, 500);
        assertWithinErrorBars(net, AnalyticNtk.builder(3).firstLayerOnly().build(), EmpiricalNtk.of(net).trainingOnly("W1"),
                192, 600);
    }

    @Test
    void tanhNetworkMatchesTheQuadratureKernel() {
        FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {256, 256}, "tanh", Double.NaN,
                Parameterization.NTK);
        assertWithinErrorBars(net, net.analyticNtk(), EmpiricalNtk.of(net), 256, 700);
    }

    @Test
    void section92NetworkFollowsTheCorrectedEquation98AndRejectsTheMisprint() {
        // 002 §9.2: f = (1/√m) Σ a_r relu(w_rᵀx) (NTK parameterization with c_σ = 1), first layer trained. Inputs of
        // norm 0.6, so xᵢᵀxⱼ = 0.36 cos θ: the misprinted (π − θ)/(2π) is off by that factor, never within 64 %.
        FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {1024}, "relu", 1.0, Parameterization.NTK);
        Matrix x = KernelTestData.unitCircle(0.6);
        EmpiricalNtk firstOnly = EmpiricalNtk.of(net).trainingOnly("W1");
        double[][] mc = monteCarlo(net, firstOnly, x, 800);
        AnalyticNtk corrected = AnalyticNtk.builder(2).cSigma(1).firstLayerOnly().build();
        for (int k = 0; k < KernelTestData.ANGLES.length; k++) {
            double theta = KernelTestData.ANGLES[k];
            double bar = 4 * mc[1][k + 1] / Math.sqrt(DRAWS) + 1e-12;
            double h = 0.36 * Math.cos(theta) * (Math.PI - theta) / (2 * Math.PI);
            assertEquals(h, corrected.fromInnerProducts(0.36, 0.36, 0.36 * Math.cos(theta)), 1e-14);
            assertEquals(h, mc[0][k + 1], bar, "θ = " + theta);
            double misprint = (Math.PI - theta) / (2 * Math.PI);
            if (theta != Math.PI) {
                assertTrue(Math.abs(mc[0][k + 1] - misprint) > 3 * bar, "θ = " + theta + ": the Monte-Carlo NTK "
                        + mc[0][k + 1] + " must exclude the printed eq. 9.8's " + misprint);
            }
        }
    }

    @Test
    void spreadShrinksLikeTheInverseSquareRootOfTheWidth() {
        // Fitted slope of log sd(Θ_m(x₀, x_θ)) against log m over m = 32 … 512, averaged over the angles with θ < π
        // (at θ = π the two inputs are opposite and every draw gives exactly 0). Standard error of one fitted slope
        // with R = 24 draws: about 0.15/(log-range 2.8)·√(2/… ) ≈ 0.06; the bar is ±0.15.
        int[] widths = {32, 128, 512};
        Matrix x = KernelTestData.unitCircle(1.0);
        int angles = KernelTestData.ANGLES.length - 1;
        double[][] logSd = new double[angles][widths.length];
        for (int w = 0; w < widths.length; w++) {
            FullyConnectedNetwork net = new FullyConnectedNetwork(2, new int[] {widths[w]}, "relu", Double.NaN,
                    Parameterization.NTK);
            double[][] mc = monteCarlo(net, EmpiricalNtk.of(net), x, 900 + 100L * w);
            for (int k = 0; k < angles; k++) {
                logSd[k][w] = Math.log(mc[1][k + 1]);
            }
        }
        double meanSlope = 0;
        for (int k = 0; k < angles; k++) {
            double mx = 0;
            double my = 0;
            for (int w = 0; w < widths.length; w++) {
                mx += Math.log(widths[w]) / widths.length;
                my += logSd[k][w] / widths.length;
            }
            double sxy = 0;
            double sxx = 0;
            for (int w = 0; w < widths.length; w++) {
                double dx = Math.log(widths[w]) - mx;
                sxy += dx * (logSd[k][w] - my);
                sxx += dx * dx;
            }
            meanSlope += sxy / sxx / angles;
        }
        assertEquals(-0.5, meanSlope, 0.15, "slope of log sd against log m");
    }
}
