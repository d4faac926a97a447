package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.d;
import static io.github.javagrad.corpus.Check.verify1;
import static io.github.javagrad.corpus.Check.verify2;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Shadowing: same-class methods named exp and sin are not Math's; a nested class named Math;
 * fully qualified java.lang.Math; class constants PI and E over a static import; and names that
 * collide with the generator's own (value, seed, dX, sin, dR, ...).
 */
class ShadowingTest {

  private static final double[] XS = {-2.5, -1, -0.3, 0.4, 1, 1.7};
  private static final double[][] PLANE = {
    {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.75}, {-1.5, -0.5}, {0.5, -1.5}, {2, -2.5}
  };

  @Test
  void sameClassMethodNamedExpIsNotMathExp() {
    verify1(ShadowFnsGradients::exp, ShadowFns::exp, x -> 2 * x, XS, -3, 3);
    verify1(ShadowFnsGradients::ownExpAndMathExp, ShadowFns::ownExpAndMathExp,
        x -> 2 * x + Math.exp(x), XS, -3, 3);
  }

  @Test
  void localNamedExpIsNotMathExp() {
    verify1(ShadowFnsGradients::localNamedExp, ShadowFns::localNamedExp,
        x -> 2 * Math.exp(2 * x) + 2, XS, -3, 3);
  }

  @Test
  void localNamedSinNextToMathSin() {
    // 3x sin(x) + sin(3x)
    verify1(ShadowFnsGradients::localNamedSin, ShadowFns::localNamedSin,
        x -> 3 * Math.sin(x) + 3 * x * Math.cos(x) + 3 * Math.cos(3 * x), XS, -3, 3);
  }

  @Test
  void parametersNamedSinAndCos() {
    verify2(ShadowFnsGradients::parametersNamedSinAndCos, ShadowFns::parametersNamedSinAndCos,
        (s, c) -> d(Math.cos(s) * Math.cos(c), -Math.sin(s) * Math.sin(c)), PLANE, -3, 3);
  }

  @Test
  void sameClassSinShadowsTheStaticImport() {
    verify1(ShadowStaticImportGradients::sin, ShadowStaticImport::sin, x -> 2, XS, -3, 3);
    verify1(ShadowStaticImportGradients::ownSinAndImportedCos,
        ShadowStaticImport::ownSinAndImportedCos, x -> 2 - Math.sin(x), XS, -3, 3);
  }

  @Test
  void classConstantsShadowStaticallyImportedPiAndE() {
    verify1(ShadowStaticImportGradients::ownConstants, ShadowStaticImport::ownConstants,
        x -> 3 + 10 * Math.cos(x) + Math.exp(x), XS, -3, 3);
  }

  @Test
  void nestedClassNamedMath() {
    verify1(ShadowNestedMath_MathGradients::sin, ShadowNestedMath.Math::sin, x -> 3 * x * x, XS,
        -3, 3);
    verify1(ShadowNestedMath_MathGradients::exp, ShadowNestedMath.Math::exp, x -> 3, XS, -3, 3);
    verify1(ShadowNestedMathGradients::useNestedMath, ShadowNestedMath::useNestedMath,
        x -> 3 * x * x + Math.cos(x) + 3 + 0.5 * Math.exp(0.5 * x), XS, -3, 3);
  }

  @Test
  void fullyQualifiedJavaLangMath() {
    verify1(ShadowFnsGradients::fullyQualified, ShadowFns::fullyQualified,
        x -> (Math.cos(x) + Math.sin(x)) * Math.exp(x) + Math.PI, XS, -3, 3);
  }

  @Test
  void localsNamedValueSeedAndDx() {
    verify2(ShadowFnsGradients::localsNamedLikeGeneratedCode,
        ShadowFns::localsNamedLikeGeneratedCode,
        (x, y) -> d(2 * x * y + y, x * (x + 1) + 3), PLANE, -3, 3);
  }

  @Test
  void parametersNamedSeedAndValue() {
    ShadowFnsGradients.ParametersNamedSeedAndValue r =
        ShadowFnsGradients.parametersNamedSeedAndValue(2, 3);
    Check.gradient(r, 15, 12, 5);
    Check.exact(12, r.dSeed(), "dSeed");
    Check.exact(5, r.dValue(), "dValue");
    // The pullback's own seed must not be confused with the parameter named seed.
    ShadowFnsGradients.ParametersNamedSeedAndValue p =
        ShadowFnsGradients.parametersNamedSeedAndValuePullback(2, 3, 0.5);
    Check.gradient(p, 15, 6, 2.5);
    verify2(ShadowFnsGradients::parametersNamedSeedAndValue,
        ShadowFns::parametersNamedSeedAndValue,
        (s, v) -> d(2 * s * v, s * s + 1), PLANE, -3, 3);
  }

