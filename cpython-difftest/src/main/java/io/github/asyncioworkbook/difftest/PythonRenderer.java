package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.difftest.Op.Aw;
import io.github.asyncioworkbook.difftest.Op.Catch;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders a {@link Program} as a Python 3.11 module (standard library only). Run on its own
 * ({@code python3 P42.py}) it prints its trace on the real clock; the difftest driver runs it on a
 * virtual clock.
 */
public final class PythonRenderer {
    private PythonRenderer() {
    }

    /** @return the module source */
    public static String render(Program p) {
        CodeWriter w = new CodeWriter("    ");
        w.line("# difftest program " + p.name() + " (seed " + p.seed() + "), generated: the Python side.");
        w.line("import asyncio").line("").line("");
        w.line("class Boom(Exception):").indent().line("pass").dedent().line("").line("");
        w.line("T = [None] * " + Program.TASK_SLOTS);
        w.line("F = []");
        w.line("LOCK = asyncio.Lock()");
        w.line("EVENT = asyncio.Event()");
        w.line("COND = asyncio.Condition()");
        w.line("SEM = asyncio.Semaphore(" + p.semaphoreValue() + ")");
        w.line("QUEUE = asyncio.Queue(" + p.queueSize() + ")");
        w.line("").line("");
        helpers(w);
        for (Program.Worker worker : p.workers()) {
            w.line("async def w" + worker.id() + "(n):").indent();
            w.line("loop = asyncio.get_running_loop()");
            ops(w, worker.body());
            String value = "'w" + worker.id() + ":' + str(n)";
            w.line(worker.raises() ? "raise Boom(" + value + ")" : "return " + value);
            w.dedent().line("").line("");
        }
        w.line("async def main():").indent();
        w.line("loop = asyncio.get_running_loop()");
        w.line("print('main', asyncio.current_task().get_name())");
        if (p.watchdog()) {
            w.line("loop.call_later(1000.0, watchdog, asyncio.current_task(), " + Program.WATCHDOG_SHOTS + ")");
        }
        if (p.futures() > 0) {
            w.line("for _ in range(" + p.futures() + "):").indent().line("F.append(loop.create_future())").dedent();
        }
        ops(w, p.main());
        w.line("print('main end')");
        w.dedent().line("").line("");
        w.line("def entry():").indent();
        w.line("try:").indent().line("asyncio.run(main())").line("print('run returned')").dedent();
        w.line("except BaseException as e:").indent().line("print('run raised', repr(e))").dedent();
        w.dedent().line("").line("");
        w.line("if __name__ == '__main__':").indent().line("entry()").dedent();
        return w.toString();
    }

    private static void helpers(CodeWriter w) {
        String[] lines = {
            "def tick(label):", "    print(label, 'tick')", "", "",
            "def boom(label):", "    print(label, 'boom')", "    raise Boom(label)", "", "",
            "def on_done(fut):", "    print('done', repr(fut))", "", "",
            "def resolve_result(fut, label):", "    if fut.done():", "        print(label, 'already', repr(fut))",
            "        return", "    fut.set_result(label)", "    print(label, 'resolved', repr(fut))", "", "",
            "def resolve_error(fut, label):", "    if fut.done():", "        print(label, 'already', repr(fut))",
            "        return", "    fut.set_exception(Boom(label))", "    print(label, 'resolved', repr(fut))", "", "",
            "def resolve_cancel(fut, label):", "    print(label, 'cancel', fut.cancel(label), repr(fut))", "", "",
            "def watchdog(task, left):", "    if task.done() or left == 0:", "        return",
            "    print('watchdog', task.cancel('watchdog'))",
            "    asyncio.get_running_loop().call_later(1000.0, watchdog, task, left - 1)", "", "",
            "def positions(items, chosen):", "    return [i for i, x in enumerate(items) if x in chosen]", "", "",
        };
        for (String l : lines) {
            w.line(l);
        }
    }

    private static void ops(CodeWriter w, List<Op> ops) {
        for (Op op : ops) {
            op(w, op);
        }
    }

    private static void block(CodeWriter w, List<Op> body) {
        w.indent();
        if (body.isEmpty()) {
            w.line("pass");
        } else {
            ops(w, body);
        }
        w.dedent();
    }

    static String aw(Aw a) {
        return switch (a) {
            case Aw.TaskRef t -> "T[" + t.slot() + "]";
            case Aw.FutureRef f -> "F[" + f.index() + "]";
            case Aw.CoroCall c -> "w" + c.worker() + "(" + c.arg() + ")";
        };
    }

