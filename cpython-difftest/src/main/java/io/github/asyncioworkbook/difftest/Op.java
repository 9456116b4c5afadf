package io.github.asyncioworkbook.difftest;

import java.util.List;

/**
 * One statement of a generated program. Each has a label {@code L<n>} that starts the trace lines it
 * prints, so that a trace says which statement printed what. Statements that can fail carry a
 * {@link Catch}: what the program catches around them.
 */
public sealed interface Op {

    /** @return the label number: the statement prints {@code L<label> ...} */
    int label();

    /** What a statement catches. */
    enum Catch {
        /** Nothing: an exception propagates out of the coroutine. */
        NONE,
        /** {@code except Exception}: prints it; a CancelledError propagates. */
        EXC,
        /** {@code except CancelledError} and {@code except Exception}: prints either, swallows both. */
        ALL
    }

    /** What a timer callback does to a future. */
    enum Outcome { RESULT, ERROR, CANCEL }

    /** How a plain callback is scheduled. */
    enum When { SOON, LATER, AT }

    /** A reference to something awaitable. */
    sealed interface Aw {
        /** Task slot {@code T[slot]}. */
        record TaskRef(int slot) implements Aw { }
        /** Future {@code F[index]}. */
        record FutureRef(int index) implements Aw { }
        /** A fresh coroutine object {@code wK(arg)}. */
        record CoroCall(int worker, int arg) implements Aw { }
    }

    /** A child of a TaskGroup: {@code tg.create_task(wK(arg))}. */
    record Child(int worker, int arg) { }

    /** {@code print('L3')}. */
    record Say(int label) implements Op { }

    /** {@code await asyncio.sleep(delay)}. */
    record Sleep(int label, double delay) implements Op { }

    /** {@code print('L3 time', loop.time())}. */
    record Now(int label) implements Op { }

    /** {@code raise Boom('L3')}. */
    record Raise(int label) implements Op { }

    /** {@code T[slot] = asyncio.create_task(wK(arg))}, with {@code name=} when name is not null. */
    record Spawn(int label, int slot, int worker, int arg, String name) implements Op { }

    /** {@code r = await T[slot]; print('L3 ok', repr(r))}. */
    record AwaitTask(int label, int slot, Catch c) implements Op { }

    /** {@code print('L3 cancel', T[slot].cancel(msg))}; no message when msg is null. */
    record Cancel(int label, int slot, String msg) implements Op { }

    /** {@code print('L3 uncancel', T[slot].uncancel())}. */
    record Uncancel(int label, int slot) implements Op { }

    /** {@code print('L3 uncancel', asyncio.current_task().uncancel())}. */
    record UncancelSelf(int label) implements Op { }

    /** Prints a task's repr, done(), cancelled() and cancelling(). */
    record ShowTask(int label, int slot) implements Op { }

    /** {@code print('L3 self', repr(asyncio.current_task()))}. */
    record ShowSelf(int label) implements Op { }

    /** Prints a future's repr. */
    record ShowFuture(int label, int index) implements Op { }

    /**
     * {@code loop.call_later(delay, resolve_x, F[i], 'L3')}, or {@code call_soon} when delay is
     * negative: sets a result or an exception on the future, or cancels it, unless it is done.
     */
    record Resolve(int label, int index, double delay, Outcome outcome) implements Op { }

    /** {@code r = await F[i]}. */
    record AwaitFuture(int label, int index, Catch c) implements Op { }

    /** {@code X.add_done_callback(on_done)}: on_done prints the repr of what finished. */
    record DoneCallback(int label, Aw target) implements Op { }

    /**
     * {@code h = loop.call_soon / call_later / call_at(..., tick or boom, 'L3')}, optionally
     * cancelled, then {@code print('L3', repr(h))}. boom raises, which the loop logs.
     */
    record Call(int label, When when, double delay, boolean raises, boolean cancel) implements Op { }

