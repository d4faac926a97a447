package io.github.javagrad.examples;

import io.github.javagrad.examples.nets.HiddenLayerExample;
import io.github.javagrad.examples.nets.LearningRateExample;
import io.github.javagrad.examples.nets.NetCharts;
import io.github.javagrad.examples.nets.VanishingGradientExample;
import io.github.javagrad.examples.nets.XorTrainingExample;

/**
 * Runs every example in order: the seeds' scalar examples ({@link ChainRuleExample}, {@link
 * SigmoidExample}, {@link LectureExample}, {@link NeuronStepExample}), then the networks over
 * arrays and loops in {@code io.github.javagrad.examples.nets}, which also write PNG charts.
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
    System.out.println();
    HiddenLayerExample.main(args);
    System.out.println();
    XorTrainingExample.main(args);
    System.out.println();
    LearningRateExample.main(args);
    System.out.println();
    VanishingGradientExample.main(args);
    System.out.println();
    NetCharts.main(args);
  }
}
