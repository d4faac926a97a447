package io.github.javagrad.processor.model;

/**
 * Where a statement came from: the file name, its line, and its first source line trimmed, for
 * the comments that tie generated code back to what the user wrote.
 */
public record SourceRef(String fileName, long line, String text) {
  /** {@code Demo.java:7  return 3 * (a + b * c);} */
  public String comment() {
    return fileName + ":" + line + "  " + text;
  }
}
