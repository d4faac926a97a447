package io.github.javagrad.examples.nets;

import io.github.javagrad.Differentiable;
import java.util.Arrays;

/**
 * How the gradient reaching the first layer of a deep chain shrinks with depth under the sigmoid
 * and not under ReLU.
 *
 * <p>Reproduces seeds 002 ("Gradient vanish": "backpropagation process will generate more and more
 * sigmoid ... the first layer update weight is very small") and 003 ("when you have very low values
 * close to zero values and you start multiplying them with each other, then you have an exponential
 * decay, causing vanishing gradients"). The network is a chain of {@code N} scalar layers {@code
 * h_{k+1} = act(w_k h_k)}, {@code h_0 = x}, whose output {@code h_N} is the loss. By the chain rule
 * {@code dh_N/dw_0 = x act'(z_0) prod_{k=1}^{N-1} w_k act'(z_k)} with {@code z_k = w_k h_k}. The
 * sigmoid's slope is at most 1/4, so every layer multiplies the gradient by at most {@code |w_k| /
 * 4}; ReLU's slope is 1 wherever {@code z_k > 0}, so with unit weights and {@code x > 0} the
 * gradient passes through every layer unchanged. javagrad differentiates the chain as written,
 * whatever its depth.
 */
public final class VanishingGradientExample {
  private VanishingGradientExample() {}

  /** The output {@code h_N} of the chain, {@code N = w.length}; differentiated for {@code w}. */
  @Differentiable(wrt = {"w"})
  static double output(double[] w, double x, boolean relu) {
    double h = x;
    for (int k = 0; k < w.length; k++) {
      double z = w[k] * h;
      h = relu ? Math.max(0, z) : Activations.sigmoid(z);
    }
    return h;
  }

  /** The input and every weight of the chains shown. */
  static final double X = 1;

  static final double WEIGHT = 1;
  static final int MAX_DEPTH = 30;

  /**
   * {@code |d h_N / d w_0|} for a chain of {@code depth} layers with all weights {@link #WEIGHT}.
   */
  static double firstLayerGradient(int depth, boolean relu) {
    double[] w = new double[depth];
    Arrays.fill(w, WEIGHT);
    return Math.abs(VanishingGradientExampleGradients.output(w, X, relu).dW()[0]);
  }

  /**
   * {@code firstLayerGradient(N, relu)} for {@code N = 1 ... MAX_DEPTH}, at index {@code N - 1}.
   */
  static double[] gradientsByDepth(boolean relu) {
    double[] g = new double[MAX_DEPTH];
    for (int n = 1; n <= MAX_DEPTH; n++) {
      g[n - 1] = firstLayerGradient(n, relu);
    }
    return g;
  }

  public static void main(String[] args) {
    System.out.println(
        "== Vanishing gradient: |d h_N / d w_0| in a chain of N layers, seeds 002/003");
    System.out.println("h_{k+1} = act(w_k h_k), h_0 = 1, all w_k = 1");
    double[] sigmoid = gradientsByDepth(false);
    double[] relu = gradientsByDepth(true);
    String row = "%-3s  %-12s  %-12s  %-12s  %s%n";
    System.out.printf(row, "N", "sigmoid", "g(N)/g(N-1)", "bound 4^-N", "ReLU");
    for (int n = 1; n <= MAX_DEPTH; n += n < 5 ? 1 : 5) {
      System.out.printf(
          row,
          n,
          "%.3e".formatted(sigmoid[n - 1]),
          n == 1 ? "" : "%.4f".formatted(sigmoid[n - 1] / sigmoid[n - 2]),
          "%.3e".formatted(Math.pow(0.25, n)),
          "%.3e".formatted(relu[n - 1]));
    }
    System.out.println("Each sigmoid layer multiplies the gradient by about 0.2247 = h*(1 - h*),");
    System.out.println("the slope at the fixed point h* = sigmoid(h*) = 0.659; ReLU passes it on.");
  }
}
