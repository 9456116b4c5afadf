package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C39: {@code asyncio.timeout()} / {@code timeout_at()} (3.11). Expected orders were
 * recorded from CPython 3.11.7.
 */
class TimeoutTest extends Loops.Scenario {
    @Test
    @DisplayName("C39: expiry turns the block's CancelledError into TimeoutError; states, expired(), repr, cancelling()")
    void basicStatesAndRepr() {
        run(() -> {
            Task<?> task = Asyncio.currentTask();
            Timeout cm = Timeout.timeout(1.0);
            events.add(cm.toString());
            try {
                cm.asyncWith(() -> {
                    events.add(cm.toString());
                    Asyncio.sleep(5);
                });
            } catch (TimeoutError e) {
                assertInstanceOf(CancelledError.class, e.getCause());
                events.add("timeout at " + loop.time() + " cause=" + Repr.repr(e.getCause()) + " cm=" + cm
                        + " expired=" + cm.expired() + " cancelling=" + task.cancelling());
            }
            Timeout ok = Timeout.timeout(2.0);
            String value = ok.asyncWith(() -> Asyncio.sleep(1, "value"));
            events.add(ok + " " + ok.expired() + " " + value);
            Timeout none = Timeout.timeout(null);
            none.asyncWith(() -> {
                events.add(none.toString());
                Asyncio.sleep(1);
            });
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> none.asyncWith(() -> { }));
            events.add(again.getMessage());
            events.add(assertThrows(IllegalStateException.class, () -> none.reschedule(1.0)).getMessage());
            events.add(assertThrows(IllegalStateException.class, () -> Timeout.timeout(1.0).reschedule(1.0)).getMessage());
            return null;
        });
        assertEquals(List.of("<Timeout [created]>", "<Timeout [active] when=1.0>",
                "timeout at 1.0 cause=CancelledError() cm=<Timeout [expired]> expired=true cancelling=0",
                "<Timeout [finished]> false value", "<Timeout [active] when=None>",
                "Timeout has already been entered", "Cannot change state of finished Timeout",
                "Timeout has not been entered"), events);
    }

    @Test
    @DisplayName("C39: reschedule() moves the deadline; timeoutAt() in the past expires at the next iteration")
    void rescheduleAndPastDeadline() {
        run(() -> {
            try {
                Timeout cm = Timeout.timeout(null);
                cm.asyncWith(() -> {
                    Asyncio.sleep(1);
                    cm.reschedule(loop.time() + 1);
                    Asyncio.sleep(0.5);
                    cm.reschedule(loop.time() + 1);
                    events.add(cm.toString());
                    Asyncio.sleep(5);
                });
            } catch (TimeoutError e) {
                events.add("timeout at " + loop.time());
            }
            Timeout past = Timeout.timeoutAt(loop.time() - 1);
            try {
                past.asyncWith(() -> {
                    events.add("body start");
                    Asyncio.sleep(0);
                    events.add("not reached");
                });
            } catch (TimeoutError e) {
                events.add("past deadline timeout at " + loop.time());
            }
            events.add(assertThrows(IllegalStateException.class, () -> past.reschedule(5.0)).getMessage());
            return null;
        });
        assertEquals(List.of("<Timeout [active] when=2.5>", "timeout at 2.5", "body start",
                "past deadline timeout at 2.5", "Cannot change state of expired Timeout"), events);
    }

    @Test
    @DisplayName("C39: nested timeouts: only the one whose cancellation it is converts (cancel-count check)")
    void nested() {
        run(() -> {
            Task<?> task = Asyncio.currentTask();
            // Both expire at 1.0; the outer timer fires first, so the inner sees a count above its
            // own and lets the CancelledError through; the outer converts.
            try {
                Timeout.timeout(1.0, () -> {
                    try {
                        Timeout.timeout(1.0, () -> Asyncio.sleep(5));
                    } catch (TimeoutError e) {
                        events.add("inner converted");
                    }
                });
            } catch (TimeoutError e) {
                events.add("outer converted at " + loop.time() + " cancelling=" + task.cancelling());
            }
            // The inner one expires first: it converts, the outer one expires later.
            try {
                Timeout.timeout(2.0, () -> {
                    try {
                        Timeout.timeout(1.0, () -> Asyncio.sleep(5));
                    } catch (TimeoutError e) {
                        events.add("inner(1) timed out at " + loop.time());
                    }
                    Asyncio.sleep(5);
                });
            } catch (TimeoutError e) {
                events.add("outer(2) timed out at " + loop.time() + " cancelling=" + task.cancelling());
            }
            return null;
        });
        assertEquals(List.of("outer converted at 1.0 cancelling=0", "inner(1) timed out at 2.0",
                "outer(2) timed out at 3.0 cancelling=0"), events);
    }

    @Test
    @DisplayName("C39: a cancellation from someone else is not converted; other exceptions pass through")
    void foreignCancellation() {
        run(() -> {
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                try {
                    Timeout.timeout(1.0, () -> Asyncio.sleep(5));
                } catch (TimeoutError e) {
                    events.add("converted (wrong)");
                } catch (CancelledError e) {
                    events.add("cancelled propagates at " + loop.time() + " cancelling="
                            + Asyncio.currentTask().cancelling());
                    throw e;
                }
            }));
            loop.callLater(1, t::cancel); // the same moment as the timeout, scheduled before it
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("task cancelled");
            }
            Task<Void> t2 = loop.createTask(Coroutine.of(() -> Timeout.timeout(10.0, () -> Asyncio.sleep(5))));
            Asyncio.sleep(1);
            t2.cancel();
            try {
                t2.await();
            } catch (CancelledError e) {
                events.add("outside cancel not converted at " + loop.time());
            }
            try {
                Timeout.timeout(1.0, () -> {
                    throw new IllegalArgumentException("boom");
                });
            } catch (IllegalArgumentException e) {
                events.add(Repr.repr(e));
            }
            return null;
        });
        assertEquals(List.of("cancelled propagates at 1.0 cancelling=1", "task cancelled",
                "outside cancel not converted at 2.0", "IllegalArgumentException('boom')"), events);
    }

    @Test
    @DisplayName("C39: timeout() needs a running loop; entering needs a task")
    void needsLoopAndTask() {
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, () -> Timeout.timeout(1.0)).getMessage());
        String[] message = new String[1];
        loop.callSoon(() -> {
            try {
                Timeout.timeoutAt(5.0).asyncWith(() -> { });
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals("Timeout should be used inside a task", message[0]);
    }
}
