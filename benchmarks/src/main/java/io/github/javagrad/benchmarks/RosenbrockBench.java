package io.github.javagrad.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/** Workload 2: Rosenbrock in n = 1000 dimensions. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RosenbrockBench {
  double[] x;
  double[] grad;
  double[] dX;

  public RosenbrockBench() {
    this(Rosenbrock.N);
  }

  RosenbrockBench(int n) {
    x = Rosenbrock.point(n, 42);
    grad = new double[n];
    dX = new double[n];
  }

  /** The method this trial times, and the value its last call returned (the slow peers). */
  String method;
  double lastValue;

  /**
   * Checks the timed method against the hand-written gradient before timing; the slow peers
   * (seconds per call) are checked on their last timed call instead, in {@link #tearDown}.
   */
  @Setup
  public void setup(BenchmarkParams params) {
    method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    if (!Checks.isSlowPeer(method)) {
      Checks.agree("rosenbrock", method, run(method), run("handWritten"));
    }
  }

  @TearDown
  public void tearDown() {
    if (Checks.isSlowPeer(method)) {
      double[] got = lastOutput(method);
      Checks.agree("rosenbrock", method, got, run("handWritten"));
    }
  }

  /** The value and gradient of the last call of a slow peer. */
  double[] lastOutput(String method) {
    return Checks.withValue(lastValue, method.equals("hipparchus") ? grad.clone() : grad.clone());
  }

  /** Runs one method once: the value, then the gradient (absent for the objective). */
  public double[] run(String method) {
    switch (method) {
      case "objective":
        return new double[] {objective()};
      case "handWritten":
        return Checks.withValue(handWritten(), grad.clone());
      case "javagrad": {
        RosenbrockGradients.RosenbrockResult r = javagrad();
        return Checks.withValue(r.value(), r.gradient());
      }
      case "javagradPullback":
        return Checks.withValue(javagradPullback(), dX.clone());
      case "finiteDifferences":
        finiteDifferences();
        return lastOutput(method);
      case "hipparchus":
        hipparchus();
        return lastOutput(method);
      default:
        throw new IllegalArgumentException(method);
    }
  }

  @Benchmark
  public double objective() {
    return Rosenbrock.rosenbrock(x);
  }

  @Benchmark
  public double handWritten() {
    return Rosenbrock.gradient(x, grad);
  }

  /** The value-and-gradient call: allocates the result record and the gradient array. */
  @Benchmark
  public RosenbrockGradients.RosenbrockResult javagrad() {
    return RosenbrockGradients.rosenbrock(x);
  }

  /** The pullback into a reused adjoint array, zeroed first as a training loop does. */
  @Benchmark
  public double javagradPullback() {
    Arrays.fill(dX, 0);
    return RosenbrockGradients.rosenbrockPullback(x, 1.0, dX);
  }

  @Benchmark
  public double finiteDifferences() {
    return lastValue = Rosenbrock.finiteDifferences(x, grad);
  }

  @Benchmark
  public double hipparchus() {
    return lastValue = Rosenbrock.hipparchus(x, grad);
  }
}
