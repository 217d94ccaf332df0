package org.sgdlab.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Schedules;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/** The README example: a two-layer ReLU MLP learns XOR-labelled Gaussian data with Adam through the core Trainer. */
class TrainMlpWithAdamTest {
    @Test
    void adamFitsXorWithATwoLayerMlp() {
        Dataset data = Fixtures.data(200, 2, true, 7);                      // labels sign(x1·x2): not linearly separable
        Mlp net = Mlp.builder(2).hidden(32).build();                          // 2-32-1, relu, biases
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        double[] w0 = net.initialize(new RandomStream(1));
        TrainResult run = Trainer.builder(f, OptimizerCatalog.create("adam", Schedules.constant(0.02), Map.of(), f.dimension()))
                .probes(Probes.loss())
                .build()
                .run(w0, 1500);
        double[] w = run.params();

        double[] out = new double[data.n()];
        f.outputs(w, out);
        int correct = 0;
        for (int i = 0; i < data.n(); i++) {
            correct += out[i] * data.y()[i] > 0 ? 1 : 0;
        }
        assertTrue(f.value(w0) > 0.6, "starts near log 2: " + f.value(w0));
        assertTrue(f.value(w) < 0.1, "training loss after 1500 Adam steps: " + f.value(w));
        assertTrue(correct >= 196, "training accuracy " + correct + "/200");
        // same seed, same bits
        TrainResult again = Trainer.builder(f, OptimizerCatalog.create("adam", Schedules.constant(0.02), Map.of(), f.dimension()))
                .build().run(net.initialize(new RandomStream(1)), 1500);
        assertArrayEquals(w, again.params(), 0.0);
    }
}
