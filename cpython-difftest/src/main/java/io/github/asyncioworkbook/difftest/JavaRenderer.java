package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.difftest.Op.Aw;
import io.github.asyncioworkbook.difftest.Op.Catch;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders a {@link Program} as a Java class on loop-core, statement for statement the same program
 * as {@link PythonRenderer}'s. Python's names are kept (methods {@code on_done}, {@code resolve_result}),
 * so that reprs naming them need no translation.
 *
 * <p>Two rendering rules follow from documented differences, not from the program:
 * <ul>
 * <li>{@code CancelledError} is a {@code RuntimeException} in loop-core, so Python's
 *     {@code except Exception} becomes {@code catch (CancelledError e) { throw e; }} followed by
 *     {@code catch (Exception e)}: the CancelledError passes, as in Python.</li>
 * <li>A {@code raise} in the middle of a block is written {@code if (true) throw ...;} because
 *     javac rejects statements after a plain {@code throw}; the behaviour is the same.</li>
 * </ul>
 */
public final class JavaRenderer {
    private JavaRenderer() {
    }

    /** @return the source of a public class named {@code p.name()} */
    public static String render(Program p) {
        CodeWriter w = new CodeWriter("    ");
        w.line("// difftest program " + p.name() + " (seed " + p.seed() + "), generated: the Java side.");
        w.line("import io.github.asyncioworkbook.loop.*;");
        w.line("import java.util.ArrayList;");
        w.line("import java.util.List;");
        w.line("import java.util.Set;");
        w.line("import static io.github.asyncioworkbook.loop.Asyncio.*;");
        w.line("import static io.github.asyncioworkbook.loop.Repr.repr;");
        w.line("");
        w.line("public class " + p.name() + " {").indent();
        w.line("static class Boom extends RuntimeException {").indent()
                .line("Boom(String message) {").indent().line("super(message);").dedent().line("}")
                .dedent().line("}").line("");
        w.line("static final Task<?>[] T = new Task<?>[" + Program.TASK_SLOTS + "];");
        w.line("static final List<Future<Object>> F = new ArrayList<>();");
        w.line("static final Lock LOCK = new Lock();");
        w.line("static final Event EVENT = new Event();");
        w.line("static final Condition COND = new Condition();");
        w.line("static final Semaphore SEM = new Semaphore(" + p.semaphoreValue() + ");");
        w.line("static final Queue<Integer> QUEUE = new Queue<>(" + p.queueSize() + ");");
        w.line("");
        helpers(w, p.name());
        for (Program.Worker worker : p.workers()) {
            w.line("static Coroutine<Object> w" + worker.id() + "(int n) {").indent();
            w.line("return async(() -> {").indent();
            w.line("var loop = getRunningLoop();");
            ops(w, p.name(), worker.body());
            String value = "\"w" + worker.id() + ":\" + n";
            if (worker.raises()) {
                w.line("if (true) throw new Boom(" + value + ");");
                w.line("return null;");
            } else {
                w.line("return " + value + ";");
            }
            w.dedent().line("});").dedent().line("}").line("");
        }
        w.line("static Coroutine<Void> main() {").indent();
        w.line("return async(() -> {").indent();
        w.line("var loop = getRunningLoop();");
        w.line("IO.println(\"main \" + currentTask().getName());");
        if (p.watchdog()) {
            w.line("loop.callLater(1000.0, " + p.name() + "::watchdog, currentTask(), " + Program.WATCHDOG_SHOTS + ");");
        }
        if (p.futures() > 0) {
            w.line("for (int i = 0; i < " + p.futures() + "; i++) {").indent()
                    .line("F.add(loop.createFuture());").dedent().line("}");
        }
        ops(w, p.name(), p.main());
        w.line("IO.println(\"main end\");");
        w.dedent().line("});").dedent().line("}").line("");
        w.line("public static void main(String[] args) {").indent();
        w.line("try {").indent().line("run(main());").line("IO.println(\"run returned\");").dedent();
        w.line("} catch (Exception e) {").indent().line("IO.println(\"run raised \" + repr(e));").dedent().line("}");
        w.dedent().line("}");
        w.dedent().line("}");
        return w.toString();
    }

