package io.github.javagrad.examples;

/** Placeholder for the examples tour; replaced by the real tour. */
public final class Tour {
  private Tour() {}

  public static void main(String[] args) {
    System.out.println("javagrad examples tour: placeholder");
  }
}