  @Test
  void localAndParameterNamedLikeAdjoints() {
    verify1(ShadowFnsGradients::localNamedLikeAnAdjoint, ShadowFns::localNamedLikeAnAdjoint,
        x -> 6 * x, XS, -3, 3);
    verify2(ShadowFnsGradients::parameterNamedLikeAnAdjoint,
        ShadowFns::parameterNamedLikeAnAdjoint, (x, dx) -> d(2 * x * dx, x * x), PLANE, -3, 3);
    ShadowFnsGradients.ParameterNamedLikeAnAdjoint r =
        ShadowFnsGradients.parameterNamedLikeAnAdjoint(2, 5);
    Check.exact(20, r.dX(), "dX (partial for x)");
    Check.exact(4, r.dDX(), "dDX (partial for the parameter named dX)");
  }

  @Test
  void methodsNamedValueAndGradient() {
    ShadowFnsGradients.Value v = ShadowFnsGradients.value(2);
    Check.gradient(v, 10, 5);
    ShadowFnsGradients.Gradient g = ShadowFnsGradients.gradient(2);
    Check.gradient(g, 8, 12);
    GradientCheck.of(p -> ShadowFnsGradients.gradient(p[0])).parameterNames("x")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
  }

  @Test
  void partialNamesThatClashAreMadeDistinct() {
    ShadowFnsGradients.PartialNamesThatClash r = ShadowFnsGradients.partialNamesThatClash(2, 3, 5, 7);
    Check.gradient(r, 210, 105, 70, 42, 30);
    Check.exact(105, r.dD(), "d/dd");
    Check.exact(70, r.dD_(), "d/dD");
    Check.exact(42, r.dX(), "d/dx");
    Check.exact(30, r.dX_(), "d/dX");
    GradientCheck.of(p -> ShadowFnsGradients.partialNamesThatClash(p[0], p[1], p[2], p[3]))
        .assertAtRandomPoints(20, new double[] {-2, -2, -2, -2}, new double[] {2, 2, 2, 2},
            Check.SEED);
  }

  @Test
  void finalParametersAndLocals() {
    verify2(ShadowFnsGradients::finals, ShadowFns::finals,
        (x, y) -> d(4 * x * y * y, 4 * x * x * y), PLANE, -3, 3);
  }

  @Test
  void variablesNamedLikeTypesTheGeneratedCodeUses() {
    verify2(ShadowFnsGradients::parameterNamedMath, ShadowFns::parameterNamedMath,
        (m, x) -> d(Math.sin(x), m * Math.cos(x)), PLANE, -3, 3);
    verify1(ShadowFnsGradients::localNamedMath, ShadowFns::localNamedMath,
        x -> 2 * Math.sin(x) + 2 * x * Math.cos(x), XS, -3, 3);
    verify2(ShadowFnsGradients::localNamedDerivatives, ShadowFns::localNamedDerivatives,
        (x, y) -> x > y ? d(4 * x, 0) : d(2 * y, 2 * x), PLANE, -3, 3);
    // At the tie max splits 1/2-1/2: d/dx = 2 max + 2x/2, d/dy = 2x/2.
    Check.gradientExact(ShadowFnsGradients.localNamedDerivatives(1.5, 1.5), 4.5, 4.5, 1.5);
  }

  @Test
  void parametersNamedLikeEveryGeneratedSeedCandidate() {
    ShadowFnsGradients.ParametersNamedSeedAndSeed2 r =
        ShadowFnsGradients.parametersNamedSeedAndSeed2Pullback(2, 3, 5, 0.5);
    Check.gradient(r, 30, 7.5, 5, 3);
    GradientCheck.of(p -> ShadowFnsGradients.parametersNamedSeedAndSeed2(p[0], p[1], p[2]))
        .parameterNames("seed", "seed2", "value2")
        .assertAtRandomPoints(20, -2, 2, Check.SEED);
  }

  @Test
  void localNamedLikeAPullbackTemporary() {
    verify1(ShadowFnsGradients::localNamedLikeAPullbackTemporary,
        ShadowFns::localNamedLikeAPullbackTemporary, x -> 9 * x * x, XS, -3, 3);
  }

  @Test
  void localsAndParametersShadowingConstantsAndMethods() {
    verify1(ShadowFnsGradients::localShadowsConstant, ShadowFns::localShadowsConstant,
        x -> 10 * x, XS, -3, 3);
    verify2(ShadowFnsGradients::parameterShadowsConstant, ShadowFns::parameterShadowsConstant,
        (s, x) -> d(x, s), PLANE, -3, 3);
    verify1(ShadowFnsGradients::localNamedLikeAMethod, ShadowFns::localNamedLikeAMethod,
        x -> 4 * x, XS, -3, 3);
  }

  @Test
  void localsNamedLikeTheOwnerAndCompanionClasses() {
    verify1(ShadowFnsGradients::localNamedLikeTheClass, ShadowFns::localNamedLikeTheClass,
        x -> 3 * x * x + 2 * x, XS, -3, 3);
    verify1(ShadowFnsGradients::localNamedLikeTheCompanion, ShadowFns::localNamedLikeTheCompanion,
        x -> 3 * x * x + 2 * x, XS, -3, 3);
    verify1(ShadowFnsGradients::localsNamedLikeAnotherPackagesClasses,
        ShadowFns::localsNamedLikeAnotherPackagesClasses,
        x -> {
          double s = 1 / (1 + Math.exp(-x));
          return 2 * s + 2 * (x + 1) * s * (1 - s);
        },
        XS, -3, 3);
  }
}
