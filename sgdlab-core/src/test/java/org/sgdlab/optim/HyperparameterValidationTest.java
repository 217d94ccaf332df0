package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hyperparameter outside its domain fails at construction, naming the parameter and the value. */
class HyperparameterValidationTest {
    private static Arguments bad(String name, String expectedName, String expectedValue, Executable make) {
        return Arguments.of(name, expectedName, expectedValue, make);
    }

    static Stream<Arguments> table() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                // schedules
                bad("constant lr < 0", "learning rate", "-0.1", () -> Schedules.constant(-0.1)),
                bad("constant lr = 0", "learning rate", "0.0", () -> Schedules.constant(0)),
                bad("constant lr NaN", "learning rate", "NaN", () -> Schedules.constant(nan)),
                bad("constant lr inf", "learning rate", "Infinity", () -> Schedules.constant(inf)),
                bad("inverse-time tau", "tau", "0.0", () -> Schedules.inverseTime(0.1, 0)),
                bad("inverse-sqrt tau", "tau", "-1.0", () -> Schedules.inverseSqrt(0.1, -1)),
                bad("inverse-time-decay rate", "lr_decay", "-0.5", () -> Schedules.inverseTimeDecay(0.1, -0.5)),
                bad("step decay gamma", "gamma", "0.0", () -> Schedules.stepDecay(0.1, 0, 10)),
                bad("step decay size", "step size", "0", () -> Schedules.stepDecay(0.1, 0.5, 0)),
                bad("exponential gamma", "gamma", "-0.9", () -> Schedules.exponential(0.1, -0.9)),
                bad("thm 13.3.1 lambda", "lambda", "-1.0", () -> Schedules.exponentialForWeightDecay(0.1, -1)),
                bad("thm 13.3.1 eta·lambda", "learning rate × lambda", "2.0", () -> Schedules.exponentialForWeightDecay(1, 2)),
                bad("cosine T", "total steps", "0", () -> Schedules.cosine(0.1, 0, 0)),
                bad("cosine eta_min < 0", "eta_min", "-0.01", () -> Schedules.cosine(0.1, 10, -0.01)),
                bad("cosine eta_min > eta", "eta_min", "0.2", () -> Schedules.cosine(0.1, 10, 0.2)),
                bad("warmup steps", "warm-up steps", "-3", () -> Schedules.warmup(-3, Schedules.constant(0.1))),
                // transforms
                bad("weight decay", "weight_decay", "-0.01", () -> new AddWeightDecay(-0.01)),
                bad("decoupled weight decay", "weight_decay", "NaN", () -> new DecoupledWeightDecay(Schedules.constant(0.1), nan)),
                bad("clip value", "clip value", "0.0", () -> new ClipByValue(0)),
                bad("clip norm", "max norm", "-1.0", () -> new ClipByGlobalNorm(-1)),
                bad("adagrad-norm b0", "b0", "0.0", () -> new ScaleByAdagradNorm(0)),
                bad("adagrad initial accumulator", "initial_accumulator_value", "-0.1", () -> new ScaleByAdagrad(-0.1, 1e-10)),
                bad("adagrad eps", "eps", "-1.0E-10", () -> new ScaleByAdagrad(0, -1e-10)),
                bad("full-matrix eps", "eps", "0.0", () -> new ScaleByFullMatrixAdagrad(0)),
                bad("rms alpha", "alpha", "1.0", () -> new ScaleByRms(1.0, 1e-8, 0, false)),
                bad("rms eps", "eps", "-1.0E-8", () -> new ScaleByRms(0.99, -1e-8, 0, false)),
                bad("rms momentum", "momentum", "-0.5", () -> new ScaleByRms(0.99, 1e-8, -0.5, false)),
                bad("adam beta1", "beta1", "1.0", () -> new ScaleByAdam(1.0, 0.999, 1e-8, false)),
                bad("adam beta2", "beta2", "-0.1", () -> new ScaleByAdam(0.9, -0.1, 1e-8, false)),
                bad("adam eps", "eps", "NaN", () -> new ScaleByAdam(0.9, 0.999, nan, true)),
                bad("adamax beta1", "beta1", "1.5", () -> new ScaleByAdamax(1.5, 0.999, 1e-8)),
                bad("adamax beta2", "beta2", "1.0", () -> new ScaleByAdamax(0.9, 1.0, 1e-8)),
                bad("adamax eps", "eps", "-1.0", () -> new ScaleByAdamax(0.9, 0.999, -1)),
                bad("momentum", "momentum", "1.0", () -> new Momentum(1.0, 0, false)),
                bad("dampening", "dampening", "1.5", () -> new Momentum(0.9, 1.5, false)),
                // factories
                bad("sgd lr", "learning rate", "-0.1", () -> Optimizers.sgd(-0.1, 0, 0, false, 0)),
                bad("sgd momentum < 0", "momentum", "-0.9", () -> Optimizers.sgd(0.1, -0.9, 0, false, 0)),
                bad("sgd dampening without momentum", "dampening", "2.0", () -> Optimizers.sgd(0.1, 0, 2, false, 0)),
                bad("sgd nesterov without momentum", "momentum", "0.0", () -> Optimizers.sgd(0.1, 0, 0, true, 0)),
                bad("sgd nesterov with dampening", "dampening", "0.1", () -> Optimizers.sgd(0.1, 0.9, 0.1, true, 0)),
                bad("sgd weight decay", "weight_decay", "-1.0", () -> Optimizers.sgd(0.1, 0.9, 0, false, -1)),
                bad("adam lr", "learning rate", "0.0", () -> Optimizers.adam(0.0)),
                bad("adam weight decay", "weight_decay", "-0.1", () -> Optimizers.adam(1e-3, 0.9, 0.999, 1e-8, -0.1)),
                bad("amsgrad beta2", "beta2", "1.0", () -> Optimizers.amsgrad(1e-3, 0.9, 1.0, 1e-8, 0)),
                bad("adamw weight decay", "weight_decay", "-0.01", () -> Optimizers.adamW(1e-3, 0.9, 0.999, 1e-8, -0.01)),
                bad("adamax lr", "learning rate", "-0.002", () -> Optimizers.adamax(-2e-3)),
                bad("adagrad lr_decay", "lr_decay", "-1.0", () -> Optimizers.adagrad(0.01, -1, 0, 0, 1e-10)),
                bad("adagrad weight decay", "weight_decay", "-1.0", () -> Optimizers.adagrad(0.01, 0, -1, 0, 1e-10)),
                bad("adagrad-norm lr", "learning rate", "-1.0", () -> Optimizers.adagradNorm(-1, 1)),
                bad("full-matrix lr", "learning rate", "NaN", () -> Optimizers.fullMatrixAdagrad(nan, 1e-8)),
                bad("rmsprop weight decay", "weight_decay", "-0.1", () -> Optimizers.rmsprop(0.01, 0.99, 1e-8, -0.1, 0, false)),
                bad("normalized gd lr", "learning rate", "-0.5", () -> Optimizers.normalizedGd(-0.5)),
                // byName
                bad("byName unknown key", "beta3", "known: lr, beta1, beta2, eps, weight_decay",
                        () -> Optimizers.byName("adam", Map.of("beta3", 0.5))),
                bad("byName unknown optimizer", "adamz", "adam", () -> Optimizers.byName("adamz", Map.of())),
                bad("byName missing lr", "lr", "sgd", () -> Optimizers.byName("sgd", Map.of("momentum", 0.9))),
                bad("byName flag", "nesterov", "0.5", () -> Optimizers.byName("sgd", Map.of("lr", 0.1, "momentum", 0.9,
                        "nesterov", 0.5))),
                bad("byName value", "beta1", "1.2", () -> Optimizers.byName("adamax", Map.of("beta1", 1.2))),
                bad("byName schedule unknown", "adam3", "adam", () -> Optimizers.byName("adam3", Schedules.constant(1), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void failsAtConstructionNamingParameterAndValue(String label, String name, String value, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make, label);
        assertTrue(e.getMessage().contains(name), label + ": message lacks the name \"" + name + "\": " + e.getMessage());
        assertTrue(e.getMessage().contains(value), label + ": message lacks \"" + value + "\": " + e.getMessage());
    }
}
