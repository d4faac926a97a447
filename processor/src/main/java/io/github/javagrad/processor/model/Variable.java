package io.github.javagrad.processor.model;

/**
 * A local variable or parameter of the differentiated method, or a variable the adjoint builder
 * introduces. Identity matters: two variables with equal names in sibling blocks are distinct
 * objects, and the reader gives them distinct {@link #name() names}.
 */
public final class Variable {
  /** What a variable is for; decides how its name was chosen. */
  public enum Role {
    PARAMETER,
    LOCAL,
    /** A forward-sweep temporary holding an intermediate value the reverse sweep needs. */
    TEMPORARY,
    /** The adjoint of a primal variable or temporary. */
    ADJOINT,
    /** The value of a primal variable saved before it is overwritten. */
    SAVED,
    /** A recorded branch outcome. */
    BRANCH,
    /** The result of a pullback call. */
    PULLBACK,
    /** A tape of values of {@link Variable#type()}: {@code DoubleTape}, {@code IntTape}, {@code LongTape}, {@code BooleanTape}. */
    TAPE,
    /** The thread's {@code ArrayPool} of scratch arrays (its mark on entry is a {@link #TAPE}). */
    ARRAY_POOL,
    /** A loop's iteration count, for loops whose trip count cannot be recomputed. */
    COUNTER,
  }

  private final String name;
  private final JType type;
  private final Role role;

  public Variable(String name, JType type, Role role) {
    this.name = name;
    this.type = type;
    this.role = role;
  }

  public String name() {
    return name;
  }

  public JType type() {
    return type;
  }

  public Role role() {
    return role;
  }

  @Override
  public String toString() {
    return name;
  }
}
