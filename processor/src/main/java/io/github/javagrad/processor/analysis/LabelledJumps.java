package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.SourceRef;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites {@code break outer;} and {@code continue outer;} from inside nested loops as a flag
 * and plain breaks, so the rest of the pipeline only sees jumps of the innermost loop:
 *
 * <pre>{@code
 * boolean breakAtLine4 = false;
 * outer: for (...) {            for (...) {
 *   for (...) {                   for (...) { ... breakAtLine4 = true; break; ... }
 *     ... break outer; ...   =>    if (breakAtLine4) break;
 *   }                             }
 * }
 * }</pre>
 *
 * A {@code continue outer} sets its flag, and right after the inner loop the outer body clears it
 * and continues.
 */
public final class LabelledJumps {
  private final Set<String> taken;
  private final List<String> added = new ArrayList<>();

  /** One enclosing loop: its flags, created when a jump to it is seen. */
  private static final class Frame {
    final Stmt.Loop loop;
    Variable breakFlag;
    Variable continueFlag;
    /** Frames further out that a jump inside this loop targets: this loop must pass them on. */
    final Set<Frame> raised = new LinkedHashSet<>();

    Frame(Stmt.Loop loop) {
      this.loop = loop;
    }
  }

  private LabelledJumps(Set<String> taken) {
    this.taken = taken;
  }

  public static MethodModel rewrite(MethodModel method) {
    LabelledJumps pass = new LabelledJumps(new LinkedHashSet<>(method.userNames()));
    List<Stmt> body = pass.block(method.body(), new ArrayDeque<>());
    if (pass.added.isEmpty()) {
      return method;
    }
    List<String> names = new ArrayList<>(method.userNames());
    names.addAll(pass.added);
    return new MethodModel(method.element(), method.owner(), method.name(), method.parameters(),
        method.wrt(), body, List.copyOf(names), method.naming(), method.callSites(),
        method.resultType());
  }

  private List<Stmt> block(List<Stmt> stmts, Deque<Frame> loops) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.JumpOut j) {
        List<Frame> frames = new ArrayList<>(loops);
        Frame target = frames.get(j.levels() - 1);
        Variable flag = j.isContinue() ? continueFlag(target) : breakFlag(target);
        out.add(new Stmt.Assign(flag, Stmt.AssignOp.SET, literal(true), j.source()));
        out.add(new Stmt.Break(j.source()));
        frames.get(0).raised.add(target);
        return out; // the rest of the list is unreachable
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), block(f.thenStmts(), loops), block(f.elseStmts(), loops),
            f.source()));
      } else if (s instanceof Stmt.Loop l) {
        Frame frame = new Frame(l);
        loops.push(frame);
        List<Stmt> body = block(l.body(), loops);
        loops.pop();
        if (frame.breakFlag != null) {
          out.add(new Stmt.Declare(frame.breakFlag, literal(false), l.source()));
        }
        if (frame.continueFlag != null) {
          out.add(new Stmt.Declare(frame.continueFlag, literal(false), l.source()));
        }
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(), body, l.source()));
        Frame enclosing = loops.peek();
        for (Frame target : frame.raised) {
          SourceRef src = l.source();
          if (target == enclosing) {
            if (target.breakFlag != null) {
              out.add(new Stmt.If(new Expr.Local(target.breakFlag),
                  List.of(new Stmt.Break(src)), List.of(), src));
            }
            if (target.continueFlag != null) {
              out.add(new Stmt.If(new Expr.Local(target.continueFlag), List.of(
                  new Stmt.Assign(target.continueFlag, Stmt.AssignOp.SET, literal(false), src),
                  new Stmt.Continue(src)), List.of(), src));
            }
          } else {
            // still further out: leave this loop too
            for (Variable flag : new Variable[] {target.breakFlag, target.continueFlag}) {
              if (flag != null) {
                out.add(new Stmt.If(new Expr.Local(flag), List.of(new Stmt.Break(src)), List.of(),
                    src));
              }
            }
            enclosing.raised.add(target);
          }
        }
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Variable breakFlag(Frame f) {
    if (f.breakFlag == null) {
      f.breakFlag = new Variable(name("breakAtLine" + f.loop.source().line()), JType.BOOLEAN,
          Variable.Role.LOCAL);
    }
    return f.breakFlag;
  }

  private Variable continueFlag(Frame f) {
    if (f.continueFlag == null) {
      f.continueFlag = new Variable(name("continueAtLine" + f.loop.source().line()), JType.BOOLEAN,
          Variable.Role.LOCAL);
    }
    return f.continueFlag;
  }

  private static Expr literal(boolean b) {
    return new Expr.Literal(Boolean.toString(b), b ? 1 : 0, JType.BOOLEAN);
  }

  private String name(String base) {
    String n = base;
    for (int i = 2; taken.contains(n); i++) {
      n = base + "_" + i;
    }
    taken.add(n);
    added.add(n);
    return n;
  }
}
