package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C35: {@code asyncio.wait}. Expected orders were recorded from CPython 3.11.7.
 */
class WaitTest extends Loops.Scenario {
    private List<Task<Object>> tasks(double... delays) {
        List<Task<Object>> ts = new ArrayList<>();
        for (int i = 0; i < delays.length; i++) {
            ts.add(loop.createTask(work("t" + i, delays[i], i, i == 1 ? new IllegalArgumentException("1") : null)));
        }
        return ts;
    }

    @Test
    @DisplayName("C35: FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED return (done, pending) at the right time")
    void returnWhenModes() {
        run(() -> {
            List<Task<Object>> ts = tasks(3, 2, 1);
            WaitResult r = Wait.wait(ts, ReturnWhen.FIRST_COMPLETED);
            events.add(List.of("FC", loop.time(), r.done().iterator().next().result(), r.pending().size()));
            assertSame(ts.get(2), r.done().iterator().next(), "the very future objects are returned");
            r = Wait.wait(ts, ReturnWhen.FIRST_EXCEPTION);
            events.add(List.of("FE", loop.time(), r.done().size(), r.pending().size()));
            r = Wait.wait(ts);
            events.add(List.of("ALL", loop.time(), r.done().size(), r.pending().size()));
            assertEquals(List.copyOf(ts), List.copyOf(r.done()), "given order");
            return null;
        });
        assertEquals(List.of("start t0", "start t1", "start t2", "end t2", List.of("FC", 1.0, 2, 2), "fail t1",
                List.of("FE", 2.0, 2, 1), "end t0", List.of("ALL", 3.0, 3, 0)), events);
    }

    @Test
    @DisplayName("C35: a timeout neither raises nor cancels; FIRST_EXCEPTION without errors waits for all")
    void timeoutNeitherRaisesNorCancels() {
        run(() -> {
            List<Task<Object>> ts = new ArrayList<>();
            double[] delays = {1, 2, 3};
            for (int i = 0; i < 3; i++) {
                ts.add(loop.createTask(work("t" + i, delays[i], i, null)));
            }
            WaitResult r = Wait.wait(ts, 1.5);
            events.add(List.of("T", loop.time(), r.done().size(), r.pending().size(),
                    ts.stream().map(Future::cancelled).toList()));
            for (Future<?> f : r.pending()) {
                f.cancel();
            }
            Wait.wait(ts);
            events.add(ts.stream().map(Future::cancelled).toList());
            List<Task<Object>> fe = List.of(loop.createTask(work("ok", 1, 1, null)), loop.createTask(work("ok2", 2, 2, null)));
            r = Wait.wait(fe, null, ReturnWhen.FIRST_EXCEPTION);
            events.add(List.of("FE-none", loop.time(), r.done().size(), r.pending().size()));
            return null;
        });
        assertEquals(List.of("start t0", "start t1", "start t2", "end t0",
                List.of("T", 1.5, 1, 2, List.of(false, false, false)), "cancelled t1", "cancelled t2",
                List.of(false, true, true), "start ok", "start ok2", "end ok", "end ok2",
                List.of("FE-none", 3.5, 2, 0)), events);
    }

    @Test
    @DisplayName("C35: empty -> IllegalArgumentException (ValueError); coroutines -> IllegalArgumentException (TypeError)")
    void errors() {
        run(() -> {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Wait.wait(List.of()));
            assertEquals("Set of Tasks/Futures is empty.", empty.getMessage());
            Coroutine<Object> coro = work("never", 1, null, null);
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                    () -> Wait.wait(List.of(loop.createFuture(), coro)));
            assertEquals("Passing coroutines is forbidden, use tasks explicitly.", c.getMessage());
            IllegalArgumentException rw = assertThrows(IllegalArgumentException.class,
                    () -> Wait.wait(List.of(loop.createFuture()), null, null));
            assertEquals("Invalid return_when value: None", rw.getMessage());
            return null;
        });
        assertEquals(List.of(), events, "the coroutine never ran");
        IllegalStateException noLoop = assertThrows(IllegalStateException.class,
                () -> Wait.wait(List.of(loop.createFuture())));
        assertEquals("no running event loop", noLoop.getMessage());
    }

    @Test
    @DisplayName("C35: waiting on futures that are already done still takes two loop iterations, as in CPython")
    void alreadyDoneFutures() {
        run(() -> {
            Future<Integer> f = loop.createFuture();
            f.setResult(1);
            loop.callSoon(() -> events.add("cb1"));
            Task<Void> ticker = loop.createTask(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    events.add("tick " + i);
                    Asyncio.sleep(0);
                }
            }));
            Asyncio.sleep(0);
            events.add("wait start");
            WaitResult r = Wait.wait(List.of(f, f));
            events.add("wait end " + r.done().size());
            ticker.await();
            return null;
        });
        assertEquals(List.of("cb1", "tick 0", "wait start", "tick 1", "tick 2", "wait end 1"), events);
    }

    @Test
    @DisplayName("C35: cancelling the waiting task does not cancel the futures")
    void cancellingWaiterLeavesFutures() {
        run(() -> {
            Task<Object> inner = loop.createTask(work("inner", 2, "v", null));
            Task<WaitResult> waiter = loop.createTask(Coroutine.of(() -> Wait.wait(List.of(inner))));
            Asyncio.sleep(1);
            waiter.cancel();
            try {
                waiter.await();
            } catch (CancelledError e) {
                events.add("waiter cancelled, inner done=" + inner.done());
            }
            events.add(inner.await());
            return null;
        });
        assertEquals(List.of("start inner", "waiter cancelled, inner done=false", "end inner", "v"), events);
    }
}
