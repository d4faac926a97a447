package io.github.javagrad.benchmarks.shapes;

import io.github.javagrad.benchmarks.Logistic;
import io.github.javagrad.benchmarks.LogisticGradients;
import io.github.javagrad.benchmarks.Mlp;
import io.github.javagrad.benchmarks.MlpGradients;
import io.github.javagrad.benchmarks.Rosenbrock;
import io.github.javagrad.benchmarks.RosenbrockGradients;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What other shapes of the generated code would buy: each workload's generated pullback, copies
 * of it edited by hand ({@link ProposedShapes}), and the hand-written gradient, all into reused
 * arrays. Not part of {@code Run}'s table; run it with {@code java -jar
 * benchmarks/target/benchmarks.jar ShapeBench -f 1 -wi 3 -i 5 -jvmArgs "-Xms1g -Xmx1g
 * -XX:+AlwaysPreTouch"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ShapeBench {
  public double[] x = Rosenbrock.point(Rosenbrock.N, 42);
  public double[] dX = new double[Rosenbrock.N];
  public Logistic.Data logistic = new Logistic.Data(Logistic.SAMPLES, Logistic.FEATURES, 42);
  public double[] dW = new double[Logistic.FEATURES];
  public Mlp.Data mlp = new Mlp.Data(Mlp.BATCH, Mlp.INPUTS, Mlp.HIDDEN, Mlp.OUTPUTS, 42);
  public Mlp.Grad mlpGrad = new Mlp.Grad(Mlp.INPUTS, Mlp.HIDDEN, Mlp.OUTPUTS);
  public Mlp.Scratch mlpScratch = new Mlp.Scratch(Mlp.HIDDEN, Mlp.OUTPUTS);

  @Benchmark
  public double rosenbrockGenerated() {
    Arrays.fill(dX, 0);
    return RosenbrockGradients.rosenbrockPullback(x, 1.0, dX);
  }

  @Benchmark
  public double rosenbrockProposed() {
    Arrays.fill(dX, 0);
    return ProposedShapes.rosenbrockPullback(x, 1.0, dX);
  }

  @Benchmark
  public double rosenbrockHand() {
    return Rosenbrock.gradient(x, dX);
  }

  @Benchmark
  public double logisticGenerated() {
    Arrays.fill(dW, 0);
    return LogisticGradients.lossPullback(logistic.w, logistic.xs, logistic.ys, Logistic.LAMBDA,
        1.0, dW);
  }

  @Benchmark
  public double logisticProposed() {
    Arrays.fill(dW, 0);
    return ProposedShapes.logisticPullback(logistic.w, logistic.xs, logistic.ys,
        Logistic.LAMBDA, 1.0, dW);
  }

  @Benchmark
  public double logisticHand() {
    return Logistic.gradient(logistic.w, logistic.xs, logistic.ys, Logistic.LAMBDA, dW);
  }

  @Benchmark
  public double mlpGenerated() {
    mlpGrad.clear();
    return MlpGradients.lossPullback(mlp.w1, mlp.b1, mlp.w2, mlp.b2, mlp.xs, mlp.labels, 1.0,
        mlpGrad.w1, mlpGrad.b1, mlpGrad.w2, mlpGrad.b2);
  }

  @Benchmark
  public double mlpProposed() {
    mlpGrad.clear();
    return ProposedShapes.mlpPullback(mlp.w1, mlp.b1, mlp.w2, mlp.b2, mlp.xs, mlp.labels, 1.0,
        mlpGrad.w1, mlpGrad.b1, mlpGrad.w2, mlpGrad.b2);
  }

  @Benchmark
  public double mlpHand() {
    return Mlp.gradient(mlp.w1, mlp.b1, mlp.w2, mlp.b2, mlp.xs, mlp.labels, mlpGrad, mlpScratch);
  }

  public double[] dX2 = new double[Rosenbrock.N];
  public io.github.javagrad.benchmarks.Gmm.Data gmm =
      new io.github.javagrad.benchmarks.Gmm.Data(10, 25, 1000, 42);
  public io.github.javagrad.benchmarks.Gmm.Grad gmmGrad =
      new io.github.javagrad.benchmarks.Gmm.Grad(10, 25);
  public io.github.javagrad.benchmarks.Gmm.Scratch gmmScratch =
      new io.github.javagrad.benchmarks.Gmm.Scratch(10, 25);

  @Benchmark
  public double rosenbrockCarry() {
    Arrays.fill(dX2, 0);
    return ProposedShapes.rosenbrockCarry(x, 1.0, dX2);
  }

  @Benchmark
  public double gmmGenerated() {
    gmmGrad.clear();
    return io.github.javagrad.benchmarks.GmmGradients.objectivePullback(gmm.alphas, gmm.means,
        gmm.icf, gmm.x, gmm.gamma, gmm.m, 1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double gmmFused() {
    gmmGrad.clear();
    return ProposedShapes.gmmFused(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double gmmHand() {
    return io.github.javagrad.benchmarks.Gmm.gradient(gmm.alphas, gmm.means, gmm.icf, gmm.x,
        gmm.gamma, gmm.m, gmmGrad, gmmScratch);
  }

  @Benchmark
  public double gmmObjective() {
    return io.github.javagrad.benchmarks.Gmm.objective(gmm.alphas, gmm.means, gmm.icf, gmm.x,
        gmm.gamma, gmm.m);
  }

  @Benchmark
  public double gmmRecompute() {
    gmmGrad.clear();
    return ProposedShapes.gmmRecompute(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }


  public double[] mainTerm = java.util.Arrays.copyOf(gmm.alphas, 25);
  public double[] dMainTerm = new double[25];

  @Benchmark
  public double lsePullback() {
    return io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, 1.0, dMainTerm);
  }

  @Benchmark
  public double lseForward() {
    return io.github.javagrad.benchmarks.Gmm.logsumexp(mainTerm);
  }

  @Benchmark
  public double gmmAllRows() {
    gmmGrad.clear();
    return ProposedShapes.gmmAllRows(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double gmmLocalTape() {
    gmmGrad.clear();
    return ProposedShapes.gmmLocalTape(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double rosenbrockDoubled() {
    Arrays.fill(dX2, 0);
    return ProposedShapes.rosenbrockDoubled(x, 1.0, dX2);
  }

  @Benchmark
  public double gmmCurrent() {
    gmmGrad.clear();
    return ProposedShapes.gmmCurrent(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double gmmUnguarded() {
    gmmGrad.clear();
    return ProposedShapes.gmmUnguarded(gmm.alphas, gmm.means, gmm.icf, gmm.x, gmm.gamma, gmm.m,
        1.0, gmmGrad.alphas, gmmGrad.means, gmmGrad.icf);
  }

  @Benchmark
  public double rosenbrockCarryDoubled() {
    Arrays.fill(dX2, 0);
    return ProposedShapes.rosenbrockCarryDoubled(x, 1.0, dX2);
  }

  @Benchmark
  public double rosenbrockHandAdding() {
    Arrays.fill(dX2, 0);
    return ProposedShapes.rosenbrockHandAdding(x, dX2);
  }
}