    private static void helpers(CodeWriter w, String cls) {
        String[] lines = {
            "static void tick(String label) {", "    IO.println(label + \" tick\");", "}", "",
            "static void boom(String label) {", "    IO.println(label + \" boom\");", "    throw new Boom(label);", "}", "",
            "static void on_done(Future<?> fut) {", "    IO.println(\"done \" + repr(fut));", "}", "",
            "static void resolve_result(Future<Object> fut, String label) {", "    if (fut.done()) {",
            "        IO.println(label + \" already \" + repr(fut));", "        return;", "    }",
            "    fut.setResult(label);", "    IO.println(label + \" resolved \" + repr(fut));", "}", "",
            "static void resolve_error(Future<Object> fut, String label) {", "    if (fut.done()) {",
            "        IO.println(label + \" already \" + repr(fut));", "        return;", "    }",
            "    fut.setException(new Boom(label));", "    IO.println(label + \" resolved \" + repr(fut));", "}", "",
            "static void resolve_cancel(Future<Object> fut, String label) {",
            "    IO.println(label + \" cancel \" + repr(fut.cancel(label)) + \" \" + repr(fut));", "}", "",
            "static void watchdog(Task<?> task, Integer left) {", "    if (task.done() || left == 0) {", "        return;", "    }",
            "    IO.println(\"watchdog \" + repr(task.cancel(\"watchdog\")));",
            "    getRunningLoop().callLater(1000.0, " + cls + "::watchdog, task, left - 1);", "}", "",
            "static List<Integer> positions(List<? extends Future<?>> items, Set<Future<?>> chosen) {",
            "    List<Integer> found = new ArrayList<>();", "    for (int i = 0; i < items.size(); i++) {",
            "        if (chosen.contains(items.get(i))) {", "            found.add(i);", "        }", "    }",
            "    return found;", "}", "",
        };
        for (String l : lines) {
            w.line(l);
        }
    }

    private static void ops(CodeWriter w, String cls, List<Op> ops) {
        for (Op op : ops) {
            op(w, cls, op);
        }
    }

    static String aw(Aw a) {
        return switch (a) {
            case Aw.TaskRef t -> "T[" + t.slot() + "]";
            case Aw.FutureRef f -> "F.get(" + f.index() + ")";
            case Aw.CoroCall c -> "w" + c.worker() + "(" + c.arg() + ")";
        };
    }

    private static String list(List<Aw> items) {
        return "List.<Object>of(" + items.stream().map(JavaRenderer::aw).collect(Collectors.joining(", ")) + ")";
    }

    private static String futures(List<Aw> items) {
        return "List.<Future<?>>of(" + items.stream().map(JavaRenderer::aw).collect(Collectors.joining(", ")) + ")";
    }

    private static String timeout(Double t) {
        return t == null ? "(Double) null" : Literals.number(t);
    }

    private static String print(int label, String rest) {
        return "IO.println(\"L" + label + rest + ");";
    }

    private static void caught(CodeWriter w, int label, Catch c, Consumer<CodeWriter> body) {
        if (c == Catch.NONE) {
            w.line("{").indent();
            body.accept(w);
            w.dedent().line("}");
            return;
        }
        w.line("try {").indent();
        body.accept(w);
        w.dedent();
        String e = "e" + label;
        if (c == Catch.ALL) {
            w.line("} catch (CancelledError " + e + ") {").indent()
                    .line(print(label, " cancelled \" + repr(" + e + ")")).dedent();
        } else {
            w.line("} catch (CancelledError " + e + ") {").indent().line("throw " + e + ";").dedent();
        }
        w.line("} catch (Exception " + e + ") {").indent()
                .line(print(label, " raised \" + repr(" + e + ")")).dedent().line("}");
    }

    private static void lambdaBlock(CodeWriter w, String cls, String opening, List<Op> body, String closing) {
        w.line(opening).indent();
        ops(w, cls, body);
        w.dedent().line(closing);
    }

    /**
     * {@code async with PRIMITIVE:} as acquire, then try/finally release. Not the try-with-resources
     * idiom ({@code try (var _ = LOCK.asyncWith())}): when the body is throwing and the release throws
     * too (a waiter woken on a closed loop), Java's try-with-resources keeps the body's exception and
     * attaches the release's as suppressed, where Python's {@code __aexit__} exception replaces it, as
     * a Java {@code finally} does (loop-core's README, differences).
     */
    private static void asyncWithBlock(CodeWriter w, String cls, String primitive, List<Op> body) {
        w.line(primitive + ".acquire();").line("try {").indent();
        ops(w, cls, body);
        w.dedent().line("} finally {").indent().line(primitive + ".release();").dedent().line("}");
    }

