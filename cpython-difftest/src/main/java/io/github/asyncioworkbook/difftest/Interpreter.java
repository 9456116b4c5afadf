package io.github.asyncioworkbook.difftest;

import static io.github.asyncioworkbook.loop.Asyncio.asCompleted;
import static io.github.asyncioworkbook.loop.Asyncio.currentTask;
import static io.github.asyncioworkbook.loop.Asyncio.gather;
import static io.github.asyncioworkbook.loop.Asyncio.getRunningLoop;
import static io.github.asyncioworkbook.loop.Asyncio.shield;
import static io.github.asyncioworkbook.loop.Asyncio.sleep;
import static io.github.asyncioworkbook.loop.Asyncio.waitFor;
import static io.github.asyncioworkbook.loop.Repr.repr;

import io.github.asyncioworkbook.difftest.Op.Aw;
import io.github.asyncioworkbook.difftest.Op.Catch;
import io.github.asyncioworkbook.loop.Asyncio;
import io.github.asyncioworkbook.loop.Callback;
import io.github.asyncioworkbook.loop.CancelledError;
import io.github.asyncioworkbook.loop.Condition;
import io.github.asyncioworkbook.loop.Coroutine;
import io.github.asyncioworkbook.loop.Event;
import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.Future;
import io.github.asyncioworkbook.loop.Handle;
import io.github.asyncioworkbook.loop.Lock;
import io.github.asyncioworkbook.loop.Queue;
import io.github.asyncioworkbook.loop.QueueEmpty;
import io.github.asyncioworkbook.loop.QueueFull;
import io.github.asyncioworkbook.loop.ReturnWhen;
import io.github.asyncioworkbook.loop.Semaphore;
import io.github.asyncioworkbook.loop.Task;
import io.github.asyncioworkbook.loop.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a {@link Program} on loop-core directly from the model, statement by statement what the
 * source from {@link JavaRenderer} does, through loop-core's public API only: compiling every
 * generated class would cost javac about 0.2 s per program, this costs a few milliseconds.
 *
 * <p>Names that reprs show are kept: coroutines are {@link Coroutine#named named} {@code wK} and
 * {@code main}, and the callbacks are static methods with the Python names ({@code tick},
 * {@code resolve_result}, ...), as in the rendered source. That the two agree is checked: the
 * rendered source of every divergent program and of a sample of the others is compiled and run, and
 * its trace must be the interpreter's ({@link DiffTest}).
 */
final class Interpreter {
    private final Program program;
    private final Task<?>[] tasks = new Task<?>[Program.TASK_SLOTS];
    private final List<Future<Object>> futures = new ArrayList<>();
    private final Lock lock = new Lock();
    private final Event event = new Event();
    private final Condition cond = new Condition();
    private final Semaphore sem;
    private final Queue<Integer> queue;

    private Interpreter(Program program) {
        this.program = program;
        this.sem = new Semaphore(program.semaphoreValue());
        this.queue = new Queue<>(program.queueSize());
    }

    /** The program's {@code main(String[])}: runs it with {@code asyncio.run} and prints how that ended. */
    static void main(Program program) {
        Interpreter in = new Interpreter(program);
        try {
            Asyncio.run(in.mainCoroutine());
            IO.println("run returned");
        } catch (Exception e) {
            IO.println("run raised " + repr(e));
        }
    }

    /** The program's own exception, {@code class Boom(Exception)}. */
    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    // --- the rendered program's helper functions, with their Python names -----------------------

    static void tick(String label) {
        IO.println(label + " tick");
    }

    static void boom(String label) {
        IO.println(label + " boom");
        throw new Boom(label);
    }

    static void on_done(Future<?> fut) {
        IO.println("done " + repr(fut));
    }

    static void resolve_result(Future<Object> fut, String label) {
        if (fut.done()) {
            IO.println(label + " already " + repr(fut));
            return;
        }
        fut.setResult(label);
        IO.println(label + " resolved " + repr(fut));
    }

    static void resolve_error(Future<Object> fut, String label) {
        if (fut.done()) {
            IO.println(label + " already " + repr(fut));
            return;
        }
        fut.setException(new Boom(label));
        IO.println(label + " resolved " + repr(fut));
    }

    static void resolve_cancel(Future<Object> fut, String label) {
        IO.println(label + " cancel " + repr(fut.cancel(label)) + " " + repr(fut));
    }

    static void watchdog(Task<?> task, Integer left) {
        if (task.done() || left == 0) {
            return;
        }
        IO.println("watchdog " + repr(task.cancel("watchdog")));
        getRunningLoop().callLater(1000.0, Interpreter::watchdog, task, left - 1);
    }

    static List<Integer> positions(List<? extends Future<?>> items, Set<Future<?>> chosen) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (chosen.contains(items.get(i))) {
                found.add(i);
            }
        }
        return found;
    }

    // --- coroutines -----------------------------------------------------------------------------

    private Coroutine<Void> mainCoroutine() {
        return Coroutine.named("main", () -> {
            EventLoop loop = getRunningLoop();
            IO.println("main " + currentTask().getName());
            if (program.watchdog()) {
                loop.callLater(1000.0, Interpreter::watchdog, currentTask(), Program.WATCHDOG_SHOTS);
            }
            for (int i = 0; i < program.futures(); i++) {
                futures.add(loop.createFuture());
            }
            ops(loop, program.main());
            IO.println("main end");
            return null;
        });
    }

    private Coroutine<Object> worker(int k, int n) {
        Program.Worker w = program.workers().get(k);
        return Coroutine.named("w" + k, () -> {
            ops(getRunningLoop(), w.body());
            if (w.raises()) {
                throw new Boom("w" + k + ":" + n);
            }
            return "w" + k + ":" + n;
        });
    }

    // --- statements -----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Stmt {
        void run() throws Exception;
    }

    private void ops(EventLoop loop, List<Op> ops) throws Exception {
        for (Op op : ops) {
            op(loop, op);
        }
    }

    private static void say(int label, String rest) {
        IO.println("L" + label + rest);
    }

    private static void caught(int label, Catch c, Stmt body) throws Exception {
        if (c == Catch.NONE) {
            body.run();
            return;
        }
        try {
            body.run();
        } catch (CancelledError e) {
            if (c != Catch.ALL) {
                throw e;
            }
            say(label, " cancelled " + repr(e));
        } catch (Exception e) {
            say(label, " raised " + repr(e));
        }
    }

    private Object aw(Aw a) {
        return switch (a) {
            case Aw.TaskRef t -> tasks[t.slot()];
            case Aw.FutureRef f -> futures.get(f.index());
            case Aw.CoroCall c -> worker(c.worker(), c.arg());
        };
    }

    private List<Object> aws(List<Aw> items) {
        List<Object> out = new ArrayList<>();
        for (Aw a : items) {
            out.add(aw(a));
        }
        return out;
    }

    private Object waitForAny(Object awaitable, Double timeout) {
        return switch (awaitable) {
            case Future<?> f -> waitFor(f, timeout);
            case Coroutine<?> c -> waitFor(c, timeout);
            default -> throw new IllegalStateException("not awaitable: " + awaitable);
        };
    }

    private Object shieldAny(Object awaitable) {
        return switch (awaitable) {
            case Future<?> f -> shield(f).await();
            case Coroutine<?> c -> shield(c).await();
            default -> throw new IllegalStateException("not awaitable: " + awaitable);
        };
    }

    private void op(EventLoop loop, Op op) throws Exception {
        int n = op.label();
        switch (op) {
            case Op.Say s -> say(n, "");
            case Op.Sleep s -> sleep(s.delay());
            case Op.Now s -> say(n, " time " + repr(loop.time()));
            case Op.Raise s -> throw new Boom("L" + n);
            case Op.Spawn s -> tasks[s.slot()] = s.name() == null ? loop.createTask(worker(s.worker(), s.arg()))
                    : loop.createTask(worker(s.worker(), s.arg()), s.name());
            case Op.AwaitTask a -> caught(n, a.c(), () -> say(n, " ok " + repr(tasks[a.slot()].await())));
            case Op.Cancel c -> say(n, " cancel " + repr(c.msg() == null ? tasks[c.slot()].cancel()
                    : tasks[c.slot()].cancel(c.msg())));
            case Op.Uncancel u -> say(n, " uncancel " + repr(tasks[u.slot()].uncancel()));
            case Op.UncancelSelf u -> say(n, " uncancel " + repr(currentTask().uncancel()));
            case Op.ShowTask s -> {
                Task<?> t = tasks[s.slot()];
                say(n, " " + repr(t) + " " + repr(t.done()) + " " + repr(t.cancelled()) + " " + repr(t.cancelling()));
            }
            case Op.ShowSelf s -> say(n, " self " + repr(currentTask()));
            case Op.ShowFuture s -> say(n, " " + repr(futures.get(s.index())));
            case Op.Resolve r -> resolve(loop, r);
            case Op.AwaitFuture a -> caught(n, a.c(), () -> say(n, " ok " + repr(futures.get(a.index()).await())));
            case Op.DoneCallback d -> ((Future<?>) aw(d.target())).addDoneCallback(Interpreter::on_done);
            case Op.Call c -> call(loop, c);
            case Op.Gather g -> caught(n, g.c(), () -> say(n, " ok " + repr(gather(aws(g.items()), g.returnExceptions()).await())));
            case Op.Wait w -> {
                List<Future<?>> items = new ArrayList<>();
                for (Aw a : w.items()) {
                    items.add((Future<?>) aw(a));
                }
                var done = Asyncio.wait(items, w.timeout(), ReturnWhen.valueOf(w.returnWhen()));
                say(n, " done " + repr(positions(items, done.done())) + " pending " + repr(positions(items, done.pending())));
            }
            case Op.WaitFor f -> caught(n, f.c(), () -> say(n, " ok " + repr(waitForAny(aw(f.item()), f.timeout()))));
            case Op.Shield s -> caught(n, s.c(), () -> say(n, " ok " + repr(shieldAny(aw(s.item())))));
            case Op.AsCompleted a -> {
                for (var c : asCompleted(aws(a.items()), a.timeout())) {
                    caught(n, a.c(), () -> say(n, " ok " + repr(c.await())));
                }
            }
            case Op.Group g -> caught(n, g.c(), () -> {
                var tg = new TaskGroup();
                tg.asyncWith(() -> {
                    for (Op.Child c : g.children()) {
                        tg.createTask(worker(c.worker(), c.arg()));
                    }
                    ops(loop, g.body());
                });
                say(n, " group done");
            });
            case Op.TimeoutBlock t -> caught(n, t.c(), () -> {
                Asyncio.timeout(t.delay(), () -> ops(loop, t.body()));
                say(n, " timeout block done");
            });
            case Op.LockBlock b -> caught(n, b.c(), () -> {
                lock.acquire(); // async with: see JavaRenderer.asyncWithBlock
                try {
                    ops(loop, b.body());
                } finally {
                    lock.release();
                }
                say(n, " unlocked");
            });
            case Op.SemBlock b -> caught(n, b.c(), () -> {
                sem.acquire(); // async with: see JavaRenderer.asyncWithBlock
                try {
                    ops(loop, b.body());
                } finally {
                    sem.release();
                }
                say(n, " released");
            });
            case Op.EventWait e -> caught(n, e.c(), () -> say(n, " event " + repr(event.await())));
            case Op.EventSet e -> event.set();
            case Op.EventClear e -> event.clear();
            case Op.CondWait c -> caught(n, c.c(), () -> {
                cond.acquire();
                try {
                    say(n, " waiting");
                    cond.await();
                    say(n, " woke");
                } finally {
                    cond.release();
                }
            });
            case Op.CondNotify c -> {
                cond.acquire();
                try {
                    if (c.n() == 0) {
                        cond.notifyAllWaiters();
                    } else {
                        cond.notify(c.n());
                    }
                } finally {
                    cond.release();
                }
            }
            case Op.QueuePut q -> caught(n, q.c(), () -> {
                queue.put(q.value());
                say(n, " put");
            });
            case Op.QueuePutNowait q -> {
                try {
                    queue.putNowait(q.value());
                    say(n, " put");
                } catch (QueueFull e) {
                    say(n, " raised " + repr(e));
                }
            }
            case Op.QueueGet q -> caught(n, q.c(), () -> say(n, " got " + repr(queue.get())));
            case Op.QueueGetNowait q -> {
                try {
                    say(n, " got " + repr(queue.getNowait()));
                } catch (QueueEmpty e) {
                    say(n, " raised " + repr(e));
                }
            }
            case Op.QueueTaskDone q -> {
                try {
                    queue.taskDone();
                    say(n, " task done");
                } catch (IllegalArgumentException e) {
                    say(n, " raised " + repr(e));
                }
            }
            case Op.QueueJoin q -> caught(n, q.c(), () -> {
                queue.join();
                say(n, " joined");
            });
        }
    }

    private void resolve(EventLoop loop, Op.Resolve r) {
        Future<Object> fut = futures.get(r.index());
        String label = "L" + r.label();
        switch (r.outcome()) {
            case RESULT -> schedule(loop, r.delay(), fut, label, Interpreter::resolve_result);
            case ERROR -> schedule(loop, r.delay(), fut, label, Interpreter::resolve_error);
            case CANCEL -> schedule(loop, r.delay(), fut, label, Interpreter::resolve_cancel);
        }
    }

    private static void schedule(EventLoop loop, double delay, Future<Object> fut, String label,
                                 Callback.Arg2<Future<Object>, String> fn) {
        if (delay < 0) {
            loop.callSoon(fn, fut, label);
        } else {
            loop.callLater(delay, fn, fut, label);
        }
    }

    private static void call(EventLoop loop, Op.Call c) {
        String label = "L" + c.label();
        Callback.Arg1<String> fn = c.raises() ? Interpreter::boom : Interpreter::tick;
        Handle h = switch (c.when()) {
            case SOON -> loop.callSoon(fn, label);
            case LATER -> loop.callLater(c.delay(), fn, label);
            case AT -> loop.callAt(loop.time() + c.delay(), fn, label);
        };
        if (c.cancel()) {
            h.cancel();
        }
        say(c.label(), " " + repr(h));
    }
}
