// javagrad-fuzz: int=3 bool=true len=3 points=2346
package fuzz;

import io.github.javagrad.Differentiable;

// Loops left in more than one way, found by the fuzzer and fixed on main:
// FUZZ-2: if (c) break; followed by a return (generated code had a statement after break);
// FUZZ-3: a continue after an earlier if (c) continue / break / return (JG999);
// FUZZ-4: a break and a return in one loop (the exiting iteration's update was undone: wrong index);
// FUZZ-6: two breaks in one loop (the second taped as a completed iteration: tape underflow).
final class R_fuzz2346_loopExits {
  private R_fuzz2346_loopExits() {}

  @Differentiable
  static double breakThenReturn(double x0, double x1) {
    for (int i = 0; i < 3; i++) {
      if (i == 1) {
        if (x0 > 0.5) break;
        return x1 * x0;
      }
    }
    return x0;
  }

  @Differentiable
  static double twoContinues(double x0, double x1) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      if (x0 > i - 2) continue;
      if (x1 > i - 1) continue;
      s += x0 * x1 + i;
    }
    return s + x0;
  }

  @Differentiable
  static double breakThenContinue(double x0, double x1) {
    double s = x1;
    for (int i = 0; i < 4; i++) {
      if (s > 50) break;
      if (x0 > i - 1) continue;
      s = s * x0 + 1;
    }
    return s;
  }

  @Differentiable
  static double returnThenContinue(double x0, double[] a) {
    double s = x0;
    for (double t : a) {
      if (t > 1.5) {
        return s * t;
      }
      if (x0 > t) continue;
      s = Math.sin(s + t);
    }
    return s;
  }

  @Differentiable
  static double breakAndReturn(double[] a, double x0) {
    for (int i = 0; i < a.length; i++) {
      if (x0 > 1.9) break;
      if (a[i] > 0.5) {
        return a[i] * x0;
      }
    }
    return x0;
  }

  @Differentiable
  static double breakAndReturnStepTwo(double[] a, double x0) {
    for (int i = 0; i < a.length; i += 2) {
      if (x0 > 1.9) break;
      if (a[i] > -1) {
        return a[i] * x0;
      }
    }
    return x0;
  }

  @Differentiable
  static double twoBreaks(double x0, double x1, double x2) {
    double v = x0;
    for (int i = 0; i < 3; i++) {
      if (x1 > 1.5) break;
      if (x2 > i - 1) break;
      v = v * (i + 0.5) + x1;
    }
    return v;
  }
}
