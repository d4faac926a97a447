package io.github.javagrad.processor;

import io.github.javagrad.processor.diagnostics.Diagnostic;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that makes javac report the given diagnostics through the processor. {@link
 * DiagnosticCatalogueTest} checks that every catalogue entry is triggered by some test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Triggers {
  Diagnostic[] value();
}
