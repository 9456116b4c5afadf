package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C36: {@code asyncio.wait_for} (CPython 3.11's algorithm). Expected orders were
 * recorded from CPython 3.11.7.
 */
class WaitForTest extends Loops.Scenario {
    @Test
    @DisplayName("C36: on timeout the inner task is cancelled AND awaited, then TimeoutError caused by the CancelledError")
    void cancelsAndAwaitsInner() {
        run(() -> {
            Coroutine<Void> inner = Coroutine.of(() -> {
                events.add("inner start");
                try {
                    Asyncio.sleep(10);
                } catch (CancelledError e) {
                    events.add("inner cancelled at " + loop.time());
                    Asyncio.sleep(0.5);
                    events.add("inner cleanup done at " + loop.time());
                    throw e;
                }
            });
            try {
                Wait.waitFor(inner, 1.0);
            } catch (TimeoutError e) {
                events.add("timeout at " + loop.time() + " cause=" + Repr.repr(e.getCause()));
                assertEquals(null, e.getMessage());
            }
            return null;
        });
        assertEquals(List.of("inner start", "inner cancelled at 1.0", "inner cleanup done at 1.5",
                "timeout at 1.5 cause=CancelledError()"), events);
    }

    @Test
    @DisplayName("C36: timeout<=0 never starts the coroutine; null is a plain await; a fast awaitable returns its result")
    void zeroNullAndFast() {
        run(() -> {
            Task<?> me = Asyncio.currentTask();
            try {
                Wait.waitFor(work("z", 1, null), 0.0);
            } catch (TimeoutError e) {
                events.add("timeout cause=" + e.getCause().getClass().getSimpleName() + " at " + loop.time());
            }
            Future<String> f = loop.createFuture();
            f.setResult("done");
            events.add(Wait.waitFor(f, 0.0));
            events.add(Wait.waitFor(Coroutine.of(() -> {
                events.add("inline=" + (Asyncio.currentTask() == me));
                return "none-timeout";
            }), null));
            events.add(Wait.waitFor(work("fast", 1, "fast"), 5.0));
            events.add(loop.time());
            return null;
        });
        assertEquals(List.of("timeout cause=CancelledError at 0.0", "done", "inline=true", "none-timeout",
                "start fast", "end fast", "fast", 1.0), events);
    }

    @Test
    @DisplayName("C36: an inner task that swallows the cancellation and returns gives its value, not TimeoutError")
    void innerSwallowsCancellation() {
        Object r = run(() -> Wait.waitFor(Coroutine.of(() -> {
            try {
                Asyncio.sleep(10);
            } catch (CancelledError e) {
                events.add("swallowed at " + loop.time());
                return "stubborn value";
            }
            return "unreachable";
        }), 1.0));
        assertEquals("stubborn value", r);
        assertEquals(List.of("swallowed at 1.0"), events);
    }

    @Test
    @DisplayName("C36: cancelling the waiting task cancels the inner task too and waits for it")
    void outerCancellation() {
        run(() -> {
            Task<Object> t = loop.createTask(Coroutine.of(() -> {
                try {
                    return Wait.waitFor(work("in", 10, null), 5.0);
                } catch (CancelledError e) {
                    events.add("outer got cancelled at " + loop.time());
                    throw e;
                }
            }));
            Asyncio.sleep(1);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("t cancelled");
            }
            return null;
        });
        assertEquals(List.of("start in", "cancelled in", "outer got cancelled at 1.0", "t cancelled"), events);
    }

    @Test
    @DisplayName("C36: a future that times out is cancelled; the timer handle is cleaned up")
    void futureTimesOut() {
        Future<String> f = loop.createFuture();
        run(() -> {
            try {
                Wait.waitFor(f, 2.0);
            } catch (TimeoutError e) {
                events.add("timeout at " + loop.time() + " f.cancelled=" + f.cancelled());
            }
            Future<String> g = loop.createFuture();
            loop.callLater(1, () -> g.setResult("g"));
            events.add(Wait.waitFor(g, 2.0));
            events.add(loop.time());
            return null;
        });
        assertEquals(List.of("timeout at 2.0 f.cancelled=true", "g", 3.0), events);
        Future<String> done = loop.createFuture();
        done.setResult("x");
        assertSame("x", run(() -> Wait.waitFor(done, 1.0)));
    }
}