    /** {@code r = await asyncio.gather(..., return_exceptions=...)}. */
    record Gather(int label, List<Aw> items, boolean returnExceptions, Catch c) implements Op {
        public Gather {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code done, pending = await asyncio.wait([...], timeout=..., return_when=...)}; prints the
     * positions of the done and pending items. Items are tasks and futures only.
     */
    record Wait(int label, List<Aw> items, Double timeout, String returnWhen) implements Op {
        public Wait {
            items = List.copyOf(items);
        }
    }

    /** {@code r = await asyncio.wait_for(X, timeout)}. */
    record WaitFor(int label, Aw item, Double timeout, Catch c) implements Op { }

    /** {@code r = await asyncio.shield(X)}. */
    record Shield(int label, Aw item, Catch c) implements Op { }

    /** {@code for c in asyncio.as_completed([...], timeout=...): r = await c} (each await caught). */
    record AsCompleted(int label, List<Aw> items, Double timeout, Catch c) implements Op {
        public AsCompleted {
            items = List.copyOf(items);
        }
    }

    /** {@code async with asyncio.TaskGroup() as tg:} children, then body. */
    record Group(int label, List<Child> children, List<Op> body, Catch c) implements Op {
        public Group {
            children = List.copyOf(children);
            body = List.copyOf(body);
        }
    }

    /** {@code async with asyncio.timeout(delay):} body. */
    record TimeoutBlock(int label, Double delay, List<Op> body, Catch c) implements Op {
        public TimeoutBlock {
            body = List.copyOf(body);
        }
    }

    /** {@code async with LOCK:} body. */
    record LockBlock(int label, List<Op> body, Catch c) implements Op {
        public LockBlock {
            body = List.copyOf(body);
        }
    }

    /** {@code async with SEM:} body. */
    record SemBlock(int label, List<Op> body, Catch c) implements Op {
        public SemBlock {
            body = List.copyOf(body);
        }
    }

    /** {@code print('L3 event', await EVENT.wait())}. */
    record EventWait(int label, Catch c) implements Op { }

    /** {@code EVENT.set()}. */
    record EventSet(int label) implements Op { }

    /** {@code EVENT.clear()}. */
    record EventClear(int label) implements Op { }

    /** {@code async with COND: await COND.wait()}. */
    record CondWait(int label, Catch c) implements Op { }

    /** {@code async with COND: COND.notify(n)}, or {@code notify_all()} when n is 0. */
    record CondNotify(int label, int n) implements Op { }

    /** {@code await QUEUE.put(v)}. */
    record QueuePut(int label, int value, Catch c) implements Op { }

    /** {@code QUEUE.put_nowait(v)}, QueueFull caught. */
    record QueuePutNowait(int label, int value) implements Op { }

    /** {@code v = await QUEUE.get()}. */
    record QueueGet(int label, Catch c) implements Op { }

    /** {@code v = QUEUE.get_nowait()}, QueueEmpty caught. */
    record QueueGetNowait(int label) implements Op { }

    /** {@code QUEUE.task_done()}, the ValueError of one call too many caught. */
    record QueueTaskDone(int label) implements Op { }

    /** {@code await QUEUE.join()}. */
    record QueueJoin(int label, Catch c) implements Op { }

    /** The statements nested in a block, or an empty list. */
    static List<Op> bodyOf(Op op) {
        return switch (op) {
            case Group g -> g.body();
            case TimeoutBlock t -> t.body();
            case LockBlock l -> l.body();
            case SemBlock s -> s.body();
            default -> List.of();
        };
    }

    /** The same block with another body; other statements are returned unchanged. */
    static Op withBody(Op op, List<Op> body) {
        return switch (op) {
            case Group g -> new Group(g.label(), g.children(), body, g.c());
            case TimeoutBlock t -> new TimeoutBlock(t.label(), t.delay(), body, t.c());
            case LockBlock l -> new LockBlock(l.label(), body, l.c());
            case SemBlock s -> new SemBlock(s.label(), body, s.c());
            default -> op;
        };
    }
}
