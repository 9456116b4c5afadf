package io.github.asyncioworkbook.loop;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Futures of one loop that ended with an exception nobody has retrieved yet: asyncio's
 * {@code Future.__del__} report, "Future exception was never retrieved".
 *
 * <p>CPython reports when the future is garbage-collected. Here each such future is followed by a
 * {@link PhantomReference}: once the JVM has collected the future, the loop reports it at the start
 * of its next iteration (so a program that drops failed fire-and-forget tasks keeps memory
 * bounded); whatever is still uncollected when the loop closes is reported then, in the order the
 * exceptions were set, with the future itself in the handler's context. A report holds the
 * exception, what the future's repr needs and a weak reference to the future, never a strong one.
 * Owned by the loop's thread.
 */
final class UnretrievedExceptions {
    private final ReferenceQueue<Future<?>> collected = new ReferenceQueue<>();
    /** Keeps the references themselves reachable until reported or retrieved. */
    private final Set<Report> live = new LinkedHashSet<>();

    /** A value whose repr is a text computed earlier (the collected future's). */
    private record ReprText(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** One unretrieved exception, waiting for its future to be collected or retrieved. */
    static final class Report extends PhantomReference<Future<?>> {
        final String kind;
        final Throwable exception;
        final Supplier<String> repr;
        /** The future itself while it is still reachable (reports at close pass it to the handler). */
        final WeakReference<Future<?>> alive;

        Report(Future<?> future, ReferenceQueue<Future<?>> queue, String kind, Throwable exception, Supplier<String> repr) {
            super(future, queue);
            this.kind = kind;
            this.exception = exception;
            this.repr = repr;
            this.alive = new WeakReference<>(future);
        }
    }

    /**
     * Follows {@code future}, which has just ended with {@code exception}.
     *
     * @return the report, to be {@linkplain #retrieved retrieved} when someone reads the exception
     */
    Report track(Future<?> future, Throwable exception) {
        Report r = new Report(future, collected, future instanceof Task ? "Task" : "Future", exception, future.finishedRepr());
        live.add(r);
        return r;
    }

    /** The exception was read: nothing to report. */
    void retrieved(Report report) {
        if (live.remove(report)) {
            report.clear();
        }
    }

    /** Reports the futures collected since the last call. Cheap when there are none. */
    void reportCollected(EventLoop loop) {
        Object ref;
        while ((ref = collected.poll()) != null) {
            Report r = (Report) ref;
            if (live.remove(r)) {
                report(loop, r, null);
            }
        }
    }

    /** Reports everything still followed, in order, and forgets it (the loop is closing). */
    void reportAll(EventLoop loop) {
        List<Report> all = new ArrayList<>(live);
        live.clear();
        for (Report r : all) {
            Future<?> f = r.alive.get();
            r.clear();
            report(loop, r, f);
        }
    }

    /** Reports {@code r}; the handler gets {@code future} when it still exists, else its repr. */
    private static void report(EventLoop loop, Report r, Future<?> future) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", r.kind + " exception was never retrieved");
        ctx.put("exception", r.exception);
        ctx.put("future", future != null ? future : new ReprText(r.repr.get()));
        loop.callExceptionHandler(ctx);
    }
}
