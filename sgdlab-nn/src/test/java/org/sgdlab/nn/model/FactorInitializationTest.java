package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** The three factor initializations: their defining identities, their scale α, their seeds. */
class FactorInitializationTest {
    @Test
    void gaussianEntriesAreAlphaTimesTheStreamsNormals() {
        FactorChain chain = new FactorChain(3, 10, 3);
        double[] w = FactorInitialization.gaussian(0.01).initialize(chain, new RandomStream(1));
        double[] z = new RandomStream(1).gaussians(new double[60]);
        for (int i = 0; i < 60; i++) {
            assertEquals(0.01 * z[i], w[i], 0.0);
        }
    }

    @Test
    void orthogonalFactorsHaveOrthonormalRowsOrColumnsTimesAlpha() {
        FactorChain chain = new FactorChain(5, 3, 7, 2);
        double alpha = 0.4;
        double[] w = FactorInitialization.orthogonal(alpha).initialize(chain, new RandomStream(2));
        for (int l = 1; l <= 3; l++) {
            Matrix f = chain.factor(w, l);
            boolean wide = f.rows() <= f.cols();
            int k = wide ? f.rows() : f.cols();
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double s = 0;
                    int len = wide ? f.cols() : f.rows();
                    for (int t = 0; t < len; t++) {
                        s += wide ? f.get(a, t) * f.get(b, t) : f.get(t, a) * f.get(t, b);
                    }
                    assertEquals(a == b ? alpha * alpha : 0.0, s, 1e-15, "factor " + l + " (" + a + ", " + b + ")");
                }
            }
        }
    }

    @Test
    void balancedFactorsAreBalancedAndMultiplyToAlphaToTheLTimesTheDrawnMatrix() {
        double alpha = 0.3;
        // hidden widths at least min(n0, nL): the product is α^L A exactly
        FactorChain chain = new FactorChain(4, 6, 5, 3);
        double[] w = FactorInitialization.balanced(alpha).initialize(chain, new RandomStream(3));
        assertTrue(chain.balanceResidual(w) <= 1e-15, "imbalance " + chain.balanceResidual(w));
        double[] a = new RandomStream(3).gaussians(new double[12]); // A (3 × 4) is the first draw
        Matrix p = chain.product(w);
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.pow(alpha, 3) * a[i], p.data()[i], 1e-15, "entry " + i);
        }
        // a bottleneck of width 1: the product is α^L times A's best rank-1 approximation
        FactorChain narrow = new FactorChain(4, 1, 3);
        double[] wn = FactorInitialization.balanced(alpha).initialize(narrow, new RandomStream(3));
        assertTrue(narrow.balanceResidual(wn) <= 1e-15, "imbalance " + narrow.balanceResidual(wn));
        double[] sigmaA = JacobiSvd.singularValues(a, 3, 4);
        double[] sigmaP = JacobiSvd.singularValues(narrow.product(wn).data(), 3, 4);
        assertEquals(alpha * alpha * sigmaA[0], sigmaP[0], 1e-14);
        assertEquals(0.0, sigmaP[1], 1e-15);
        // an unbalanced start is measured as such
        double[] g = FactorInitialization.gaussian(1).initialize(chain, new RandomStream(3));
        assertTrue(chain.balanceResidual(g) > 1, "a Gaussian start is not balanced: " + chain.balanceResidual(g));
    }

    @Test
    void sameSeedSameBitsAndBadArgumentsAreNamed() {
        FactorChain chain = new FactorChain(3, 4, 2);
        for (String name : FactorInitialization.NAMES) {
            assertArrayEquals(FactorInitialization.byName(name, 0.5).initialize(chain, new RandomStream(9)),
                    FactorInitialization.byName(name, 0.5).initialize(chain, new RandomStream(9)), 0.0, name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactorInitialization.balanced(0));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorInitialization.byName("xavier", 1));
        assertTrue(e.getMessage().contains("\"xavier\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FactorChain(3));
        assertTrue(e.getMessage().contains("L >= 1"), e.getMessage());
    }
}
