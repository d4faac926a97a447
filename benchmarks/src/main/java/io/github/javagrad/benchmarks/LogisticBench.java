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

  @Setup
  public void setup(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    Checks.agree("logistic", method, run(method), run("handWritten"));
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
        return Checks.withValue(finiteDifferences(), grad.clone());
      case "hipparchus":
        return Checks.withValue(hipparchus(), grad.clone());
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
    return Logistic.finiteDifferences(data.w, data.xs, data.ys, lambda, grad);
  }

  @Benchmark
  public double hipparchus() {
    return Logistic.hipparchus(data.w, data.xs, data.ys, lambda, grad);
  }
}
