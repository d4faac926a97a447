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

/** Workload 5: ADBench's GMM objective, d = 10, K = 25, n = 1000. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GmmBench {
  /** Parameters per Hipparchus pass (the Gradient's dimension). */
  static final int HIPPARCHUS_CHUNK = 256;

  Gmm.Data data;
  Gmm.Grad grad;
  Gmm.Grad adjoint;
  Gmm.Scratch scratch;
  double[] flat;

  public GmmBench() {
    this(Gmm.D, Gmm.K, Gmm.N);
  }

  GmmBench(int d, int k, int n) {
    data = new Gmm.Data(d, k, n, 42);
    grad = new Gmm.Grad(d, k);
    adjoint = new Gmm.Grad(d, k);
    scratch = new Gmm.Scratch(d, k);
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
      Checks.agree("gmm", method, run(method), run("handWritten"));
    }
  }

  @TearDown
  public void tearDown() {
    if (Checks.isSlowPeer(method)) {
      double[] got = lastOutput(method);
      Checks.agree("gmm", method, got, run("handWritten"));
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
        GmmGradients.Objective r = javagrad();
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
    return Gmm.objective(data.alphas, data.means, data.icf, data.x, data.gamma, data.m);
  }

  @Benchmark
  public double handWritten() {
    return Gmm.gradient(data.alphas, data.means, data.icf, data.x, data.gamma, data.m, grad,
        scratch);
  }

  @Benchmark
  public GmmGradients.Objective javagrad() {
    return GmmGradients.objective(data.alphas, data.means, data.icf, data.x, data.gamma, data.m);
  }

  @Benchmark
  public double javagradPullback() {
    adjoint.clear();
    return GmmGradients.objectivePullback(data.alphas, data.means, data.icf, data.x, data.gamma,
        data.m, 1.0, adjoint.alphas, adjoint.means, adjoint.icf);
  }

  @Benchmark
  public double finiteDifferences() {
    return lastValue = Gmm.finiteDifferences(data.alphas, data.means, data.icf, data.x,
        data.gamma, data.m, grad);
  }

  @Benchmark
  public double hipparchus() {
    return lastValue = Gmm.hipparchus(data.alphas, data.means, data.icf, data.x, data.gamma,
        data.m, HIPPARCHUS_CHUNK, flat);
  }
}
