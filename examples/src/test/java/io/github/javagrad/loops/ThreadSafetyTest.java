package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads computing gradients of loop code at once get exactly the results of one thread:
 * every tape (values, branch outcomes, ints) is local to a call, and nothing is static and
 * mutable.
 */
class ThreadSafetyTest {

  /** In-place updates with branches, an int array, a counted and an uncounted loop. */
  @Differentiable
  static double mixed(double[] x, double w, int passes) {
    double[] a = x.clone();
    int[] code = new int[1];
    double s = 0;
    for (int k = 0; k < passes; k++) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] > 0.5) {
          a[i] = a[i] * w;
        } else {
          a[i] = Math.sin(a[i]) + w;
        }
        code[0] = (code[0] * 3 + i) % 7;
        s = s * 0.5 + a[i] * code[0];
      }
    }
    int m = 0;
    while (m < 5 && s < 100) {
      s = s * 2 + w * s * s;
      m++;
    }
    return s;
  }

  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 300;
  private static final int N = 6;

  @Test
  void eightThreadsGetTheSingleThreadedResultsBitForBit() throws Exception {
    // Reference results, computed on this thread first.
    SplittableRandom random = new SplittableRandom(2024);
    double[][] points = new double[THREADS * CALLS_PER_THREAD][];
    double[][] expected = new double[points.length][];
    for (int c = 0; c < points.length; c++) {
      points[c] = Checks.random(random, N + 1, 0, 1.2);
      expected[c] = valueAndGradient(points[c]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<double[][]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  double[][] out = new double[CALLS_PER_THREAD][];
                  // Threads walk the points in different orders, so calls interleave differently.
                  for (int j = 0; j < CALLS_PER_THREAD; j++) {
                    int c = (thread * CALLS_PER_THREAD + j * (2 * thread + 1)) % points.length;
                    out[j] = valueAndGradient(points[c]);
                  }
                  return out;
                }));
      }
      start.countDown();
      for (int t = 0; t < THREADS; t++) {
        double[][] out = results.get(t).get(60, TimeUnit.SECONDS);
        for (int j = 0; j < CALLS_PER_THREAD; j++) {
          int c = (t * CALLS_PER_THREAD + j * (2 * t + 1)) % points.length;
          assertArrayEquals(expected[c], out[j], 0.0, "thread " + t + ", call " + j);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pullbacksIntoPerThreadAdjointArraysAccumulateIndependently() throws Exception {
    double[] x = {0.2, 0.9, 0.4, 1.1, 0.7, 0.3};
    double w = 0.8;
    double[] once = new double[N];
    ThreadSafetyTestGradients.mixedPullback(x, w, 3, 1.0, once);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int calls = 50 + t;
        results.add(
            pool.submit(
                () -> {
                  double[] dX = new double[N];
                  for (int j = 0; j < calls; j++) {
                    ThreadSafetyTestGradients.mixedPullback(x, w, 3, 1.0, dX);
                  }
                  return dX;
                }));
      }
      for (int t = 0; t < THREADS; t++) {
        double[] dX = results.get(t).get(60, TimeUnit.SECONDS);
        double[] sum = new double[N];
        for (int j = 0; j < 50 + t; j++) {
          for (int i = 0; i < N; i++) {
            sum[i] += once[i];
          }
        }
        assertArrayEquals(sum, dX, 0.0, "thread " + t);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theFunctionItselfHasTheRightGradient() {
    // Forward mode by hand over (x_0..x_5, w), for comparison with the generated reverse mode.
    double[] x = {0.2, 0.9, 0.4, 1.1, 0.7, 0.3};
    double w = 0.8;
    int passes = 2;
    int n = x.length;
    double[] a = x.clone();
    double[][] da = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      da[i][i] = 1;
    }
    int code = 0;
    double s = 0;
    double[] ds = new double[n + 1];
    for (int k = 0; k < passes; k++) {
      for (int i = 0; i < n; i++) {
        if (a[i] > 0.5) {
          for (int q = 0; q <= n; q++) {
            da[i][q] *= w;
          }
          da[i][n] += a[i];
          a[i] = a[i] * w;
        } else {
          for (int q = 0; q <= n; q++) {
            da[i][q] *= Math.cos(a[i]);
          }
          da[i][n] += 1;
          a[i] = Math.sin(a[i]) + w;
        }
        code = (code * 3 + i) % 7;
        for (int q = 0; q <= n; q++) {
          ds[q] = 0.5 * ds[q] + da[i][q] * code;
        }
        s = s * 0.5 + a[i] * code;
      }
    }
    int m = 0;
    while (m < 5 && s < 100) {
      for (int q = 0; q <= n; q++) {
        ds[q] = (2 + 2 * w * s) * ds[q];
      }
      ds[n] += s * s;
      s = s * 2 + w * s * s;
      m++;
    }
    ThreadSafetyTestGradients.Mixed g = ThreadSafetyTestGradients.mixed(x, w, passes);
    assertEquals(s, g.value(), 0.0);
    Checks.assertClose(ds, g.gradient(), 1e-13, "gradient");
    GradientCheck.of(p -> ThreadSafetyTestGradients.mixed(slice(p, 0, N), p[N], 2))
        .assertAtRandomPoints(10, filled(N + 1, 0), filled(N + 1, 1.2), 3L);
  }

  private static double[] valueAndGradient(double[] p) {
    ThreadSafetyTestGradients.Mixed g =
        ThreadSafetyTestGradients.mixed(slice(p, 0, N), p[N], 3);
    double[] grad = g.gradient();
    double[] out = new double[grad.length + 1];
    out[0] = g.value();
    System.arraycopy(grad, 0, out, 1, grad.length);
    return out;
  }
}
