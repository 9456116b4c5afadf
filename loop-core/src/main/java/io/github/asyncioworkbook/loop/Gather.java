package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * asyncio's {@code asyncio.gather()}: runs awaitables concurrently and collects their results in
 * argument order. Also reachable as static methods of {@link Asyncio}.
 *
 * <pre>{@code
 * List<Object> results = gather(phase1(), phase2()).await();   // await asyncio.gather(phase1(), phase2())
 * }</pre>
 *
 * <p><b>Guarantees</b> (CPython 3.11):
 * <ul>
 * <li>Coroutines are wrapped in tasks at once, in argument order, on the loop of the first
 *     future argument, else on {@link Asyncio#getEventLoop()}; an awaitable given twice runs once
 *     and its result appears at each position. Such wrapper tasks are not reported as "destroyed
 *     but pending".</li>
 * <li>The result is a new mutable list in argument order, whatever the completion order.
 *     {@code gather()} with no argument returns a future already done with {@code []}.</li>
 * <li>Without {@code returnExceptions}, the first child (in completion order) to fail or be
 *     cancelled sets that exception on the returned future at once; the other children are
 *     <em>not</em> cancelled and keep running. A cancelled child gives a {@link CancelledError}
 *     exception, so the returned future is then failed, not cancelled. Later failures are marked
 *     retrieved.</li>
 * <li>With {@code returnExceptions}, failures take their place in the list; a cancelled child
 *     appears as {@code CancelledError('')} (its message, if one survived).</li>
 * <li>Cancelling the returned future cancels every child not yet done, returns whether any
 *     accepted, and then ends the returned future with a {@link CancelledError} exception when
 *     all children are done, even with {@code returnExceptions} (bpo-32684). Cancelling a task
 *     that awaits the gather therefore cancels the children.</li>
 * </ul>
 *
 * <p><b>Java form.</b> Arguments are {@link Future}s (tasks included) or {@link Coroutine}s;
 * anything else throws {@link IllegalArgumentException} (Python's TypeError). Results are
 * {@code List<Object>}, as the children may have different types. Python's keyword argument
 * {@code return_exceptions=True} is {@link #gather(Collection, boolean)}: a {@code boolean}
 * before varargs would make {@code gather(true, a, b)} ambiguous in Java.
 */
final class Gather {
    private Gather() {
    }

    /**
     * {@code asyncio.gather(*aws)}.
     *
     * @param aws futures, tasks or coroutines
     * @return a future of the results in argument order
     */
    public static Future<List<Object>> gather(Object... aws) {
        return gather(Arrays.asList(aws), false);
    }

    /**
     * {@code asyncio.gather(*aws)} for a collection.
     *
     * @param aws futures, tasks or coroutines, in order
     * @return a future of the results in argument order
     */
    public static Future<List<Object>> gather(Collection<?> aws) {
        return gather(aws, false);
    }

    /**
     * {@code asyncio.gather(*aws, return_exceptions=returnExceptions)}.
     *
     * @param aws futures, tasks or coroutines, in order
     * @param returnExceptions put exceptions in the result list instead of failing at the first
     * @return a future of the results in argument order
     * @throws IllegalArgumentException for an argument that is neither a future nor a coroutine,
     *     or futures of different loops
     */
    public static Future<List<Object>> gather(Collection<?> aws, boolean returnExceptions) {
        if (aws.isEmpty()) {
            EventLoop loop = Asyncio.getEventLoop();
            Future<List<Object>> outer = loop.createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        Gathering state = new Gathering(returnExceptions);
        Map<Object, Future<?>> argToFut = new IdentityHashMap<>();
        List<Future<?>> children = new ArrayList<>();
        EventLoop loop = null;
        for (Object arg : aws) {
            Future<?> fut = argToFut.get(arg);
            if (fut == null) {
                fut = ensureFuture(arg, loop);
                if (loop == null) {
                    loop = fut.getLoop();
                }
                if (fut != arg && fut instanceof Task<?> task) {
                    // Made here for a coroutine: the caller cannot control it, so don't report it.
                    task.logDestroyPending = false;
                }
                state.nfuts++;
                argToFut.put(arg, fut);
                fut.addDoneCallback(state.callback);
            }
            children.add(fut);
        }
        state.children = children;
        state.outer = new GatheringFuture(children, loop);
        return state.outer;
    }

    /**
     * asyncio's {@code _ensure_future(arg, loop=loop)}: a future is returned as is (it must belong
     * to {@code loop} if given); a coroutine becomes a task on {@code loop}, else on
     * {@link Asyncio#getEventLoop()}.
     */
    static Future<?> ensureFuture(Object arg, EventLoop loop) {
        if (arg instanceof Future<?> f) {
            if (loop != null && loop != f.getLoop()) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return f;
        }
        if (arg instanceof Coroutine<?> c) {
            return (loop != null ? loop : Asyncio.getEventLoop()).createTask(c);
        }
        throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required, got "
                + Repr.repr(arg));
    }

    /** The shared state of gather()'s done callback. */
    private static final class Gathering {
        final boolean returnExceptions;
        int nfuts;
        int nfinished;
        List<Future<?>> children;
        /** Null until every child has its callback (bpo-46672). */
        GatheringFuture outer;

        /** The one callback added to every child: named as gather's closure in reprs. */
        final DoneCallback<Object> callback = LocalCallback.closure("gather.doneCallback", this::doneCallback);

        Gathering(boolean returnExceptions) {
            this.returnExceptions = returnExceptions;
        }

        /** gather's {@code _done_callback}. */
        void doneCallback(Future<?> fut) {
            nfinished++;
            if (outer == null || outer.done()) {
                if (!fut.cancelled()) {
                    fut.exception(); // mark it retrieved
                }
                return;
            }
            if (!returnExceptions) {
                if (fut.cancelled()) {
                    outer.setException(fut.makeCancelledError());
                    return;
                }
                Throwable exc = fut.exception();
                if (exc != null) {
                    outer.setException(exc);
                    return;
                }
            }
            if (nfinished == nfuts) {
                List<Object> results = new ArrayList<>(children.size());
                Future<?> last = null;
                for (Future<?> child : children) {
                    last = child;
                    Object res;
                    if (child.cancelled()) {
                        res = new CancelledError(child.cancelMessage == null ? "" : child.cancelMessage);
                    } else {
                        res = child.exception();
                        if (res == null) {
                            res = child.result();
                        }
                    }
                    results.add(res);
                }
                if (outer.cancelRequested) {
                    // As CPython, the error comes from the last child of the loop above.
                    outer.setException(last.makeCancelledError());
                } else {
                    outer.setResult(results);
                }
            }
        }
    }

    /**
     * The future gather() returns: asyncio's {@code _GatheringFuture}. Its {@link #cancel(String)}
     * cancels the children instead of itself, like {@link Task#cancel(String)}.
     */
    static final class GatheringFuture extends Future<List<Object>> {
        private final List<Future<?>> children;
        boolean cancelRequested;

        GatheringFuture(List<Future<?>> children, EventLoop loop) {
            super(loop);
            this.children = children;
        }

        /**
         * Cancels every child that is not done: {@code _GatheringFuture.cancel()}.
         *
         * @return whether any child accepted the cancellation
         */
        @Override
        public boolean cancel() {
            return cancel(null);
        }

        /**
         * Cancels every child that is not done, passing {@code message} on.
         *
         * @param message the cancel message, or {@code null}
         * @return {@code false} if this future is done or no child accepted, else {@code true}
         */
        @Override
        public boolean cancel(String message) {
            if (done()) {
                return false;
            }
            boolean ret = false;
            for (Future<?> child : children) {
                if (child.cancel(message)) {
                    ret = true;
                }
            }
            if (ret) {
                cancelRequested = true;
            }
            return ret;
        }

        /** {@code <_GatheringFuture pending>}, {@code <_GatheringFuture finished result=[...]>}. */
        @Override
        public String toString() {
            return "<_" + super.toString().substring(1);
        }
    }
}
