package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.diagnostics.Diagnostic;
import io.github.javagrad.processor.diagnostics.Reporter;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.MethodModel;
import java.util.Map;

/**
 * Checks that need the activity analysis. A call that passes an active value to a parameter the
 * callee does not differentiate would silently drop that part of the gradient: it is an error.
 */
public final class CallChecks {
  private CallChecks() {}

  /** Reports each problem; returns whether there were none. */
  public static boolean check(MethodAnalysis analysis, Reporter reporter) {
    boolean ok = true;
    for (Map.Entry<Expr, MethodModel.CallSite> site : analysis.method().callSites().entrySet()) {
      Expr.DifferentiableCall call = (Expr.DifferentiableCall) site.getKey();
      for (int i = 0; i < call.arguments().size(); i++) {
        Expr arg = call.arguments().get(i);
        // Varied, not active: an argument whose only way to the result is this very parameter is
        // not "useful", precisely because the callee drops its derivative.
        if (!call.callee().differentiates(i) && analysis.activity().isVaried(arg)) {
          String parameter = "#" + (i + 1);
          String method = call.callee().owner().simpleName() + "." + call.callee().methodName();
          reporter.error(Diagnostic.ACTIVE_ARGUMENT_NOT_DIFFERENTIATED, site.getValue().tree(),
              site.getValue().unit(), parameter, method, "that parameter", method);
          ok = false;
        }
      }
    }
    return ok;
  }
}
