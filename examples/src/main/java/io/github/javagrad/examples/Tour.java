package io.github.javagrad.examples;

/**
 * Runs every example in order: {@link ChainRuleExample}, {@link SigmoidExample}, {@link
 * LectureExample} and {@link NeuronStepExample}.
 *
 * <p>Run it with {@code ./mvnw -B -q verify -Ptour}.
 */
public final class Tour {
  private Tour() {}

  public static void main(String[] args) {
    System.out.println("javagrad examples tour");
    System.out.println("Gradients generated at compile time from @Differentiable methods,");
    System.out.println("beside the finite differences and hand derivations of seeds 000-003.");
    System.out.println();
    ChainRuleExample.main(args);
    System.out.println();
    SigmoidExample.main(args);
    System.out.println();
    LectureExample.main(args);
    System.out.println();
    NeuronStepExample.main(args);
  }
}
