package io.github.javagrad.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same generated gradients called from 8 threads give bit-identical results to a sequential run. */
class ThreadSafetyTest {

  private static final int THREADS = 8;
  private static final int POINTS = 400;
  private static final int ROUNDS = 25;

  /** Every value and partial of several generated gradients at every point, as raw bits. */
  private static long[] evaluate(double[][] points) {
    List<Long> out = new ArrayList<>();
    for (double[] p : points) {
      double x = p[0];
      double y = p[1];
      int n = (int) Math.floor(Math.abs(p[2]) * 4);
      add(out, ControlFlowFnsGradients.nested(x, y));
      add(out, ControlFlowFnsGradients.someReturns(x, y));
      add(out, ControlFlowFnsGradients.booleanLogic(x, y, n));
      add(out, ReassignFnsGradients.longChain(x, y));
      add(out, ReassignFnsGradients.intCounter(x, n));
      add(out, CallFnsGradients.twoVariableRecursion(x, y, n));
      add(out, CallFnsGradients.powerPullback(x, n, y));
      add(out, MathFnsGradients.mixed(x, y));
      add(out, MathFnsGradients.pow(Math.abs(x), y));
      add(out, StaticImportCallsGradients.f(x, y));
    }
    long[] bits = new long[out.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = out.get(i);
    }
    return bits;
  }

  private static void add(List<Long> out, ValueAndGradient r) {
    out.add(Double.doubleToRawLongBits(r.value()));
    for (double g : r.gradient()) {
      out.add(Double.doubleToRawLongBits(g));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightThreadsAgreeWithASequentialRun() throws Exception {
    SplittableRandom random = new SplittableRandom(99);
    double[][] points = new double[POINTS][];
    for (int i = 0; i < POINTS; i++) {
      points[i] =
          new double[] {
            random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(0, 1.5)
          };
    }
    long[] expected = evaluate(points);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<long[]>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<long[]> results = new ArrayList<>();
                  for (int round = 0; round < ROUNDS; round++) {
                    results.add(evaluate(points));
                  }
                  return results;
                }));
      }
      start.countDown();
      for (Future<List<long[]>> f : futures) {
        List<long[]> results = f.get(120, TimeUnit.SECONDS);
        assertEquals(ROUNDS, results.size());
        for (long[] r : results) {
          assertArrayEquals(expected, r);
        }
      }
    } finally {
      pool.shutdownNow();
      assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }
}
