package io.github.javagrad.processor.model;

/** The value types the differentiable subset knows about. */
public enum JType {
  DOUBLE("double", true),
  INT("int", false),
  LONG("long", false),
  BOOLEAN("boolean", false),
  DOUBLE_ARRAY("double[]", true),
  DOUBLE_MATRIX("double[][]", true),
  INT_ARRAY("int[]", false);

  private final String keyword;
  private final boolean differentiable;

  JType(String keyword, boolean differentiable) {
    this.keyword = keyword;
    this.differentiable = differentiable;
  }

  /** The Java spelling of this type. */
  public String keyword() {
    return keyword;
  }

  /** Whether values of this type can carry a derivative. */
  public boolean isDifferentiable() {
    return differentiable;
  }

  /** double, int or long. */
  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY;
  }

  /** The type of one element ({@code double[][]} → {@code double[]}), or null for scalars. */
  public JType elementType() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case INT_ARRAY -> INT;
      default -> null;
    };
  }

  /** The array type whose elements have this type, or null. */
  public JType arrayOf() {
    return switch (this) {
      case DOUBLE -> DOUBLE_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE_MATRIX;
      case INT -> INT_ARRAY;
      default -> null;
    };
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
}
