package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Stmt;
import java.util.List;

/**
 * Stage 2's result: the method with its body in terminal form, which variables are active, and
 * what must be recorded for the reverse sweep.
 */
public record MethodAnalysis(
    MethodModel method, List<Stmt> body, Activity activity, Recording recording) {

  public static MethodAnalysis of(MethodModel source) {
    MethodModel method = LoopReturns.rewrite(LabelledJumps.rewrite(source));
    List<Stmt> body = ReturnNormalizer.normalize(method.body());
    List<io.github.javagrad.processor.model.Variable> outputs = method.returnsVoid()
        ? method.parameters().stream()
            .filter(p -> p.type().isArray() && p.type().isDifferentiable()).toList()
        : List.of();
    Activity activity = Activity.of(method.wrt(), outputs, body);
    return new MethodAnalysis(method, body, activity, Recording.of(body, activity));
  }
}
