package io.github.javagrad.examples.nets;

import io.github.javagrad.Differentiable;
import java.util.Arrays;
import java.util.Random;

/**
 * Trains a 2-16-1 network (tanh hidden layer, sigmoid output) on an XOR pattern of four noisy
 * clusters with plain full-batch gradient descent: the update {@code w += delta_w} with {@code
 * delta_w = -eta dloss/dw} of seeds 002/003, repeated until the loss levels off.
 *
 * <p>The whole batch's mean cross-entropy is one {@link Differentiable} method, {@link #loss}.
 * Every epoch calls the generated pullback {@code XorTrainingExampleGradients.lossPullback}, which
 * adds the gradient into weight-shaped arrays that the loop allocates once and zeroes before each
 * step. No straight line separates the classes, so the hidden layer has to learn a non-linear
 * boundary.
 */
public final class XorTrainingExample {
  private XorTrainingExample() {}

  /**
   * The mean binary cross-entropy of the network over a batch. {@code w1[i][j]} joins input i to
   * hidden unit j; the output is {@code sigmoid(z)} for the logit {@code z = b2 + sum_j w2[j]
   * tanh(a_j)}, and {@code -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z))} is written in the form
   * {@code max(z, 0) - z y + log(1 + exp(-|z|))}, which never overflows.
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  static double loss(
      double[][] w1, double[] b1, double[] w2, double b2, double[][] xs, double[] ys) {
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      double z = b2;
      for (int j = 0; j < b1.length; j++) {
        double a = b1[j];
        for (int i = 0; i < xs[n].length; i++) {
          a += xs[n][i] * w1[i][j];
        }
        z += Math.tanh(a) * w2[j];
      }
      total += Math.max(z, 0) - z * ys[n] + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return total / xs.length;
  }

  /** Points {@code xs[n]} with labels {@code ys[n]}, 0 or 1. */
  record Data(double[][] xs, double[] ys) {

    /**
     * {@code n} points around the corners {@code (+-1, +-1)} with Gaussian noise of standard
     * deviation {@code noise}; label 1 where the corner's coordinates differ in sign (XOR).
     */
    static Data xor(int n, double noise, long seed) {
      Random random = new Random(seed);
      double[][] xs = new double[n][2];
      double[] ys = new double[n];
      for (int k = 0; k < n; k++) {
        double cx = k % 2 == 0 ? 1 : -1;
        double cy = k / 2 % 2 == 0 ? 1 : -1;
        xs[k][0] = cx + noise * random.nextGaussian();
        xs[k][1] = cy + noise * random.nextGaussian();
        ys[k] = cx == cy ? 0 : 1;
      }
      return new Data(xs, ys);
    }
  }

  /** The network's weights; {@link #train} updates them in place. */
  static final class Mlp {
    final double[][] w1;
    final double[] b1;
    final double[] w2;
    double b2;

    private Mlp(double[][] w1, double[] b1, double[] w2, double b2) {
      this.w1 = w1;
      this.b1 = b1;
      this.w2 = w2;
      this.b2 = b2;
    }

    /** Gaussian weights with standard deviation {@code 1 / sqrt(fan-in)}, zero biases. */
    static Mlp random(int inputs, int hidden, long seed) {
      Random random = new Random(seed);
      double[][] w1 = new double[inputs][hidden];
      double[] w2 = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        for (int i = 0; i < inputs; i++) {
          w1[i][j] = random.nextGaussian() / Math.sqrt(inputs);
        }
        w2[j] = random.nextGaussian() / Math.sqrt(hidden);
      }
      return new Mlp(w1, new double[hidden], w2, 0);
    }

    Mlp copy() {
      double[][] w = new double[w1.length][];
      for (int i = 0; i < w.length; i++) {
        w[i] = w1[i].clone();
      }
      return new Mlp(w, b1.clone(), w2.clone(), b2);
    }

    double loss(Data data) {
      return XorTrainingExample.loss(w1, b1, w2, b2, data.xs(), data.ys());
    }

