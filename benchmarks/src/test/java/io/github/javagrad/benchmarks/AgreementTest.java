package io.github.javagrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The smoke test of the build (no JMH run): every benchmark method of every workload computes the
 * hand-written gradient's value and gradient, to 1e-8 relative for the exact methods and 1e-5 for
 * finite differences ({@link Checks}). The slow peers (finite differences, Hipparchus) of the two
 * big workloads run on smaller instances of the same code so the test stays quick; the full-size
 * instances check javagrad against the hand-written gradient, as each benchmark's setup does.
 */
class AgreementTest {

  private static void checkAll(String workload, Function<String, double[]> run,
      boolean includeSlow) {
    double[] ref = run.apply("handWritten");
    for (String method : Checks.METHODS) {
      if (!includeSlow && (method.equals("finiteDifferences") || method.equals("hipparchus"))) {
        continue;
      }
      double error = Checks.agree(workload, method, run.apply(method), ref);
      assertTrue(error >= 0);
    }
  }

  @Test
  void scalarF() {
    checkAll("f", new ScalarFBench()::run, true);
  }

  @Test
  void sigmoid() {
    checkAll("sigmoid", new SigmoidBench()::run, true);
  }

  @Test
  void rosenbrock() {
    checkAll("rosenbrock", new RosenbrockBench()::run, true);
  }

  @Test
  void logistic() {
    checkAll("logistic", new LogisticBench()::run, true);
  }

  @Test
  void mlpFullSize() {
    checkAll("mlp", new MlpBench()::run, false);
  }

  @Test
  void mlpSmallWithSlowPeers() {
    checkAll("mlp", new MlpBench(8, 6, 10, 4)::run, true);
  }

  @Test
  void gmmFullSize() {
    checkAll("gmm", new GmmBench()::run, false);
  }

  @Test
  void gmmSmallWithSlowPeers() {
    checkAll("gmm", new GmmBench(4, 3, 20)::run, true);
  }
}
