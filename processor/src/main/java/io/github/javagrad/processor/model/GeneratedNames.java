package io.github.javagrad.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * The public names generated for one differentiable method.
 *
 * @param companion the companion class, {@code p.CGradients}
 * @param valueAndGradient the value-and-gradient method, same name as the original
 * @param pullback the pullback method, {@code mPullback}
 * @param resultRecord the result record, {@code CGradients.M}
 */
public record GeneratedNames(
    ClassName companion, String valueAndGradient, String pullback, ClassName resultRecord) {}
