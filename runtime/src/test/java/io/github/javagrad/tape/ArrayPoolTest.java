package io.github.javagrad.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.javagrad.Adjoints;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ArrayPoolTest {

  @Test
  void reusesAnArrayOfTheSameLengthZeroed() {
    ArrayPool pool = new ArrayPool();
    int mark = pool.mark();
    double[] a = pool.doubles(5);
    a[3] = 7;
    pool.release(mark);
    double[] b = pool.doubles(5);
    assertSame(a, b);
    assertArrayEquals(new double[5], b);
  }

  @Test
  void givesExactlyTheRequestedLength() {
    ArrayPool pool = new ArrayPool();
    double[] a = pool.doubles(8);
    pool.release(0);
    double[] b = pool.doubles(3);
    assertEquals(3, b.length);
    assertNotSame(a, b);
    pool.release(0);
    assertSame(b, pool.doubles(3)); // the slot keeps the new array
    assertEquals(0, pool.doubles(0).length);
  }

  @Test
  void intsLikeNew() {
    ArrayPool pool = new ArrayPool();
    int[] a = pool.ints(4);
    a[0] = 9;
    pool.release(0);
    int[] b = pool.ints(4);
    assertSame(a, b);
    assertArrayEquals(new int[4], b);
    pool.release(0);
    assertEquals(4, pool.doubles(4).length); // a slot may change kind
    pool.release(0);
    assertEquals(2, pool.ints(2).length);
  }

  @Test
  void matricesAreRectangularZeroedAndReused() {
    ArrayPool pool = new ArrayPool();
    double[][] m = pool.doubles(3, 4);
    assertEquals(3, m.length);
    for (double[] row : m) {
      assertEquals(4, row.length);
    }
    assertNotSame(m[0], m[1]);
    m[1][2] = 5;
    double[] rowBefore = m[1];
    pool.release(0);
    double[][] again = pool.doubles(3, 4);
    assertSame(m, again);
    assertSame(rowBefore, again[1]);
    assertArrayEquals(new double[3][4], again);
    pool.release(0);
    double[][] other = pool.doubles(2, 4);
    assertEquals(2, other.length);
    assertSame(rowBefore, other[1]); // rows of the right length survive a change of row count
    pool.release(0);
    double[][] wider = pool.doubles(2, 6);
    assertArrayEquals(new double[2][6], wider);
    assertEquals(0, pool.doubles(0, 7).length);
  }

  @Test
  void aRowTheCallerReplacedIsNeitherReusedNorZeroed() {
    ArrayPool pool = new ArrayPool();
    double[][] m = pool.doubles(2, 2);
    double[] own = m[0];
    double[] users = {1, 2};
    m[0] = users;
    pool.release(0);
    double[][] again = pool.doubles(2, 2);
    assertSame(own, again[0]);
    assertArrayEquals(new double[] {1, 2}, users);
  }

  @Test
  void zerosLikeCopiesARaggedShape() {
    ArrayPool pool = new ArrayPool();
    double[][] like = {{1, 2, 3}, {}, {4}};
    double[][] z = pool.zerosLike(like);
    assertArrayEquals(Adjoints.zerosLike(like), z);
    z[0][1] = 3;
    pool.release(0);
    double[][] again = pool.zerosLike(like);
    assertSame(z, again);
    assertArrayEquals(Adjoints.zerosLike(like), again);
    pool.release(0);
    assertThrows(NullPointerException.class, () -> pool.zerosLike(new double[][] {{1}, null}));
    assertThrows(NullPointerException.class, () -> pool.zerosLike(null));
  }

  @Test
  void nestedMarksAreStackDisciplined() {
    ArrayPool pool = new ArrayPool();
    int outer = pool.mark();
    double[] a = pool.doubles(2);
    int inner = pool.mark();
    assertEquals(outer + 1, inner);
    double[] b = pool.doubles(2);
    assertNotSame(a, b);
    a[0] = 1;
    pool.release(inner);
    double[] c = pool.doubles(2);
    assertSame(b, c);
    assertEquals(1, a[0]); // the outer array is untouched by the inner release and reuse
    pool.release(outer);
    assertEquals(0, pool.mark());
    assertEquals(2, pool.retainedSlots());
  }

  @Test
  void growsPastItsInitialSlots() {
    ArrayPool pool = new ArrayPool();
    double[][] arrays = new double[100][];
    for (int i = 0; i < 100; i++) {
      arrays[i] = pool.doubles(i);
      arrays[i] = pool.doubles(i); // two slots each
    }
    assertEquals(200, pool.mark());
    pool.release(0);
    assertEquals(200, pool.retainedSlots());
  }

  @Test
  void negativeSizesThrowAsNewDoes() {
    ArrayPool pool = new ArrayPool();
    assertThrows(NegativeArraySizeException.class, () -> pool.doubles(-1));
    assertThrows(NegativeArraySizeException.class, () -> pool.ints(-2));
    assertThrows(NegativeArraySizeException.class, () -> pool.doubles(-1, 3));
    assertThrows(NegativeArraySizeException.class, () -> pool.doubles(3, -1));
    // new double[0][-1] throws too: every dimension is checked
    assertThrows(NegativeArraySizeException.class, () -> pool.doubles(0, -1));
    assertEquals(0, pool.mark()); // nothing taken
  }

  @Test
  void releaseChecksItsMark() {
    ArrayPool pool = new ArrayPool();
    pool.doubles(1);
    assertThrows(IllegalArgumentException.class, () -> pool.release(2));
    assertThrows(IllegalArgumentException.class, () -> pool.release(-1));
    pool.release(1);
    pool.release(0);
    assertEquals(0, pool.mark());
  }

  @Test
  void eachThreadHasItsOwnPool() throws Exception {
    ArrayPool mine = ArrayPool.forThisThread();
    assertSame(mine, ArrayPool.forThisThread());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ArrayPool> theirs = executor.submit(ArrayPool::forThisThread);
      assertNotSame(mine, theirs.get());
    } finally {
      executor.shutdown();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
