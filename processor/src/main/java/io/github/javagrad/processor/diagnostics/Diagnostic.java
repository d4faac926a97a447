package io.github.javagrad.processor.diagnostics;

import java.util.Locale;

/**
 * Every message javagrad prints, in one place. Each has a stable id (shown as
 * {@code [javagrad:ID]}), a message and a hint saying what to do instead. The user guide's error
 * catalogue is checked against this enum by a test, so the two cannot drift.
 *
 * <p>Messages use {@link String#format} placeholders.
 */
public enum Diagnostic {
  // ---- the annotated method itself (JG1xx) ----
  NOT_STATIC(
      "JG101",
      "@Differentiable method %s must be static",
      "make it static and pass any state it reads as parameters"),
  NO_BODY(
      "JG102",
      "@Differentiable method %s has no body to differentiate",
      "put @Differentiable on a concrete static method"),
  UNSUPPORTED_RETURN_TYPE(
      "JG103",
      "@Differentiable method %s returns %s; javagrad differentiates methods that return double,"
          + " double[] or void",
      "return the scalar you want the gradient of as a double, or write results into a double[]"),
  UNSUPPORTED_PARAMETER_TYPE(
      "JG104",
      "parameter %s has type %s, which a @Differentiable method cannot take",
      "use double for values to differentiate and int, long or boolean for the others"),
  WRT_UNKNOWN_PARAMETER(
      "JG105",
      "wrt names \"%s\", which is not a parameter of %s",
      "list parameter names exactly as declared, e.g. @Differentiable(wrt = {\"x\"})"),
  WRT_NOT_DIFFERENTIABLE(
      "JG106",
      "wrt names \"%s\", which has type %s; only double, double[] and double[][] parameters can"
          + " be differentiated",
      "remove it from wrt, or make the parameter a double"),
  WRT_DUPLICATE("JG107", "wrt names \"%s\" twice", "list each parameter once"),
  NOTHING_TO_DIFFERENTIATE(
      "JG108",
      "@Differentiable method %s has no double parameter to differentiate with respect to",
      "add a double parameter, or remove @Differentiable"),
  SCALAR_WRT_OF_ARRAY_RESULT(
      "JG116",
      "wrt names scalar parameter \"%s\" of a method returning %s; such methods differentiate"
          + " their array parameters",
      "pass the value in a double[] of length 1, or return a double"),
  GENERIC_METHOD(
      "JG109",
      "@Differentiable method %s declares type parameters",
      "differentiable methods work on primitive doubles; remove the type parameters"),
  PRIVATE_METHOD(
      "JG110",
      "@Differentiable method %s is private, but its generated gradient class must call it",
      "make it package-private (drop 'private')"),
  UNSUPPORTED_ENCLOSING_CLASS(
      "JG111",
      "@Differentiable method %s is declared in %s, which generated code cannot name",
      "move it into a top-level class in its own file, or a static nested class that is not"
          + " private"),
  GENERATED_NAME_CLASH(
      "JG114",
      "@Differentiable method %s would get the generated name %s, which %s already has",
      "rename one of the two methods"),
  COMPANION_CLASH(
      "JG115",
      "the gradient class %s of %s clashes with %s",
      "rename one of the classes (nested class A.B and top-level class A_B both map to A_BGradients)"),
  METHOD_TOO_LARGE(
      "JG117",
      "the generated gradient of %s would exceed the JVM's 64 KB limit on a method's code, and"
          + " javagrad cannot split it",
      "split the method into smaller @Differentiable methods that call one another"),
  VARARGS_METHOD(
      "JG112",
      "@Differentiable method %s takes varargs",
      "take the values as separate double parameters"),
  THROWS_CLAUSE(
      "JG113",
      "@Differentiable method %s declares the checked exception %s; exceptions are not"
          + " differentiable control flow",
      "remove it from the throws clause and keep the computation free of exceptions (unchecked"
          + " exceptions may stay there)"),

  // ---- statements (JG2xx) ----
  UNSUPPORTED_STATEMENT(
      "JG201",
      "%s is not supported in a @Differentiable method",
      "%s"),
  UNSUPPORTED_LOCAL_TYPE(
      "JG202",
      "local variable %s has type %s, which a @Differentiable method cannot use",
      "use double for values that carry derivatives and int, long or boolean for the others"),
  MISSING_INITIALIZER(
      "JG203",
      "array variable %s is declared without an array",
      "create the array where it is declared, e.g. double[] %s = new double[n];"),
  ASSIGNMENT_AS_EXPRESSION(
      "JG204",
      "an assignment used as a value (%s) is not supported yet",
      "write the assignment as a statement of its own"),
  INCREMENT_AS_EXPRESSION(
      "JG205",
      "%s used as a value is not supported yet",
      "write the increment as a statement of its own, then use the variable"),
  UNSUPPORTED_ASSIGNMENT_TARGET(
      "JG206",
      "cannot assign to %s; a @Differentiable method may only assign its own locals and parameters",
      "compute the value into a local variable and return it"),
  WRITE_TO_ARRAY_PARAMETER(
      "JG207",
      "writes to array parameter %s of a method that returns a value",
      "write into a new local array copied from %s, or make the method void so the array is an"
          + " output"),
  ARRAY_REASSIGNED(
      "JG208",
      "reassigns array variable %s; javagrad tracks each array variable as one array",
      "write its elements instead, or declare a new array variable"),
  ARRAY_ALIAS(
      "JG209",
      "%s makes a second name for an existing array",
      "copy it with .clone(), or index the original directly (e.g. w[i][j])"),
  MISSING_RETURN(
      "JG213",
      "not every path through %s ends in a return javagrad can follow",
      "end the method with a return statement (after any loop)"),
  ARRAY_IN_LOOP(
      "JG212",
      "declares array %s inside a loop; each iteration would make a new array",
      "declare the array before the loop and overwrite its elements in the loop"),
  LABELED_JUMP(
      "JG211",
      "a label on something other than a loop is not supported",
      "label only loops, and break or continue to them"),

