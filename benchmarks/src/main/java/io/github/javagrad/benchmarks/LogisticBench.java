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

/** Workload 3: logistic regression with an L2 penalty, 256 samples x 100 features. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogisticBench {
  Logistic.Data data;
  double lambda = Logistic.LAMBDA;
  double[] grad;
  double[] dW;

  public LogisticBench() {
    this(Logistic.SAMPLES, Logistic.FEATURES);
  }

  LogisticBench(int samples, int features) {
    data = new Logistic.Data(samples, features, 42);
    grad = new double[features];
    dW = new double[features];
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
      Checks.agree("logistic", method, run(method), run("handWritten"));
    }
  }

  @TearDown
  public void tearDown() {
    if (Checks.isSlowPeer(method)) {
      double[] got = lastOutput(method);
      Checks.agree("logistic", method, got, run("handWritten"));
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
        LogisticGradients.Loss r = javagrad();
        return Checks.withValue(r.value(), r.gradient());
      }
      case "javagradPullback":
        return Checks.withValue(javagradPullback(), dW.clone());
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
    return Logistic.loss(data.w, data.xs, data.ys, lambda);
  }

  @Benchmark
  public double handWritten() {
    return Logistic.gradient(data.w, data.xs, data.ys, lambda, grad);
  }

  @Benchmark
  public LogisticGradients.Loss javagrad() {
    return LogisticGradients.loss(data.w, data.xs, data.ys, lambda);
  }

  @Benchmark
  public double javagradPullback() {
    Arrays.fill(dW, 0);
    return LogisticGradients.lossPullback(data.w, data.xs, data.ys, lambda, 1.0, dW);
  }

  @Benchmark
  public double finiteDifferences() {
    return lastValue = Logistic.finiteDifferences(data.w, data.xs, data.ys, lambda, grad);
  }

  @Benchmark
  public double hipparchus() {
    return lastValue = Logistic.hipparchus(data.w, data.xs, data.ys, lambda, grad);
  }
}
