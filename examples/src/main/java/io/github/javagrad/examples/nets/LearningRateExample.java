package io.github.javagrad.examples.nets;

import io.github.javagrad.examples.nets.XorTrainingExample.Data;

/**
 * The XOR training of {@link XorTrainingExample} with three learning rates, side by side.
 *
 * <p>Reproduces seed 003 ("Lecture Notes in Deep Learning: Feedforward Networks – Part 3"): the
 * weight update is a feedback loop whose gain is the learning rate eta. "If we have eta too high,
 * it will create positive feedback ... our loss may grow or really explode"; "if you pick eta too
 * small ... we just have too small steps and we don't get into a good convergence"; "only if you
 * choose eta appropriately ... the loss should start decreasing very quickly". All three runs start
 * from the same weights and use the same javagrad-generated gradient.
 */
public final class LearningRateExample {
  private LearningRateExample() {}

  /** Too high, too small, and about right: the rate {@link XorTrainingExample} trains with. */
  static final double[] LEARN_RATES = {300, 0.01, XorTrainingExample.LEARN_RATE};

  static final String[] NAMES = {"too high", "too small", "about right"};
  static final int EPOCHS = 100;

  /** The loss per epoch for each of {@link #LEARN_RATES}: {@code losses[run][epoch]}. */
  static double[][] lossCurves() {
    Data data = XorTrainingExample.trainingData();
    double[][] losses = new double[LEARN_RATES.length][];
    for (int r = 0; r < LEARN_RATES.length; r++) {
      XorTrainingExample.Mlp net = XorTrainingExample.initialNet();
      losses[r] = XorTrainingExample.train(net, data, LEARN_RATES[r], EPOCHS);
    }
    return losses;
  }

  public static void main(String[] args) {
    System.out.println("== Learning rate: too high, too small, about right, seed 003");
    System.out.println("XOR training from the same initial weights; mean cross-entropy per epoch");
    System.out.println("(every epoch up to 10, then every 10th)");
    double[][] losses = lossCurves();
    String row = "%-5s  %-22s  %-22s  %s%n";
    String[] heads = new String[3];
    for (int r = 0; r < 3; r++) {
      heads[r] = "%s, eta = %s".formatted(NAMES[r], LEARN_RATES[r]);
    }
    System.out.printf(row, "epoch", heads[0], heads[1], heads[2]);
    for (int epoch = 0; epoch <= EPOCHS; epoch += epoch < 10 ? 1 : 10) {
      System.out.printf(
          row,
          epoch,
          "%.4f".formatted(losses[0][epoch]),
          "%.4f".formatted(losses[1][epoch]),
          "%.4f".formatted(losses[2][epoch]));
    }
  }
}