  // ---- expressions (JG3xx) ----
  UNSUPPORTED_EXPRESSION(
      "JG301",
      "%s is not supported in a @Differentiable method",
      "%s"),
  UNSUPPORTED_OPERATOR(
      "JG302",
      "operator %s is not supported on %s",
      "%s"),
  FLOAT_NOT_SUPPORTED(
      "JG303",
      "float (%s) is not supported",
      "use double; javagrad differentiates double-precision code only"),
  UNKNOWN_IDENTIFIER(
      "JG304",
      "cannot resolve %s",
      "a @Differentiable method may read its parameters, its locals and static final constants"),
  FIELD_NOT_CONSTANT(
      "JG305",
      "reads field %s, which is not a static final constant",
      "pass the value in as a parameter"),
  UNSUPPORTED_CONSTANT_TYPE(
      "JG316",
      "reads constant %s of type %s; a @Differentiable method reads double, int, long and boolean"
          + " constants",
      "pass the value in as a parameter"),
  PRIVATE_CONSTANT(
      "JG306",
      "reads private constant %s, which is not a compile-time constant the generated class can inline",
      "make the constant package-private, or give it a literal value"),
  UNKNOWN_METHOD(
      "JG307",
      "calls %s, which is neither a Math function javagrad differentiates nor a @Differentiable method",
      "annotate %s with @Differentiable, or compute its value outside and pass it in as a parameter"),
  NOT_DIFFERENTIABLE_CALLEE(
      "JG308",
      "calls %s, which is not @Differentiable",
      "annotate it with @Differentiable so javagrad can chain through its gradient"),
  UNSUPPORTED_MATH_FUNCTION(
      "JG309",
      "calls %s.%s, which javagrad has no derivative for",
      "supported: sin cos tan asin acos atan atan2 sinh cosh tanh exp expm1 log log10 log1p sqrt cbrt"
          + " pow hypot abs max min signum floor ceil rint copySign toRadians toDegrees"),
  WRONG_ARGUMENT_COUNT(
      "JG310",
      "calls %s with %d argument(s); it takes %d",
      "check the call against the method's declaration"),
  AMBIGUOUS_CALL(
      "JG311",
      "the call %s matches more than one @Differentiable overload",
      "add a cast to the arguments so exactly one overload applies"),
  CALLEE_NOT_ACCESSIBLE(
      "JG312",
      "calls %s, which is private; the generated gradient class cannot call it",
      "make %s package-private"),
  CALLEE_PARAMETER_NAMES_UNAVAILABLE(
      "JG314",
      "calls %s, whose class file has no parameter names, so its wrt list cannot be matched",
      "compile the callee's class with -parameters or -g (Maven and Gradle use -g by default)"),
  ACTIVE_ARGUMENT_NOT_DIFFERENTIATED(
      "JG315",
      "passes a value that depends on the differentiated inputs to parameter %s of %s, which"
          + " that method does not differentiate (see its wrt)",
      "add %s to the wrt list of %s (methods returning void or double[] differentiate array"
          + " parameters only), or pass a value that does not depend on the inputs"),
  TYPE_MISMATCH(
      "JG313",
      "%s has type %s where %s is needed",
      "add an explicit conversion"),

  // ---- environment and internal (JG9xx) ----
  TREES_UNAVAILABLE(
      "JG901",
      "javagrad needs the javac Tree API, which this compiler does not provide (%s)",
      "compile with javac (Maven, Gradle, or IntelliJ with the javac compiler); the Eclipse compiler"
          + " (ECJ) is not supported"),
  INTERNAL_ERROR(
      "JG999",
      "internal error in javagrad while differentiating %s: %s",
      "this is a javagrad bug; please report it with the method's source. Methods without errors"
          + " are still generated where possible");

  private final String id;
  private final String message;
  private final String hint;

  Diagnostic(String id, String message, String hint) {
    this.id = id;
    this.message = message;
    this.hint = hint;
  }

  public String id() {
    return id;
  }

  public String messageTemplate() {
    return message;
  }

  public String hintTemplate() {
    return hint;
  }

  /**
   * The full text: {@code [javagrad:ID] message} then the hint on its own line. Arguments fill the
   * message's placeholders first and the hint's after them.
   */
  public String format(Object... args) {
    int messageArgs = countPlaceholders(message);
    Object[] forMessage = java.util.Arrays.copyOfRange(args, 0, Math.min(messageArgs, args.length));
    Object[] forHint =
        args.length > messageArgs
            ? java.util.Arrays.copyOfRange(args, messageArgs, args.length)
            : new Object[0];
    String text = String.format(Locale.ROOT, message, forMessage);
    String help = countPlaceholders(hint) == 0 ? hint : String.format(Locale.ROOT, hint, forHint);
    return "[javagrad:" + id + "] " + text + "\n  hint: " + help;
  }

  private static int countPlaceholders(String template) {
    int count = 0;
    for (int i = 0; i < template.length() - 1; i++) {
      if (template.charAt(i) == '%') {
        char next = template.charAt(i + 1);
        if (next == '%') {
          i++;
        } else {
          count++;
        }
      }
    }
    return count;
  }
}
