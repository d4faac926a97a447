package demo;

/** Prints the loss and its gradient at one point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    NeuronGradients.Loss g = NeuronGradients.loss(0.5, -0.25, 2.0, 1.0);
    System.out.printf("loss %.6f  dW %.6f  dB %.6f%n", g.value(), g.dW(), g.dB());
  }
}
