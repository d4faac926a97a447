package io.github.javagrad.examples.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.examples.nets.XorTrainingExample.Data;
import io.github.javagrad.examples.nets.XorTrainingExample.Mlp;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XorTrainingExampleTest {

  private static final XorTrainingExample.Run RUN = XorTrainingExample.run();

  @Test
  void trainingReachesNinetyFivePercentOnFreshPoints() {
    XorTrainingExample.Run run = RUN;
    assertTrue(run.trainAccuracy() >= 0.95, "training accuracy " + run.trainAccuracy());
    assertTrue(run.testAccuracy() >= 0.95, "test accuracy " + run.testAccuracy());
  }

  @Test
  void lossFallsTenfoldAndNeverRises() {
    double[] losses = RUN.losses();
    assertEquals(XorTrainingExample.EPOCHS + 1, losses.length);
    assertTrue(losses[0] > 0.6, "initial loss " + losses[0]);
    double last = losses[losses.length - 1];
    assertTrue(last < losses[0] / 10, "final loss " + last);
    for (int e = 1; e < losses.length; e++) {
      assertTrue(losses[e] < losses[e - 1], "loss rose at epoch " + e);
    }
  }

  @Test
  void untrainedNetworkIsNoBetterThanGuessing() {
    Data data = XorTrainingExample.trainingData();
    double accuracy = XorTrainingExample.initialNet().accuracy(data);
    assertTrue(accuracy > 0.3 && accuracy < 0.7, "accuracy " + accuracy);
  }

  @Test
  void dataIsBalancedXor() {
    Data data = XorTrainingExample.trainingData();
    double ones = 0;
    for (int n = 0; n < data.xs().length; n++) {
      ones += data.ys()[n];
      assertEquals(data.ys()[n] == 1, n % 2 != n / 2 % 2, "label of point " + n);
    }
    assertEquals(XorTrainingExample.POINTS / 2.0, ones);
  }

  /** Two epochs of {@code train} equal two steps made with the fresh-array gradient method. */
  @Test
  void trainZeroesTheReusedGradientEachEpoch() {
    Data data = XorTrainingExample.Data.xor(8, 0.4, 1L);
    Mlp trained = Mlp.random(2, 3, 5L);
    Mlp byHand = trained.copy();
    XorTrainingExample.train(trained, data, 0.5, 2);
    for (int epoch = 0; epoch < 2; epoch++) {
      XorTrainingExampleGradients.Loss g =
          XorTrainingExampleGradients.loss(
              byHand.w1, byHand.b1, byHand.w2, byHand.b2, data.xs(), data.ys());
      for (int j = 0; j < 3; j++) {
        byHand.w1[0][j] -= 0.5 * g.dW1()[0][j];
        byHand.w1[1][j] -= 0.5 * g.dW1()[1][j];
        byHand.b1[j] -= 0.5 * g.dB1()[j];
        byHand.w2[j] -= 0.5 * g.dW2()[j];
      }
      byHand.b2 -= 0.5 * g.dB2();
    }
    assertArrayEquals(byHand.w1[0], trained.w1[0], 1e-15);
    assertArrayEquals(byHand.w1[1], trained.w1[1], 1e-15);
    assertArrayEquals(byHand.b1, trained.b1, 1e-15);
    assertArrayEquals(byHand.w2, trained.w2, 1e-15);
    assertEquals(byHand.b2, trained.b2, 1e-15);
  }

  /** A 2-3-1 network on 6 points: 6 + 3 + 3 + 1 = 13 parameters. */
  @Test
  void generatedGradientPassesGradientCheck() {
    Data data = XorTrainingExample.Data.xor(6, 0.4, 3L);
    GradientCheck check =
        GradientCheck.of(
            p -> {
              double[][] w1 = {{p[0], p[1], p[2]}, {p[3], p[4], p[5]}};
              double[] b1 = {p[6], p[7], p[8]};
              double[] w2 = {p[9], p[10], p[11]};
              return XorTrainingExampleGradients.loss(w1, b1, w2, p[12], data.xs(), data.ys());
            });
    check.assertAtRandomPoints(20, filled(13, -2), filled(13, 2), 11L);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
