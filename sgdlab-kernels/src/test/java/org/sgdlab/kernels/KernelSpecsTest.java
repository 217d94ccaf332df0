package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelSpecsTest {
    @Test
    void specsRoundTripThroughDescribe() {
        String[] specs = {"linear", "poly", "poly:degree=2,gamma=0.5,coef0=0", "rbf:gamma=0.25", "arccos:order=0", "arccos",
            "ntk", "ntk:depth=3", "ntk:depth=2,c=1,trained=first", "ntk:depth=4,trained=1/3",
            "ntk:depth=3,param=standard,width=100", "ntk:depth=3,param=standard,width=100/50,trained=last",
            "ntk:depth=2,activation=tanh,points=32", "ntk:depth=2,activation=erf", "ntk:depth=2,activation=softplus,c=auto"};
        double[] x = {0.3, -1.2, 0.5};
        double[] y = {1.1, 0.4, -0.2};
        for (String spec : specs) {
            Kernel k = KernelSpecs.parse(spec);
            Kernel again = KernelSpecs.parse(k.describe());
            assertEquals(k.describe(), again.describe(), spec);
            assertEquals(k.value(x, y), again.value(x, y), 0.0, spec);
        }
        assertEquals("ntk:depth=2,activation=relu,c=2,param=ntk,trained=all", KernelSpecs.parse("ntk").describe());
        assertEquals("ntk:depth=3,activation=relu,c=2,param=standard,width=100/100,trained=all",
                KernelSpecs.parse("ntk:depth=3,param=standard,width=100").describe());
        assertEquals(AnalyticNtk.relu(3).fromInnerProducts(1, 2, 0.3),
                ((AnalyticNtk) KernelSpecs.parse(" ntk:depth=3 ")).fromInnerProducts(1, 2, 0.3), 0.0);
    }

    @Test
    void badSpecsNameTheOffendingPart() {
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("gauss"), "unknown kernel \"gauss\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse(""), "linear, poly, rbf, arccos, ntk");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:sigma=1"), "\"sigma\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:gamma=abc"), "gamma must be a finite number, got \"abc\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:gamma=-2"), "got -2.0");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:gamma"), "expected key=value, got \"gamma\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:"), "nothing after the colon");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("rbf:gamma=1,gamma=2"), "given twice");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("linear:gamma=1"), "takes none");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("poly:degree=2.5"), "got \"2.5\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:depth=0"), "got 0");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:depth=two"), "got \"two\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:activation=gelu"), "\"gelu\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:param=mup"), "got \"mup\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:width=100"), "got width=100");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:depth=3,param=standard"), "width");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:trained=middle"), "got \"middle\"");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:depth=2,trained=3"), "got 3");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:points=10"), "got points=10");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:activation=tanh,points=0"), "got 0");
        AnalyticNtkTest.assertMessage(() -> KernelSpecs.parse("ntk:c=0"), "got 0.0");
    }
}
