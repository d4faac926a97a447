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

/** Workload 1a: {@code f(a, b, c) = 3 (a + b c)} at the seeds' point (5, 3, 2). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalarFBench {
  // Fields, not constants, so that the JIT cannot fold the calls.
  double a = 5;
  double b = 3;
  double c = 2;

  @Setup
  public void setup(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    Checks.agree("f", method, run(method), run("handWritten"));
  }

  /** Runs one method once: the value, then the gradient (absent for the objective). */
  public double[] run(String method) {
    switch (method) {
      case "objective":
        return new double[] {Scalar.f(a, b, c)};
      case "handWritten": {
        Scalar.Grad3 g = Scalar.fGradient(a, b, c);
        return new double[] {g.value(), g.da(), g.db(), g.dc()};
      }
      case "javagrad": {
        ScalarGradients.F g = ScalarGradients.f(a, b, c);
        return Checks.withValue(g.value(), g.gradient());
      }
      case "javagradPullback": {
        ScalarGradients.F g = ScalarGradients.fPullback(a, b, c, 1.0);
        return Checks.withValue(g.value(), g.gradient());
      }
      case "finiteDifferences": {
        Scalar.Grad3 g = Scalar.fFiniteDifferences(a, b, c);
        return new double[] {g.value(), g.da(), g.db(), g.dc()};
      }
      case "hipparchus": {
        Scalar.Grad3 g = Scalar.fHipparchus(a, b, c);
        return new double[] {g.value(), g.da(), g.db(), g.dc()};
      }
      default:
        throw new IllegalArgumentException(method);
    }
  }

  @Benchmark
  public double objective() {
    return Scalar.f(a, b, c);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    Scalar.Grad3 g = Scalar.fGradient(a, b, c);
    bh.consume(g.value());
    bh.consume(g.da());
    bh.consume(g.db());
    bh.consume(g.dc());
  }

  @Benchmark
  public void javagrad(Blackhole bh) {
    ScalarGradients.F g = ScalarGradients.f(a, b, c);
    bh.consume(g.value());
    bh.consume(g.dA());
    bh.consume(g.dB());
    bh.consume(g.dC());
  }

  @Benchmark
  public void javagradPullback(Blackhole bh) {
    ScalarGradients.F g = ScalarGradients.fPullback(a, b, c, 1.0);
    bh.consume(g.value());
    bh.consume(g.dA());
    bh.consume(g.dB());
    bh.consume(g.dC());
  }

  @Benchmark
  public void finiteDifferences(Blackhole bh) {
    Scalar.Grad3 g = Scalar.fFiniteDifferences(a, b, c);
    bh.consume(g.value());
    bh.consume(g.da());
    bh.consume(g.db());
    bh.consume(g.dc());
  }

  @Benchmark
  public void hipparchus(Blackhole bh) {
    Scalar.Grad3 g = Scalar.fHipparchus(a, b, c);
    bh.consume(g.value());
    bh.consume(g.da());
    bh.consume(g.db());
    bh.consume(g.dc());
  }
}