    private static void op(CodeWriter w, String cls, Op op) {
        int n = op.label();
        String r = "r" + n;
        switch (op) {
            case Op.Say s -> w.line(print(n, "\""));
            case Op.Sleep s -> w.line("sleep(" + Literals.number(s.delay()) + ");");
            case Op.Now s -> w.line(print(n, " time \" + repr(loop.time())"));
            case Op.Raise s -> w.line("if (true) throw new Boom(\"L" + n + "\");");
            case Op.Spawn s -> w.line("T[" + s.slot() + "] = loop.createTask(w" + s.worker() + "(" + s.arg() + ")"
                    + (s.name() == null ? "" : ", " + Literals.java(s.name())) + ");");
            case Op.AwaitTask a -> caught(w, n, a.c(), x -> x.line("Object " + r + " = T[" + a.slot() + "].await();")
                    .line(print(n, " ok \" + repr(" + r + ")")));
            case Op.Cancel c -> w.line(print(n, " cancel \" + repr(T[" + c.slot() + "].cancel("
                    + (c.msg() == null ? "" : Literals.java(c.msg())) + "))"));
            case Op.Uncancel u -> w.line(print(n, " uncancel \" + repr(T[" + u.slot() + "].uncancel())"));
            case Op.UncancelSelf u -> w.line(print(n, " uncancel \" + repr(currentTask().uncancel())"));
            case Op.ShowTask s -> {
                String t = "T[" + s.slot() + "]";
                w.line(print(n, " \" + repr(" + t + ") + \" \" + repr(" + t + ".done()) + \" \" + repr(" + t
                        + ".cancelled()) + \" \" + repr(" + t + ".cancelling())"));
            }
            case Op.ShowSelf s -> w.line(print(n, " self \" + repr(currentTask())"));
            case Op.ShowFuture s -> w.line(print(n, " \" + repr(F.get(" + s.index() + "))"));
            case Op.Resolve rs -> {
                String fn = cls + "::resolve_" + rs.outcome().name().toLowerCase(Locale.ROOT);
                String args = fn + ", F.get(" + rs.index() + "), \"L" + n + "\");";
                w.line(rs.delay() < 0 ? "loop.callSoon(" + args
                        : "loop.callLater(" + Literals.number(rs.delay()) + ", " + args);
            }
            case Op.AwaitFuture a -> caught(w, n, a.c(), x -> x.line("Object " + r + " = F.get(" + a.index() + ").await();")
                    .line(print(n, " ok \" + repr(" + r + ")")));
            case Op.DoneCallback d -> w.line(aw(d.target()) + ".addDoneCallback(" + cls + "::on_done);");
            case Op.Call c -> {
                String fn = cls + (c.raises() ? "::boom" : "::tick");
                String call = switch (c.when()) {
                    case SOON -> "loop.callSoon(" + fn;
                    case LATER -> "loop.callLater(" + Literals.number(c.delay()) + ", " + fn;
                    case AT -> "loop.callAt(loop.time() + " + Literals.number(c.delay()) + ", " + fn;
                };
                w.line("var h" + n + " = " + call + ", \"L" + n + "\");");
                if (c.cancel()) {
                    w.line("h" + n + ".cancel();");
                }
                w.line(print(n, " \" + repr(h" + n + ")"));
            }
            case Op.Gather g -> caught(w, n, g.c(), x -> x.line("Object " + r + " = gather(" + list(g.items()) + ", "
                    + g.returnExceptions() + ").await();").line(print(n, " ok \" + repr(" + r + ")")));
            case Op.Wait wt -> {
                w.line("var a" + n + " = " + futures(wt.items()) + ";");
                w.line("var d" + n + " = Asyncio.wait(a" + n + ", " + timeout(wt.timeout()) + ", " + wt.returnWhen() + ");");
                w.line(print(n, " done \" + repr(positions(a" + n + ", d" + n + ".done())) + \" pending \" + repr(positions(a"
                        + n + ", d" + n + ".pending()))"));
            }
            case Op.WaitFor f -> caught(w, n, f.c(), x -> x.line("Object " + r + " = waitFor(" + aw(f.item()) + ", "
                    + timeout(f.timeout()) + ");").line(print(n, " ok \" + repr(" + r + ")")));
            case Op.Shield s -> caught(w, n, s.c(), x -> x.line("Object " + r + " = shield(" + aw(s.item()) + ").await();")
                    .line(print(n, " ok \" + repr(" + r + ")")));
            case Op.AsCompleted a -> {
                w.line("for (var c" + n + " : asCompleted(" + list(a.items()) + ", " + timeout(a.timeout()) + ")) {").indent();
                caught(w, n, a.c(), x -> x.line("Object " + r + " = c" + n + ".await();").line(print(n, " ok \" + repr(" + r + ")")));
                w.dedent().line("}");
            }
            case Op.Group g -> caught(w, n, g.c(), x -> {
                x.line("var tg" + n + " = new TaskGroup();");
                x.line("tg" + n + ".asyncWith(() -> {").indent();
                for (Op.Child c : g.children()) {
                    x.line("tg" + n + ".createTask(w" + c.worker() + "(" + c.arg() + "));");
                }
                ops(x, cls, g.body());
                x.dedent().line("});");
                x.line(print(n, " group done\""));
            });
            case Op.TimeoutBlock t -> caught(w, n, t.c(), x -> {
                lambdaBlock(x, cls, "timeout(" + timeout(t.delay()) + ", () -> {", t.body(), "});");
                x.line(print(n, " timeout block done\""));
            });
            case Op.LockBlock b -> caught(w, n, b.c(), x -> {
                asyncWithBlock(x, cls, "LOCK", b.body());
                x.line(print(n, " unlocked\""));
            });
            case Op.SemBlock b -> caught(w, n, b.c(), x -> {
                asyncWithBlock(x, cls, "SEM", b.body());
                x.line(print(n, " released\""));
            });
            case Op.EventWait e -> caught(w, n, e.c(), x -> x.line(print(n, " event \" + repr(EVENT.await())")));
            case Op.EventSet e -> w.line("EVENT.set();");
            case Op.EventClear e -> w.line("EVENT.clear();");
            case Op.CondWait c -> caught(w, n, c.c(), x -> x.line("COND.acquire();").line("try {").indent()
                    .line(print(n, " waiting\"")).line("COND.await();").line(print(n, " woke\"")).dedent()
                    .line("} finally {").indent().line("COND.release();").dedent().line("}"));
            case Op.CondNotify c -> w.line("COND.acquire();").line("try {").indent()
                    .line(c.n() == 0 ? "COND.notifyAllWaiters();" : "COND.notify(" + c.n() + ");").dedent()
                    .line("} finally {").indent().line("COND.release();").dedent().line("}");
            case Op.QueuePut q -> caught(w, n, q.c(), x -> x.line("QUEUE.put(" + q.value() + ");").line(print(n, " put\"")));
            case Op.QueuePutNowait q -> w.line("try {").indent().line("QUEUE.putNowait(" + q.value() + ");")
                    .line(print(n, " put\"")).dedent().line("} catch (QueueFull e" + n + ") {").indent()
                    .line(print(n, " raised \" + repr(e" + n + ")")).dedent().line("}");
            case Op.QueueGet q -> caught(w, n, q.c(), x -> x.line(print(n, " got \" + repr(QUEUE.get())")));
            case Op.QueueGetNowait q -> w.line("try {").indent().line(print(n, " got \" + repr(QUEUE.getNowait())"))
                    .dedent().line("} catch (QueueEmpty e" + n + ") {").indent()
                    .line(print(n, " raised \" + repr(e" + n + ")")).dedent().line("}");
            case Op.QueueTaskDone q -> w.line("try {").indent().line("QUEUE.taskDone();").line(print(n, " task done\""))
                    .dedent().line("} catch (IllegalArgumentException e" + n + ") {").indent()
                    .line(print(n, " raised \" + repr(e" + n + ")")).dedent().line("}");
            case Op.QueueJoin q -> caught(w, n, q.c(), x -> x.line("QUEUE.join();").line(print(n, " joined\"")));
        }
    }
}
