package io.github.javagrad.examples;

import io.github.javagrad.Differentiable;

/**
 * One gradient-descent step for a single sigmoid neuron {@code y = sigmoid(w1 x1 + w2 x2)} with
 * loss {@code (target - y)^2 / 2}.
 *
 * <p>Reproduces seed 002 ("Backpropagation", part 1, gradient descent), which derives the weight
 * step by hand: {@code error_term = (target - y) y (1 - y)} and {@code del_w = learnrate *
 * error_term * x}, at {@code x = (0.1, 0.3)}, {@code target = 0.2}, {@code w = (-0.8, 0.5)},
 * {@code learnrate = 0.5}. With javagrad the loss is written once, straight from its definition;
 * the generated {@code NeuronStepExampleGradients.loss} returns its gradient with respect to the
 * weights only ({@code wrt}), which is {@code -error_term * x}, so the step {@code -learnrate *
 * gradient} is the seed's {@code del_w}. The loss calls {@link SigmoidExample#sigmoid}, and
 * javagrad chains through that method's generated pullback.
 */
public final class NeuronStepExample {
  private NeuronStepExample() {}

  /** The squared-error loss of the neuron; differentiated with respect to the weights only. */
  @Differentiable(wrt = {"w1", "w2"})
  static double loss(double w1, double w2, double x1, double x2, double target) {
    double y = SigmoidExample.sigmoid(w1 * x1 + w2 * x2);
    double error = target - y;
    return 0.5 * error * error;
  }

  // The seed's input, target, initial weights and learning rate.
  static final double X1 = 0.1;
  static final double X2 = 0.3;
  static final double TARGET = 0.2;
  static final double W1 = -0.8;
  static final double W2 = 0.5;
  static final double LEARN_RATE = 0.5;

  /**
   * The example's numbers.
   *
   * @param loss javagrad's loss and gradient with respect to {@code (w1, w2)}
   * @param stepW1 the javagrad step {@code -learnrate * dloss/dw1}
   * @param stepW2 the javagrad step {@code -learnrate * dloss/dw2}
   * @param delW1 the seed's {@code del_w[0]}
   * @param delW2 the seed's {@code del_w[1]}
   * @param newW1 {@code w1 + stepW1}
   * @param newW2 {@code w2 + stepW2}
   */
  record Step(
      NeuronStepExampleGradients.Loss loss,
      double stepW1,
      double stepW2,
      double delW1,
      double delW2,
      double newW1,
      double newW2) {}

  /** The seed's hand-derived weight step, operation for operation as in its Python code. */
  static double[] seedDelW() {
    double output = SigmoidExample.sigmoid(X1 * W1 + X2 * W2);
    double error = TARGET - output;
    double sigmoidPrime = output * (1 - output);
    double errorTerm = error * sigmoidPrime;
    return new double[] {LEARN_RATE * errorTerm * X1, LEARN_RATE * errorTerm * X2};
  }

  /** One step at the seed's weights, by javagrad and by the seed's formula. */
  static Step step() {
    NeuronStepExampleGradients.Loss loss = NeuronStepExampleGradients.loss(W1, W2, X1, X2, TARGET);
    double stepW1 = -LEARN_RATE * loss.dW1();
    double stepW2 = -LEARN_RATE * loss.dW2();
    double[] delW = seedDelW();
    return new Step(loss, stepW1, stepW2, delW[0], delW[1], W1 + stepW1, W2 + stepW2);
  }

  public static void main(String[] args) {
    System.out.println("== Neuron: one descent step for y = sigmoid(w1 x1 + w2 x2), seed 002");
    System.out.println("x = (0.1, 0.3), target = 0.2, w = (-0.8, 0.5), learning rate = 0.5");
    Step s = step();
    String row = "%-34s  %s%n";
    String pair = "(%s, %s)";
    System.out.printf(row, "loss (target - y)^2 / 2", s.loss().value());
    System.out.printf(
        row, "javagrad (dloss/dw1, dloss/dw2)", pair.formatted(s.loss().dW1(), s.loss().dW2()));
    System.out.printf(row, "javagrad step -lr * gradient", pair.formatted(s.stepW1(), s.stepW2()));
    System.out.printf(
        row, "seed's del_w = lr * error_term * x", pair.formatted(s.delW1(), s.delW2()));
    System.out.printf(row, "updated weights w + step", pair.formatted(s.newW1(), s.newW2()));
    System.out.printf(row, "loss after the step", loss(s.newW1(), s.newW2(), X1, X2, TARGET));
  }
}