    /** The fraction of points whose output {@code sigmoid(z)} is on their label's side of 1/2. */
    double accuracy(Data data) {
      int correct = 0;
      for (int n = 0; n < data.xs().length; n++) {
        double z = b2;
        for (int j = 0; j < b1.length; j++) {
          double a = b1[j];
          for (int i = 0; i < w1.length; i++) {
            a += data.xs()[n][i] * w1[i][j];
          }
          z += Math.tanh(a) * w2[j];
        }
        if ((z > 0) == (data.ys()[n] == 1)) {
          correct++;
        }
      }
      return (double) correct / data.xs().length;
    }
  }

  /**
   * Full-batch gradient descent {@code w -= learnRate * dloss/dw}.
   *
   * @return the loss before each epoch and, last, after the final one ({@code epochs + 1} values)
   */
  static double[] train(Mlp net, Data data, double learnRate, int epochs) {
    double[][] dW1 = new double[net.w1.length][net.b1.length];
    double[] dB1 = new double[net.b1.length];
    double[] dW2 = new double[net.w2.length];
    double[] losses = new double[epochs + 1];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (double[] row : dW1) {
        Arrays.fill(row, 0);
      }
      Arrays.fill(dB1, 0);
      Arrays.fill(dW2, 0);
      XorTrainingExampleGradients.Loss g =
          XorTrainingExampleGradients.lossPullback(
              net.w1, net.b1, net.w2, net.b2, data.xs(), data.ys(), 1.0, dW1, dB1, dW2);
      losses[epoch] = g.value();
      for (int j = 0; j < dB1.length; j++) {
        for (int i = 0; i < dW1.length; i++) {
          net.w1[i][j] -= learnRate * dW1[i][j];
        }
        net.b1[j] -= learnRate * dB1[j];
        net.w2[j] -= learnRate * dW2[j];
      }
      net.b2 -= learnRate * g.dB2();
    }
    losses[epochs] = net.loss(data);
    return losses;
  }

  // Data: 200 training and 200 test points, noise 0.4 (about 1% of points land in a wrong
  // quadrant, so no classifier scores much above 99% on fresh points).
  static final int POINTS = 200;
  static final double NOISE = 0.4;
  static final long TRAIN_SEED = 2024;
  static final long TEST_SEED = 2025;
  // Network and training.
  static final int HIDDEN = 16;
  static final long WEIGHT_SEED = 7;
  static final double LEARN_RATE = 1.0;
  static final int EPOCHS = 500;

  /** The training set, shared with {@link LearningRateExample}. */
  static Data trainingData() {
    return Data.xor(POINTS, NOISE, TRAIN_SEED);
  }

  /** The initial network, shared with {@link LearningRateExample}. */
  static Mlp initialNet() {
    return Mlp.random(2, HIDDEN, WEIGHT_SEED);
  }

  /** The outcome of the example's training run. */
  record Run(double[] losses, double trainAccuracy, double testAccuracy) {}

  static Run run() {
    Data train = trainingData();
    Mlp net = initialNet();
    double[] losses = train(net, train, LEARN_RATE, EPOCHS);
    return new Run(losses, net.accuracy(train), net.accuracy(Data.xor(POINTS, NOISE, TEST_SEED)));
  }

  public static void main(String[] args) {
    System.out.println("== XOR: training a 2-16-1 tanh/sigmoid network by gradient descent");
    System.out.printf(
        "%d points around (+-1, +-1), noise %.1f, label 1 where the signs differ%n", POINTS, NOISE);
    System.out.printf("full batch, learning rate %.1f, mean cross-entropy%n", LEARN_RATE);
    Run run = run();
    for (int epoch = 0; epoch <= EPOCHS; epoch += 50) {
      System.out.printf("  epoch %3d   loss %.5f%n", epoch, run.losses()[epoch]);
    }
    System.out.printf(
        "accuracy: training set %.1f%%, fresh test set %.1f%%%n",
        100 * run.trainAccuracy(), 100 * run.testAccuracy());
  }
}
