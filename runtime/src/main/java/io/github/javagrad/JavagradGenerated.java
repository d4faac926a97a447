package io.github.javagrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class written by the javagrad processor. Its retention is {@code CLASS} so that
 * coverage tools such as JaCoCo, which skip classes carrying an annotation whose simple name
 * contains "Generated", leave generated gradients out of coverage reports.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface JavagradGenerated {}
