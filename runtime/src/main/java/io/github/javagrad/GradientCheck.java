package io.github.javagrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Compares an analytic gradient with finite differences of the function's value.
 *
 * <p>Typical use in a test:
 *
 * <pre>{@code
 * GradientCheck.of(p -> DemoGradients.f(p[0], p[1], p[2]))
 *     .parameterNames("a", "b", "c")
 *     .assertAt(5, 3, 2);
 * GradientCheck.of(valueFn, gradientFn)
 *     .parameterNames("x", "y")
 *     .assertAtRandomPoints(20, -2, 2, 42L);
 * GradientCheck.of(valueFn, gradientFn)
 *     .assertAtRandomPoints(20, new double[] {-2, 0}, new double[] {2, 1}, 42L);
 * }</pre>
 *
 * <p>The dimension of random points comes from the bounds arrays, or, for the overloads with one
 * scalar box for every coordinate, from {@link #parameterNames(String...)}, which must then be
 * set.
 *
 * <h2>Difference schemes and step</h2>
 *
 * <p>The partial with respect to coordinate {@code i} is approximated by central differences
 * {@code (f(x + h e_i) - f(x - h e_i)) / (2h)} (the default, {@link #centralDifferences()}) or by
 * forward differences {@code (f(x + h e_i) - f(x)) / h} ({@link #forwardDifferences()}).
 *
 * <p><b>Automatic step</b> (used unless {@link #step(double)} is set). With {@code eps = 2^-52}
 * (the spacing of doubles at 1):
 *
 * <ul>
 *   <li>central: {@code h_i = cbrt(eps) * max(1, |x_i|)}, about {@code 6.1e-6 * max(1, |x_i|)};
 *   <li>forward: {@code h_i = sqrt(eps) * max(1, |x_i|)}, about {@code 1.5e-8 * max(1, |x_i|)}.
 * </ul>
 *
 * <p>Reason: the difference quotient has truncation error about {@code h^2 |f'''| / 6} (central)
 * or {@code h |f''| / 2} (forward), and rounding error about {@code eps |f| / h} from
 * subtracting two nearly equal values. For a function that varies on the scale of {@code
 * max(1, |x_i|)} the sum is smallest at {@code h ~ cbrt(eps)} (central, total relative error
 * about {@code eps^(2/3) ~ 4e-11}) and {@code h ~ sqrt(eps)} (forward, about {@code eps^(1/2) ~
 * 1.5e-8}); the factor {@code max(1, |x_i|)} makes the step relative for large coordinates and
 * absolute near zero. The step is then made exactly representable, {@code h = (x_i + h) - x_i},
 * so that the evaluated abscissa really is {@code h} away from {@code x_i}; the central quotient
 * divides by the realised distance {@code (x_i + h) - (x_i - h)} between the two evaluated points
 * (nearly always exactly {@code 2h}; it differs only when {@code x_i - h} rounds). The rule
 * assumes the function varies on the scale of {@code max(1, |x_i|)}; for functions that
 * oscillate faster (say {@code sin(x)} near {@code x = 1e6}) or that are undefined within {@code
 * h} of the point (say {@code sqrt(x)} at {@code x = 1e-8}), set an explicit {@link
 * #step(double)}.
 *
 * <p><b>Explicit step</b> ({@link #step(double)}): exactly {@code h} is used for every coordinate
 * with the textbook formulas above and no adjustment, so printed numbers reproduce hand or
 * Python computations bit for bit. Prefer a power of two for {@code h} so that {@code x_i + h} is
 * exact.
 *
 * <h2>Pass rule and default tolerances</h2>
 *
 * <p>Coordinate {@code i} passes when {@code |analytic - numeric| <= absoluteTolerance +
 * relativeTolerance * max(|analytic|, |numeric|)}.
 *
 * <ul>
 *   <li>Central differences: absolute {@value #DEFAULT_ABSOLUTE_TOLERANCE}, relative {@value
 *       #DEFAULT_RELATIVE_TOLERANCE}. The achievable relative error is about {@code 4e-11} for a
 *       well-scaled function, so {@code 1e-5} leaves a margin of several orders of magnitude for
 *       large higher derivatives while still catching any gradient that is wrong by more than
 *       0.001%. The absolute part handles partials that are zero or tiny, where a relative
 *       comparison is meaningless because the quotient cannot resolve values much below {@code
 *       eps^(2/3) |f| / max(1, |x_i|)}.
 *   <li>Forward differences: absolute {@value #DEFAULT_FORWARD_ABSOLUTE_TOLERANCE}, relative
 *       {@value #DEFAULT_FORWARD_RELATIVE_TOLERANCE}, a hundred times looser, because the
 *       truncation error is {@code O(h)} instead of {@code O(h^2)} and the best achievable error,
 *       about {@code sqrt(eps) ~ 1.5e-8}, is some 400 times the central one.
 * </ul>
 *
 * <p>The scheme's defaults apply to each tolerance the user has not set; a tolerance set with
 * {@link #absoluteTolerance(double)} or {@link #relativeTolerance(double)} is used as given under
 * either scheme. The defaults are not adapted to an explicit {@link #step(double)}. Rounding error
 * grows like {@code eps |f(x)| / h_i}: if {@code |f(x)|} is huge compared with {@code max(1,
 * |x_i|) |df/dx_i|}, loosen the absolute tolerance.
 *
 * <p>Values or gradients that are NaN or infinite are never compared: such a coordinate gets
 * {@link Status#NOT_COMPARED_NON_FINITE} and the check does not pass.
 *
 * <p>Instances are immutable and thread-safe; every configuration method returns a new instance.
 * The user's functions are called with a fresh copy of the point each time and must be safe to
 * call from the threads that use the checker.
 */
public final class GradientCheck {

  /** Default absolute tolerance for central differences: {@value}. */
  public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-6;

  /** Default relative tolerance for central differences: {@value}. */
  public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-5;

  /** Default absolute tolerance for forward differences: {@value}. */
  public static final double DEFAULT_FORWARD_ABSOLUTE_TOLERANCE = 1e-4;

  /** Default relative tolerance for forward differences: {@value}. */
  public static final double DEFAULT_FORWARD_RELATIVE_TOLERANCE = 1e-3;

  /** The spacing of doubles at 1, {@code 2^-52}. */
  private static final double EPSILON = Math.ulp(1.0);

  private static final double CENTRAL_STEP_FACTOR = Math.cbrt(EPSILON);
  private static final double FORWARD_STEP_FACTOR = Math.sqrt(EPSILON);

  /** Value and gradient at one point. */
  private record Sample(double value, double[] gradient) {}

  private final ToDoubleFunction<double[]> valueFunction;
  /** {@code null} only for the internal instances behind the static {@link #numericGradient}. */
  private final Function<double[], Sample> sampleFunction;

  private final boolean forward;
  /** The explicit step, or NaN for the automatic rule. */
  private final double step;
  /** Explicitly set tolerances, or NaN for the scheme's default. */
  private final double absoluteTolerance;

  private final double relativeTolerance;
  /** Parameter names, or {@code null} for {@code x[0], x[1], ...}. */
  private final String[] names;

  private GradientCheck(
      ToDoubleFunction<double[]> valueFunction,
      Function<double[], Sample> sampleFunction,
      boolean forward,
      double step,
      double absoluteTolerance,
      double relativeTolerance,
      String[] names) {
    this.valueFunction = valueFunction;
    this.sampleFunction = sampleFunction;
    this.forward = forward;
    this.step = step;
    this.absoluteTolerance = absoluteTolerance;
    this.relativeTolerance = relativeTolerance;
    this.names = names;
  }

  /**
   * A checker for a function returning its value and gradient, such as a javagrad-generated
   * gradient method. Finite differences use {@code f.apply(x).value()}; the analytic gradient is
   * {@code f.apply(x).gradient()} at the checked point.
   *
   * @param f maps a point to the value and gradient there
   * @return a checker with central differences, the automatic step and default tolerances
   * @throws NullPointerException if {@code f} is null
   */
  public static GradientCheck of(Function<double[], ? extends ValueAndGradient> f) {
    Objects.requireNonNull(f, "f");
    ToDoubleFunction<double[]> value =
        x -> Objects.requireNonNull(f.apply(x), "the function returned null").value();
    Function<double[], Sample> sample =
        x -> {
          ValueAndGradient r = Objects.requireNonNull(f.apply(x), "the function returned null");
          double[] g = Objects.requireNonNull(r.gradient(), "gradient() returned null");
          return new Sample(r.value(), g);
        };
    return new GradientCheck(value, sample, false, Double.NaN, Double.NaN, Double.NaN, null);
  }

  /**
   * A checker for a value function and a separately written gradient function.
   *
   * @param value the function whose gradient is checked
   * @param gradient maps a point to the partial derivatives there, in coordinate order
   * @return a checker with central differences, the automatic step and default tolerances
   * @throws NullPointerException if an argument is null
   */
  public static GradientCheck of(
      ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(gradient, "gradient");
    Function<double[], Sample> sample =
        x -> {
          double v = value.applyAsDouble(x.clone());
          double[] g =
              Objects.requireNonNull(gradient.apply(x), "the gradient function returned null");
          return new Sample(v, g);
        };
    return new GradientCheck(value, sample, false, Double.NaN, Double.NaN, Double.NaN, null);
  }

  /**
   * Central finite differences of {@code f} at {@code x} with the automatic step (see the class
   * documentation). To use another scheme or step, configure a checker and call {@link
   * #numericGradient(double...)}.
   *
   * @param f the function to differentiate
   * @param x the point, all coordinates finite
   * @return a new array with one difference quotient per coordinate
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code x} is empty or has a non-finite coordinate
   */
  public static double[] numericGradient(ToDoubleFunction<double[]> f, double... x) {
    Objects.requireNonNull(f, "f");
    return new GradientCheck(f, null, false, Double.NaN, Double.NaN, Double.NaN, null)
        .numericGradient(x);
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Use central differences {@code (f(x + h e_i) - f(x - h e_i)) / (2h)} (the default).
   *
   * @return a new checker
   */
  public GradientCheck centralDifferences() {
    return new GradientCheck(
        valueFunction,
        sampleFunction,
        false,
        step,
        absoluteTolerance,
        relativeTolerance,
        names);
  }

  /**
   * Use forward differences {@code (f(x + h e_i) - f(x)) / h}, with looser default tolerances.
   *
   * @return a new checker
   */
  public GradientCheck forwardDifferences() {
    return new GradientCheck(
        valueFunction, sampleFunction, true, step, absoluteTolerance, relativeTolerance, names);
  }

  /**
   * Use exactly {@code h} as the step for every coordinate, with the textbook formulas and no
   * adjustment, instead of the automatic rule.
   *
   * @param h the step, finite and positive
   * @return a new checker
   * @throws IllegalArgumentException if {@code h} is not finite and positive
   */
  public GradientCheck step(double h) {
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("step must be finite and positive, got " + h);
    }
    return new GradientCheck(
        valueFunction, sampleFunction, forward, h, absoluteTolerance, relativeTolerance, names);
  }

  /**
   * Sets the absolute tolerance of the pass rule, under either scheme.
   *
   * @param tolerance finite and non-negative
   * @return a new checker
   * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
   */
  public GradientCheck absoluteTolerance(double tolerance) {
    checkTolerance("absoluteTolerance", tolerance);
    return new GradientCheck(
        valueFunction, sampleFunction, forward, step, tolerance, relativeTolerance, names);
  }

  /**
   * Sets the relative tolerance of the pass rule, under either scheme.
   *
   * @param tolerance finite and non-negative
   * @return a new checker
   * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
   */
  public GradientCheck relativeTolerance(double tolerance) {
    checkTolerance("relativeTolerance", tolerance);
    return new GradientCheck(
        valueFunction, sampleFunction, forward, step, absoluteTolerance, tolerance, names);
  }

  /**
   * Names the parameters in reports (default {@code x[0], x[1], ...}). Also fixes the dimension:
   * checked points must have exactly this many coordinates, and {@link
   * #checkAtRandomPoints(int, double, double, long)} draws points of this dimension.
   *
   * @param names one distinct, non-null name per coordinate
   * @return a new checker
   * @throws NullPointerException if the array or a name is null
   * @throws IllegalArgumentException if there are no names or a name repeats
   */
  public GradientCheck parameterNames(String... names) {
    Objects.requireNonNull(names, "names");
    String[] copy = names.clone();
    if (copy.length == 0) {
      throw new IllegalArgumentException("parameterNames must name at least one parameter");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], "names[" + i + "]");
      if (!seen.add(copy[i])) {
        throw new IllegalArgumentException("duplicate parameter name \"" + copy[i] + "\"");
      }
    }
    return new GradientCheck(
        valueFunction, sampleFunction, forward, step, absoluteTolerance, relativeTolerance, copy);
  }

  // ---------------------------------------------------------------- checking

  /**
   * Finite differences of this checker's value function at {@code x}, with the configured scheme
   * and step.
   *
   * @param x the point, all coordinates finite
   * @return a new array with one difference quotient per coordinate; NaN or infinite where the
   *     function's values are
   * @throws NullPointerException if {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty, has a non-finite coordinate, or its
   *     length differs from the number of {@link #parameterNames(String...)}
   */
  public double[] numericGradient(double... x) {
    double[] point = validatePoint(x);
    double fx = forward ? valueFunction.applyAsDouble(point.clone()) : Double.NaN;
    double[] result = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      result[i] = difference(point, i, fx).quotient;
    }
    return result;
  }

  /**
   * Checks the gradient at one point. Never throws because the gradient is wrong; inspect {@link
   * Result#passed()}.
   *
   * @param point the point, all coordinates finite
   * @return the outcome per coordinate and a readable report
   * @throws NullPointerException if {@code point} is null, or a function returns null
   * @throws IllegalArgumentException if {@code point} is empty, has a non-finite coordinate, its
   *     length differs from the number of parameter names, or the gradient's length differs from
   *     the point's
   */
  public Result check(double... point) {
    return check(validatePoint(point), null);
  }

  /**
   * Checks the gradient at one point and throws if it does not pass.
   *
   * @param point the point, all coordinates finite
   * @throws AssertionError with {@link Result#message()} if the check does not pass
   * @throws NullPointerException as for {@link #check(double...)}
   * @throws IllegalArgumentException as for {@link #check(double...)}
   */
  public void assertAt(double... point) {
    Result result = check(point);
    if (!result.passed()) {
      throw new AssertionError(result.message());
    }
  }

  /**
   * Checks the gradient at {@code count} random points with every coordinate drawn uniformly from
   * {@code [lower, upper)}. The dimension is the number of {@link #parameterNames(String...)},
   * which must have been set; otherwise use {@link #checkAtRandomPoints(int, double[], double[],
   * long)}, whose bound arrays give the dimension.
   *
   * @param count the number of points, at least 1
   * @param lower the lower bound of every coordinate, finite
   * @param upper the upper bound of every coordinate, finite, at least {@code lower}
   * @param seed the seed of the {@link SplittableRandom} that draws the points
   * @return as for {@link #checkAtRandomPoints(int, double[], double[], long)}
   * @throws IllegalStateException if no parameter names were set
   * @throws IllegalArgumentException if the count or bounds are invalid, or as for {@link
   *     #check(double...)}
   */
  public Result checkAtRandomPoints(int count, double lower, double upper, long seed) {
    if (names == null) {
      throw new IllegalStateException(
          "the dimension is unknown: call parameterNames(...) first, or pass the bounds as"
              + " arrays with checkAtRandomPoints(int, double[], double[], long)");
    }
    double[] lo = new double[names.length];
    double[] hi = new double[names.length];
    Arrays.fill(lo, lower);
    Arrays.fill(hi, upper);
    return checkAtRandomPoints(
        count, lo, hi, seed, "[" + lower + ", " + upper + "] for every coordinate");
  }

  /**
   * Checks the gradient at {@code count} random points, coordinate {@code j} drawn uniformly from
   * {@code [lower[j], upper[j])} (exactly {@code lower[j]} if the bounds are equal). The points
   * come from one {@code new SplittableRandom(seed)}, point by point and coordinate by coordinate,
   * so a run is reproducible. Stops at the first point that does not pass.
   *
   * @param count the number of points, at least 1
   * @param lower the lower bounds, finite; its length is the dimension
   * @param upper the upper bounds, finite, {@code upper[j] >= lower[j]}, same length as {@code
   *     lower}
   * @param seed the seed of the {@link SplittableRandom} that draws the points
   * @return the result at the first point that does not pass, whose message names the seed and
   *     the point's number; or, if all pass, a passing result holding the entries of the last
   *     point and a summary message
   * @throws NullPointerException if a bounds array is null
   * @throws IllegalArgumentException if the count or bounds are invalid, or as for {@link
   *     #check(double...)}
   */
  public Result checkAtRandomPoints(int count, double[] lower, double[] upper, long seed) {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    return checkAtRandomPoints(
        count,
        lower.clone(),
        upper.clone(),
        seed,
        "lower " + formatPoint(lower) + ", upper " + formatPoint(upper));
  }

  /**
   * Like {@link #checkAtRandomPoints(int, double, double, long)}, but throws if a point fails.
   *
   * @param count the number of points, at least 1
   * @param lower the lower bound of every coordinate
   * @param upper the upper bound of every coordinate
   * @param seed the seed of the {@link SplittableRandom} that draws the points
   * @throws AssertionError with the failing point's report, including the seed
   * @throws IllegalStateException if no parameter names were set
   * @throws IllegalArgumentException as for {@link #checkAtRandomPoints(int, double, double,
   *     long)}
   */
  public void assertAtRandomPoints(int count, double lower, double upper, long seed) {
    Result result = checkAtRandomPoints(count, lower, upper, seed);
    if (!result.passed()) {
      throw new AssertionError(result.message());
    }
  }

  /**
   * Like {@link #checkAtRandomPoints(int, double[], double[], long)}, but throws if a point
   * fails.
   *
   * @param count the number of points, at least 1
   * @param lower the lower bounds; its length is the dimension
   * @param upper the upper bounds
   * @param seed the seed of the {@link SplittableRandom} that draws the points
   * @throws AssertionError with the failing point's report, including the seed
   * @throws NullPointerException if a bounds array is null
   * @throws IllegalArgumentException as for {@link #checkAtRandomPoints(int, double[], double[],
   *     long)}
   */
  public void assertAtRandomPoints(int count, double[] lower, double[] upper, long seed) {
    Result result = checkAtRandomPoints(count, lower, upper, seed);
    if (!result.passed()) {
      throw new AssertionError(result.message());
    }
  }

  /** Describes the configuration, for example {@code GradientCheck[central differences, ...]}. */
  @Override
  public String toString() {
    return "GradientCheck["
        + method()
        + ", absoluteTolerance="
        + effectiveAbsoluteTolerance()
        + ", relativeTolerance="
        + effectiveRelativeTolerance()
        + (names == null ? "" : ", parameterNames=" + Arrays.toString(names))
        + "]";
  }

  // ---------------------------------------------------------------- results

  /** The outcome for one coordinate. */
  public enum Status {
    /** The analytic and numeric partials agree within the tolerance. */
    PASSED,
    /** The analytic and numeric partials differ by more than the tolerance. */
    FAILED,
    /**
     * Not compared because the function's value at a point used, the analytic partial or the
     * difference quotient is NaN or infinite, or the step left the finite range.
     */
    NOT_COMPARED_NON_FINITE
  }

  /**
   * The comparison for one coordinate.
   *
   * @param index the coordinate's index, from 0
   * @param name the parameter's name, {@code x[index]} unless names were given
   * @param analytic the analytic partial derivative
   * @param numeric the finite-difference quotient
   * @param absoluteError {@code |analytic - numeric|}; NaN if not compared
   * @param relativeError {@code absoluteError / max(|analytic|, |numeric|)}, 0 if both are 0; NaN
   *     if not compared
   * @param tolerance the allowed {@code absoluteError}, {@code absoluteTolerance +
   *     relativeTolerance * max(|analytic|, |numeric|)}; NaN if not compared
   * @param status the outcome
   */
  public record Entry(
      int index,
      String name,
      double analytic,
      double numeric,
      double absoluteError,
      double relativeError,
      double tolerance,
      Status status) {

    /**
     * Validates the components.
     *
     * @param index the coordinate's index
     * @param name the parameter's name
     * @param analytic the analytic partial derivative
     * @param numeric the finite-difference quotient
     * @param absoluteError the absolute error
     * @param relativeError the relative error
     * @param tolerance the allowed absolute error
     * @param status the outcome
     * @throws NullPointerException if {@code name} or {@code status} is null
     */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
    }

    /**
     * Whether this coordinate passed.
     *
     * @return {@code status() == Status.PASSED}
     */
    public boolean passed() {
      return status == Status.PASSED;
    }
  }

  /** The outcome of checking the gradient at a point. Immutable. */
  public static final class Result {
    private final double[] point;
    private final List<Entry> entries;
    private final String message;
    private final boolean passed;

    private Result(double[] point, List<Entry> entries, String message) {
      this.point = point;
      this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
      this.message = message;
      this.passed = entries.stream().allMatch(Entry::passed);
    }

    /**
     * Whether every coordinate passed; false if any failed or was not compared.
     *
     * @return true if the gradient check passed
     */
    public boolean passed() {
      return passed;
    }

    /**
     * The point checked (for random points, the failing point or else the last one).
     *
     * @return a new copy of the point
     */
    public double[] point() {
      return point.clone();
    }

    /**
     * One entry per coordinate, in coordinate order.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
      return entries;
    }

    /**
     * A readable multi-line report: the point, then each failing or not compared parameter with
     * its analytic value, numeric value and error, then the scheme and tolerances.
     *
     * @return the report
     */
    public String message() {
      return message;
    }

    /** Returns {@link #message()}. */
    @Override
    public String toString() {
      return message;
    }
  }

  // ---------------------------------------------------------------- internals

  /** One difference quotient with the values it was computed from. */
  private static final class Difference {
    double quotient;
    double fPlus;
    double fMinus;
    /** Null, or a description of a step that left the finite range. */
    String stepProblem;
  }

  private Difference difference(double[] x, int i, double fx) {
    Difference d = new Difference();
    double xi = x[i];
    double plus;
    double minus;
    double denominator;
    if (!Double.isNaN(step)) {
      plus = xi + step;
      minus = forward ? xi : xi - step;
      denominator = forward ? step : 2 * step;
    } else {
      double h = (forward ? FORWARD_STEP_FACTOR : CENTRAL_STEP_FACTOR) * Math.max(1, Math.abs(xi));
      plus = xi + h;
      h = plus - xi; // exactly representable step
      minus = forward ? xi : xi - h;
      denominator = plus - minus;
    }
    if (!Double.isFinite(plus) || !Double.isFinite(minus)) {
      d.stepProblem =
          "the step leaves the finite range ("
              + name(i)
              + " + h = "
              + plus
              + (forward ? "" : ", " + name(i) + " - h = " + minus)
              + ")";
      d.quotient = Double.NaN;
      d.fPlus = Double.NaN;
      d.fMinus = Double.NaN;
      return d;
    }
    double[] shifted = x.clone();
    shifted[i] = plus;
    d.fPlus = valueFunction.applyAsDouble(shifted);
    if (forward) {
      d.fMinus = fx;
    } else {
      shifted = x.clone();
      shifted[i] = minus;
      d.fMinus = valueFunction.applyAsDouble(shifted);
    }
    d.quotient = (d.fPlus - d.fMinus) / denominator;
    return d;
  }

  private Result check(double[] point, String randomNote) {
    int n = point.length;
    Sample sample = sampleFunction.apply(point.clone());
    double[] gradient = sample.gradient();
    if (gradient.length != n) {
      throw new IllegalArgumentException(
          "the gradient has length "
              + gradient.length
              + " but the point has dimension "
              + n
              + " at "
              + formatPoint(point));
    }
    gradient = gradient.clone();
    double fx = sample.value();
    double absTol = effectiveAbsoluteTolerance();
    double relTol = effectiveRelativeTolerance();
    List<Entry> entries = new ArrayList<>(n);
    StringBuilder lines = new StringBuilder();
    int bad = 0;
    for (int i = 0; i < n; i++) {
      Difference d = difference(point, i, fx);
      double analytic = gradient[i];
      List<String> nonFinite = new ArrayList<>();
      if (d.stepProblem != null) {
        nonFinite.add(d.stepProblem);
      } else {
        if (!Double.isFinite(fx)) {
          nonFinite.add("f(x) = " + fx);
        }
        if (!Double.isFinite(d.fPlus)) {
          nonFinite.add("f(x + h*e_" + name(i) + ") = " + d.fPlus);
        }
        if (!forward && !Double.isFinite(d.fMinus)) {
          nonFinite.add("f(x - h*e_" + name(i) + ") = " + d.fMinus);
        }
      }
      if (!Double.isFinite(analytic)) {
        nonFinite.add("analytic = " + analytic);
      }
      if (nonFinite.isEmpty() && !Double.isFinite(d.quotient)) {
        nonFinite.add("difference quotient = " + d.quotient);
      }
      Entry entry;
      if (!nonFinite.isEmpty()) {
        entry =
            new Entry(
                i,
                name(i),
                analytic,
                d.quotient,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Status.NOT_COMPARED_NON_FINITE);
        lines
            .append("\n  ")
            .append(name(i))
            .append(": not compared, non-finite: ")
            .append(String.join(", ", nonFinite));
      } else {
        double error = Math.abs(analytic - d.quotient);
        double scale = Math.max(Math.abs(analytic), Math.abs(d.quotient));
        double relative = scale == 0 ? 0 : error / scale;
        double tolerance = absTol + relTol * scale;
        Status status = error <= tolerance ? Status.PASSED : Status.FAILED;
        entry =
            new Entry(i, name(i), analytic, d.quotient, error, relative, tolerance, status);
        if (status == Status.FAILED) {
          lines
              .append("\n  ")
              .append(name(i))
              .append(": analytic ")
              .append(analytic)
              .append(", numeric ")
              .append(d.quotient)
              .append(", |error| ")
              .append(brief(error))
              .append(" (relative ")
              .append(brief(relative))
              .append(", tolerance ")
              .append(brief(tolerance))
              .append(")");
        }
      }
      if (!entry.passed()) {
        bad++;
      }
      entries.add(entry);
    }
    StringBuilder message = new StringBuilder("gradient check ");
    if (bad == 0) {
      message
          .append("passed at ")
          .append(formatPoint(point))
          .append(" for all ")
          .append(n)
          .append(n == 1 ? " parameter (" : " parameters (")
          .append(method())
          .append(")");
    } else {
      message
          .append("failed at ")
          .append(formatPoint(point))
          .append(" for ")
          .append(bad)
          .append(" of ")
          .append(n)
          .append(n == 1 ? " parameter:" : " parameters:")
          .append(lines)
          .append("\n  [")
          .append(method())
          .append("; pass if |error| <= ")
          .append(absTol)
          .append(" + ")
          .append(relTol)
          .append(" * max(|analytic|, |numeric|)]");
      if (randomNote != null) {
        message.append("\n  [").append(randomNote).append("]");
      }
    }
    return new Result(point, entries, message.toString());
  }

  private Result checkAtRandomPoints(
      int count, double[] lower, double[] upper, long seed, String bounds) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    if (lower.length != upper.length) {
      throw new IllegalArgumentException(
          "lower has length " + lower.length + " but upper has length " + upper.length);
    }
    if (lower.length == 0) {
      throw new IllegalArgumentException("the bounds must have at least one coordinate");
    }
    if (names != null && names.length != lower.length) {
      throw new IllegalArgumentException(
          "the bounds have length "
              + lower.length
              + " but there are "
              + names.length
              + " parameter names");
    }
    for (int j = 0; j < lower.length; j++) {
      if (!Double.isFinite(lower[j])
          || !Double.isFinite(upper[j])
          || !(lower[j] <= upper[j])
          || !Double.isFinite(upper[j] - lower[j])) {
        throw new IllegalArgumentException(
            "bounds for "
                + name(j)
                + " must be finite with lower <= upper, got ["
                + lower[j]
                + ", "
                + upper[j]
                + "]");
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    Result last = null;
    for (int k = 1; k <= count; k++) {
      double[] point = new double[lower.length];
      for (int j = 0; j < point.length; j++) {
        point[j] = lower[j] == upper[j] ? lower[j] : random.nextDouble(lower[j], upper[j]);
      }
      String note =
          "random point " + k + " of " + count + ", seed " + seed + "L, bounds " + bounds;
      last = check(point, note);
      if (!last.passed()) {
        return last;
      }
    }
    String summary =
        "gradient check passed at "
            + count
            + (count == 1 ? " random point" : " random points")
            + " (seed "
            + seed
            + "L, bounds "
            + bounds
            + ") for all "
            + lower.length
            + (lower.length == 1 ? " parameter (" : " parameters (")
            + method()
            + ")";
    return new Result(last.point, last.entries, summary);
  }

  private double[] validatePoint(double[] x) {
    Objects.requireNonNull(x, "point");
    if (x.length == 0) {
      throw new IllegalArgumentException("the point must have at least one coordinate");
    }
    if (names != null && names.length != x.length) {
      throw new IllegalArgumentException(
          "the point has "
              + x.length
              + " coordinates but there are "
              + names.length
              + " parameter names "
              + Arrays.toString(names));
    }
    double[] copy = x.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Double.isFinite(copy[i])) {
        throw new IllegalArgumentException(
            "coordinate "
                + i
                + (names == null ? "" : " (" + names[i] + ")")
                + " of the point is "
                + copy[i]
                + "; gradients can only be checked at finite points");
      }
    }
    return copy;
  }

  private String name(int i) {
    return names == null ? "x[" + i + "]" : names[i];
  }

  private double effectiveAbsoluteTolerance() {
    if (!Double.isNaN(absoluteTolerance)) {
      return absoluteTolerance;
    }
    return forward ? DEFAULT_FORWARD_ABSOLUTE_TOLERANCE : DEFAULT_ABSOLUTE_TOLERANCE;
  }

  private double effectiveRelativeTolerance() {
    if (!Double.isNaN(relativeTolerance)) {
      return relativeTolerance;
    }
    return forward ? DEFAULT_FORWARD_RELATIVE_TOLERANCE : DEFAULT_RELATIVE_TOLERANCE;
  }

  private String method() {
    String scheme = forward ? "forward differences" : "central differences";
    if (!Double.isNaN(step)) {
      return scheme + ", step " + step;
    }
    return scheme
        + (forward
            ? ", automatic step sqrt(2^-52) * max(1, |x_i|)"
            : ", automatic step cbrt(2^-52) * max(1, |x_i|)");
  }

  private static void checkTolerance(String what, double tolerance) {
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException(
          what + " must be finite and non-negative, got " + tolerance);
    }
  }

  private static String formatPoint(double[] x) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < x.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(x[i]);
    }
    return b.append(')').toString();
  }

  /** Three significant digits, for errors and tolerances. */
  private static String brief(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return Double.toString(v);
    }
    return Double.toString(Double.parseDouble(String.format(Locale.ROOT, "%.2e", v)));
  }
}
