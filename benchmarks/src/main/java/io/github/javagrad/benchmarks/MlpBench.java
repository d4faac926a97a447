package io.github.javagrad.benchmarks;

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

/** Workload 4: a 64-128-10 tanh/softmax MLP's cross-entropy over a batch of 64. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpBench {
  /** Parameters per Hipparchus pass (the Gradient's dimension). */
  static final int HIPPARCHUS_CHUNK = 256;

  Mlp.Data data;
  Mlp.Grad grad;
  Mlp.Grad adjoint;
  Mlp.Scratch scratch;
  double[] flat;

  public MlpBench() {
    this(Mlp.BATCH, Mlp.INPUTS, Mlp.HIDDEN, Mlp.OUTPUTS);
  }

  MlpBench(int batch, int inputs, int hidden, int outputs) {
    data = new Mlp.Data(batch, inputs, hidden, outputs, 42);
    grad = new Mlp.Grad(inputs, hidden, outputs);
    adjoint = new Mlp.Grad(inputs, hidden, outputs);
    scratch = new Mlp.Scratch(hidden, outputs);
    flat = new double[grad.flatten().length];
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
      Checks.agree("mlp", method, run(method), run("handWritten"));
    }
  }

  @TearDown
  public void tearDown() {
    if (Checks.isSlowPeer(method)) {
      double[] got = lastOutput(method);
      Checks.agree("mlp", method, got, run("handWritten"));
    }
  }

  /** The value and gradient of the last call of a slow peer. */
  double[] lastOutput(String method) {
    return Checks.withValue(lastValue, method.equals("hipparchus") ? flat.clone() : grad.flatten());
  }

  /** Runs one method once: the value, then the gradient (absent for the objective). */
  public double[] run(String method) {
    switch (method) {
      case "objective":
        return new double[] {objective()};
      case "handWritten":
        return Checks.withValue(handWritten(), grad.flatten());
      case "javagrad": {
        MlpGradients.Loss r = javagrad();
        return Checks.withValue(r.value(), r.gradient());
      }
      case "javagradPullback":
        return Checks.withValue(javagradPullback(), adjoint.flatten());
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
    return Mlp.loss(data.w1, data.b1, data.w2, data.b2, data.xs, data.labels);
  }

  @Benchmark
  public double handWritten() {
    return Mlp.gradient(data.w1, data.b1, data.w2, data.b2, data.xs, data.labels, grad, scratch);
  }

  @Benchmark
  public MlpGradients.Loss javagrad() {
    return MlpGradients.loss(data.w1, data.b1, data.w2, data.b2, data.xs, data.labels);
  }

  @Benchmark
  public double javagradPullback() {
    adjoint.clear();
    return MlpGradients.lossPullback(data.w1, data.b1, data.w2, data.b2, data.xs, data.labels,
        1.0, adjoint.w1, adjoint.b1, adjoint.w2, adjoint.b2);
  }

  @Benchmark
  public double finiteDifferences() {
    return lastValue =
        Mlp.finiteDifferences(data.w1, data.b1, data.w2, data.b2, data.xs, data.labels, grad);
  }

  @Benchmark
  public double hipparchus() {
    return lastValue = Mlp.hipparchus(data.w1, data.b1, data.w2, data.b2, data.xs,
        data.labels, HIPPARCHUS_CHUNK, flat);
  }
}