    private static String aws(List<Aw> items) {
        return items.stream().map(PythonRenderer::aw).collect(Collectors.joining(", "));
    }

    private static String timeout(Double t) {
        return t == null ? "None" : Literals.number(t);
    }

    /** Writes {@code body}, wrapped in the try/except that {@code c} asks for. */
    private static void caught(CodeWriter w, int label, Catch c, Consumer<CodeWriter> body) {
        if (c == Catch.NONE) {
            body.accept(w);
            return;
        }
        w.line("try:").indent();
        body.accept(w);
        w.dedent();
        if (c == Catch.ALL) {
            w.line("except asyncio.CancelledError as e" + label + ":").indent()
                    .line("print('L" + label + " cancelled', repr(e" + label + "))").dedent();
        }
        w.line("except Exception as e" + label + ":").indent()
                .line("print('L" + label + " raised', repr(e" + label + "))").dedent();
    }

    private static void op(CodeWriter w, Op op) {
        int n = op.label();
        String l = "'L" + n;
        switch (op) {
            case Op.Say s -> w.line("print(" + l + "')");
            case Op.Sleep s -> w.line("await asyncio.sleep(" + Literals.number(s.delay()) + ")");
            case Op.Now s -> w.line("print(" + l + " time', loop.time())");
            case Op.Raise s -> w.line("raise Boom(" + l + "')");
            case Op.Spawn s -> w.line("T[" + s.slot() + "] = asyncio.create_task(w" + s.worker() + "(" + s.arg() + ")"
                    + (s.name() == null ? "" : ", name=" + Literals.py(s.name())) + ")");
            case Op.AwaitTask a -> caught(w, n, a.c(), x -> x.line("r" + n + " = await T[" + a.slot() + "]")
                    .line("print(" + l + " ok', repr(r" + n + "))"));
            case Op.Cancel c -> w.line("print(" + l + " cancel', T[" + c.slot() + "].cancel("
                    + (c.msg() == null ? "" : Literals.py(c.msg())) + "))");
            case Op.Uncancel u -> w.line("print(" + l + " uncancel', T[" + u.slot() + "].uncancel())");
            case Op.UncancelSelf u -> w.line("print(" + l + " uncancel', asyncio.current_task().uncancel())");
            case Op.ShowTask s -> {
                String t = "T[" + s.slot() + "]";
                w.line("print(" + l + "', repr(" + t + "), " + t + ".done(), " + t + ".cancelled(), " + t + ".cancelling())");
            }
            case Op.ShowSelf s -> w.line("print(" + l + " self', repr(asyncio.current_task()))");
            case Op.ShowFuture s -> w.line("print(" + l + "', repr(F[" + s.index() + "]))");
            case Op.Resolve r -> {
                String fn = "resolve_" + r.outcome().name().toLowerCase(java.util.Locale.ROOT);
                String args = fn + ", F[" + r.index() + "], " + l + "')";
                w.line(r.delay() < 0 ? "loop.call_soon(" + args
                        : "loop.call_later(" + Literals.number(r.delay()) + ", " + args);
            }
            case Op.AwaitFuture a -> caught(w, n, a.c(), x -> x.line("r" + n + " = await F[" + a.index() + "]")
                    .line("print(" + l + " ok', repr(r" + n + "))"));
            case Op.DoneCallback d -> w.line(aw(d.target()) + ".add_done_callback(on_done)");
            case Op.Call c -> {
                String fn = c.raises() ? "boom" : "tick";
                String call = switch (c.when()) {
                    case SOON -> "loop.call_soon(" + fn;
                    case LATER -> "loop.call_later(" + Literals.number(c.delay()) + ", " + fn;
                    case AT -> "loop.call_at(loop.time() + " + Literals.number(c.delay()) + ", " + fn;
                };
                w.line("h" + n + " = " + call + ", " + l + "')");
                if (c.cancel()) {
                    w.line("h" + n + ".cancel()");
                }
                w.line("print(" + l + "', repr(h" + n + "))");
            }
            case Op.Gather g -> caught(w, n, g.c(), x -> x.line("r" + n + " = await asyncio.gather(" + aws(g.items())
                    + (g.items().isEmpty() ? "" : ", ") + "return_exceptions=" + (g.returnExceptions() ? "True" : "False") + ")")
                    .line("print(" + l + " ok', repr(r" + n + "))"));
            case Op.Wait wt -> {
                w.line("a" + n + " = [" + aws(wt.items()) + "]");
                w.line("d" + n + ", p" + n + " = await asyncio.wait(a" + n + ", timeout=" + timeout(wt.timeout())
                        + ", return_when=asyncio." + wt.returnWhen() + ")");
                w.line("print(" + l + " done', positions(a" + n + ", d" + n + "), 'pending', positions(a" + n + ", p" + n + "))");
            }
            case Op.WaitFor f -> caught(w, n, f.c(), x -> x.line("r" + n + " = await asyncio.wait_for(" + aw(f.item())
                    + ", timeout=" + timeout(f.timeout()) + ")").line("print(" + l + " ok', repr(r" + n + "))"));
            case Op.Shield s -> caught(w, n, s.c(), x -> x.line("r" + n + " = await asyncio.shield(" + aw(s.item()) + ")")
                    .line("print(" + l + " ok', repr(r" + n + "))"));
            case Op.AsCompleted a -> {
                w.line("for c" + n + " in asyncio.as_completed([" + aws(a.items()) + "], timeout=" + timeout(a.timeout()) + "):");
                w.indent();
                caught(w, n, a.c(), x -> x.line("r" + n + " = await c" + n).line("print(" + l + " ok', repr(r" + n + "))"));
                w.dedent();
            }
            case Op.Group g -> caught(w, n, g.c(), x -> {
                x.line("async with asyncio.TaskGroup() as tg" + n + ":").indent();
                for (Op.Child c : g.children()) {
                    x.line("tg" + n + ".create_task(w" + c.worker() + "(" + c.arg() + "))");
                }
                x.dedent();
                block(x, g.body());
                x.line("print(" + l + " group done')");
            });
            case Op.TimeoutBlock t -> caught(w, n, t.c(), x -> {
                x.line("async with asyncio.timeout(" + timeout(t.delay()) + "):");
                block(x, t.body());
                x.line("print(" + l + " timeout block done')");
            });
            case Op.LockBlock b -> caught(w, n, b.c(), x -> {
                x.line("async with LOCK:");
                block(x, b.body());
                x.line("print(" + l + " unlocked')");
            });
            case Op.SemBlock b -> caught(w, n, b.c(), x -> {
                x.line("async with SEM:");
                block(x, b.body());
                x.line("print(" + l + " released')");
            });
            case Op.EventWait e -> caught(w, n, e.c(), x -> x.line("print(" + l + " event', await EVENT.wait())"));
            case Op.EventSet e -> w.line("EVENT.set()");
            case Op.EventClear e -> w.line("EVENT.clear()");
            case Op.CondWait c -> caught(w, n, c.c(), x -> x.line("async with COND:").indent()
                    .line("print(" + l + " waiting')").line("await COND.wait()").line("print(" + l + " woke')").dedent());
            case Op.CondNotify c -> w.line("async with COND:").indent()
                    .line(c.n() == 0 ? "COND.notify_all()" : "COND.notify(" + c.n() + ")").dedent();
            case Op.QueuePut q -> caught(w, n, q.c(), x -> x.line("await QUEUE.put(" + q.value() + ")")
                    .line("print(" + l + " put')"));
            case Op.QueuePutNowait q -> w.line("try:").indent().line("QUEUE.put_nowait(" + q.value() + ")")
                    .line("print(" + l + " put')").dedent()
                    .line("except asyncio.QueueFull as e" + n + ":").indent()
                    .line("print(" + l + " raised', repr(e" + n + "))").dedent();
            case Op.QueueGet q -> caught(w, n, q.c(), x -> x.line("print(" + l + " got', await QUEUE.get())"));
            case Op.QueueGetNowait q -> w.line("try:").indent().line("print(" + l + " got', QUEUE.get_nowait())").dedent()
                    .line("except asyncio.QueueEmpty as e" + n + ":").indent()
                    .line("print(" + l + " raised', repr(e" + n + "))").dedent();
            case Op.QueueTaskDone q -> w.line("try:").indent().line("QUEUE.task_done()")
                    .line("print(" + l + " task done')").dedent()
                    .line("except ValueError as e" + n + ":").indent()
                    .line("print(" + l + " raised', repr(e" + n + "))").dedent();
            case Op.QueueJoin q -> caught(w, n, q.c(), x -> x.line("await QUEUE.join()").line("print(" + l + " joined')"));
        }
    }
}
