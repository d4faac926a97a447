package io.github.javagrad.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/** Workload 1b: the sigmoid {@code 1 / (1 + exp(-x))} at x = 0.7. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigmoidBench {
  double x = 0.7;

  @Setup
  public void setup(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    Checks.agree("sigmoid", method, run(method), run("handWritten"));
  }

  /** Runs one method once: the value, then the derivative (absent for the objective). */
  public double[] run(String method) {
    switch (method) {
      case "objective":
        return new double[] {Scalar.sigmoid(x)};
      case "handWritten": {
        Scalar.Grad1 g = Scalar.sigmoidGradient(x);
        return new double[] {g.value(), g.dx()};
      }
      case "javagrad": {
        ScalarGradients.Sigmoid g = ScalarGradients.sigmoid(x);
        return new double[] {g.value(), g.dX()};
      }
      case "javagradPullback": {
        ScalarGradients.Sigmoid g = ScalarGradients.sigmoidPullback(x, 1.0);
        return new double[] {g.value(), g.dX()};
      }
      case "finiteDifferences": {
        Scalar.Grad1 g = Scalar.sigmoidFiniteDifferences(x);
        return new double[] {g.value(), g.dx()};
      }
      case "hipparchus": {
        Scalar.Grad1 g = Scalar.sigmoidHipparchus(x);
        return new double[] {g.value(), g.dx()};
      }
      default:
        throw new IllegalArgumentException(method);
    }
  }

  @Benchmark
  public double objective() {
    return Scalar.sigmoid(x);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Scalar.Grad1 g = Scalar.sigmoidGradient(x);
    bh.consume(g.value());
    bh.consume(g.dx());
  }

  @Benchmark
  public void javagrad(Blackhole bh) {
    ScalarGradients.Sigmoid g = ScalarGradients.sigmoid(x);
    bh.consume(g.value());
    bh.consume(g.dX());
  }

  @Benchmark
  public void javagradPullback(Blackhole bh) {
    ScalarGradients.Sigmoid g = ScalarGradients.sigmoidPullback(x, 1.0);
    bh.consume(g.value());
    bh.consume(g.dX());
  }

  @Benchmark
  public void finiteDifferences(Blackhole bh) {
    Scalar.Grad1 g = Scalar.sigmoidFiniteDifferences(x);
    bh.consume(g.value());
    bh.consume(g.dx());
  }

  @Benchmark
  public void hipparchus(Blackhole bh) {
    Scalar.Grad1 g = Scalar.sigmoidHipparchus(x);
    bh.consume(g.value());
    bh.consume(g.dx());
  }
}
