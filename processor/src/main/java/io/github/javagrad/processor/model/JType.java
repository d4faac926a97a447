package io.github.javagrad.processor.model;

/** The value types the differentiable subset knows about. */
public enum JType {
  DOUBLE("double", true),
  INT("int", false),
  LONG("long", false),
  BOOLEAN("boolean", false);

  private final String keyword;
  private final boolean differentiable;

  JType(String keyword, boolean differentiable) {
    this.keyword = keyword;
    this.differentiable = differentiable;
  }

  /** The Java keyword for this type. */
  public String keyword() {
    return keyword;
  }

  /** Whether values of this type can carry a derivative. */
  public boolean isDifferentiable() {
    return differentiable;
  }

  public boolean isNumeric() {
    return this != BOOLEAN;
  }

  /** Binary numeric promotion (JLS 5.6.2) over the numeric types of the subset. */
  public static JType promote(JType a, JType b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} may be assigned to {@code this} without a cast. */
  public boolean acceptsWithoutCast(JType from) {
    if (this == from) {
      return true;
    }
    return switch (this) {
      case DOUBLE -> from == INT || from == LONG;
      case LONG -> from == INT;
      default -> false;
    };
  }

  /** The zero value of this type as Java source. */
  public String zeroLiteral() {
    return switch (this) {
      case DOUBLE -> "0.0";
      case INT -> "0";
      case LONG -> "0L";
      case BOOLEAN -> "false";
    };
  }
}
