package io.github.javagrad.examples.nets;

import io.github.javagrad.Differentiable;
import java.util.Arrays;

/**
 * One backpropagation step for a 3-2-1 sigmoid network, by javagrad and by hand.
 *
 * <p>Reproduces seed 002 ("Backpropagation", part 2): with hidden activations {@code h = sigmoid(x
 * W_in)}, output {@code y = sigmoid(h . w_out)} and loss {@code (target - y)^2 / 2}, the seed
 * derives the error terms {@code delta_out = (target - y) y (1 - y)} and {@code delta_j = delta_out
 * w_out[j] h_j (1 - h_j)} and the steps {@code del_w_out = lr delta_out h}, {@code del_w_in[i][j] =
 * lr delta_j x[i]}. With javagrad the loss is written once, forward, in {@link #loss}; the
 * generated {@code HiddenLayerExampleGradients.loss} returns its gradient with respect to both
 * weight arrays, and {@code -lr * gradient} is the seed's step.
 */
public final class HiddenLayerExample {
  private HiddenLayerExample() {}

  /** The squared-error loss of the network; {@code wIn[i][j]} joins input i to hidden unit j. */
  @Differentiable(wrt = {"wIn", "wOut"})
  static double loss(double[][] wIn, double[] wOut, double[] x, double target) {
    double y = 0;
    for (int j = 0; j < wOut.length; j++) {
      double z = 0;
      for (int i = 0; i < x.length; i++) {
        z += x[i] * wIn[i][j];
      }
      y += Activations.sigmoid(z) * wOut[j];
    }
    double error = target - Activations.sigmoid(y);
    return 0.5 * error * error;
  }

  // The seed's input, target, learning rate and initial weights.
  static final double[] X = {0.5, 0.1, -0.2};
  static final double TARGET = 0.6;
  static final double LEARN_RATE = 0.5;
  static final double[][] W_IN = {{0.5, -0.6}, {0.1, -0.2}, {0.1, 0.7}};
  static final double[] W_OUT = {0.1, -0.3};

  /** Weight steps for both layers. */
  record Steps(double[][] wIn, double[] wOut) {}

  /** The seed's hand-derived backpropagation step, in the order of its NumPy code. */
  static Steps seedSteps() {
    double[] h = new double[2];
    for (int j = 0; j < 2; j++) {
      double z = 0;
      for (int i = 0; i < 3; i++) {
        z += X[i] * W_IN[i][j];
      }
      h[j] = Activations.sigmoid(z);
    }
    double output = Activations.sigmoid(h[0] * W_OUT[0] + h[1] * W_OUT[1]);
    double error = TARGET - output;
    double outputErrorTerm = error * output * (1 - output);
    double[] delWOut = new double[2];
    double[][] delWIn = new double[3][2];
    for (int j = 0; j < 2; j++) {
      double hiddenErrorTerm = outputErrorTerm * W_OUT[j] * h[j] * (1 - h[j]);
      delWOut[j] = LEARN_RATE * outputErrorTerm * h[j];
      for (int i = 0; i < 3; i++) {
        delWIn[i][j] = LEARN_RATE * hiddenErrorTerm * X[i];
      }
    }
    return new Steps(delWIn, delWOut);
  }

  /** javagrad's step {@code -lr * gradient} at the seed's weights. */
  static Steps javagradSteps() {
    HiddenLayerExampleGradients.Loss g = HiddenLayerExampleGradients.loss(W_IN, W_OUT, X, TARGET);
    double[][] wIn = new double[3][2];
    double[] wOut = new double[2];
    for (int j = 0; j < 2; j++) {
      wOut[j] = -LEARN_RATE * g.dWOut()[j];
      for (int i = 0; i < 3; i++) {
        wIn[i][j] = -LEARN_RATE * g.dWIn()[i][j];
      }
    }
    return new Steps(wIn, wOut);
  }

  /** The seed's weights plus a step. */
  static Steps updated(Steps step) {
    double[][] wIn = new double[3][2];
    double[] wOut = new double[2];
    for (int j = 0; j < 2; j++) {
      wOut[j] = W_OUT[j] + step.wOut()[j];
      for (int i = 0; i < 3; i++) {
        wIn[i][j] = W_IN[i][j] + step.wIn()[i][j];
      }
    }
    return new Steps(wIn, wOut);
  }

  public static void main(String[] args) {
    System.out.println("== Hidden layer: one backprop step, 3-2-1 sigmoid network, seed 002");
    System.out.println("x = (0.5, 0.1, -0.2), target = 0.6, learning rate = 0.5");
    Steps javagrad = javagradSteps();
    Steps seed = seedSteps();
    Steps next = updated(javagrad);
    String row = "%-30s  %s%n";
    System.out.printf(row, "loss before the step", loss(W_IN, W_OUT, X, TARGET));
    System.out.printf(row, "javagrad -lr * dloss/dw_out", Arrays.toString(javagrad.wOut()));
    System.out.printf(row, "seed's del_w_out", Arrays.toString(seed.wOut()));
    System.out.printf(row, "javagrad -lr * dloss/dW_in", Arrays.deepToString(javagrad.wIn()));
    System.out.printf(row, "seed's del_w_in", Arrays.deepToString(seed.wIn()));
    System.out.printf(row, "updated w_out", Arrays.toString(next.wOut()));
    System.out.printf(row, "updated W_in", Arrays.deepToString(next.wIn()));
    System.out.printf(row, "loss after the step", loss(next.wIn(), next.wOut(), X, TARGET));
  }
}
