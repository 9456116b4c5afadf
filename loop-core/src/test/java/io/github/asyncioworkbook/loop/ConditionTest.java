package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: {@link Condition}. Expected orders were recorded from CPython 3.11.7.
 */
class ConditionTest extends Loops.Scenario {
    @Test
    @DisplayName("C41: Condition.notify(n) wakes the first n waiters in order; notifyAllWaiters() the rest")
    void notifyOrder() {
        run(() -> {
            Condition c = new Condition();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    try (var _ = c.asyncWith()) {
                        events.add("wait " + id);
                        c.await();
                        events.add("trig " + id);
                    }
                })));
            }
            Asyncio.sleep(0.1);
            for (int n = 1; n <= 2; n++) {
                try (var _ = c.asyncWith()) {
                    events.add("notify " + n);
                    c.notify(n);
                }
                Asyncio.sleep(0.1);
            }
            try (var _ = c.asyncWith()) {
                events.add("notify all");
                c.notifyAllWaiters();
            }
            events.add("released");
            Gather.gather(ts).await();
            return null;
        });
        assertEquals(List.of("wait 0", "wait 1", "wait 2", "wait 3", "wait 4", "notify 1", "trig 0", "notify 2",
                "trig 1", "trig 2", "notify all", "released", "trig 3", "trig 4"), events);
    }

    @Test
    @DisplayName("C41: Condition.await() re-acquires the lock even when cancelled; notify/await need the lock")
    void cancelledWaitReacquires() {
        run(() -> {
            Condition c = new Condition();
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                try (var _ = c.asyncWith()) {
                    try {
                        c.await();
                    } catch (CancelledError e) {
                        events.add("cancelled, locked=" + c.locked());
                        throw e;
                    }
                }
            }));
            Asyncio.sleep(0);
            c.acquire();
            t.cancel();
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            events.add("still waiting for lock: " + t.done());
            c.release();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("task cancelled");
            }
            events.add("locked=" + c.locked());
            try {
                c.notify(1);
            } catch (IllegalStateException e) {
                events.add(e.getMessage());
            }
            try {
                c.await();
            } catch (IllegalStateException e) {
                events.add(e.getMessage());
            }
            return null;
        });
        assertEquals(List.of("still waiting for lock: false", "cancelled, locked=true", "task cancelled", "locked=false",
                "cannot notify on un-acquired lock", "cannot wait on un-acquired lock"), events);
    }

    @Test
    @DisplayName("C41: Condition.await() cancelled again while re-acquiring still re-acquires, then throws CancelledError")
    void cancelledTwice() {
        run(() -> {
            Condition c = new Condition();
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                try (var _ = c.asyncWith()) {
                    try {
                        c.await();
                    } catch (CancelledError e) {
                        events.add("cancelled, locked=" + c.locked() + " message=" + e.getMessage());
                        throw e;
                    }
                }
            }));
            Asyncio.sleep(0);
            c.acquire();
            t.cancel();
            Asyncio.sleep(0);
            events.add("reacquiring, cancel again -> " + t.cancel());
            Asyncio.sleep(0);
            events.add("done=" + t.done());
            c.release();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("task cancelled");
            }
            return null;
        });
        assertEquals(List.of("reacquiring, cancel again -> true", "done=false", "cancelled, locked=true message=null",
                "task cancelled"), events);
    }

    @Test
    @DisplayName("C41: Condition.waitFor(predicate) re-checks after each notify; shared lock; repr")
    void waitForPredicate() {
        run(() -> {
            Lock lock = new Lock();
            Condition c = new Condition(lock);
            int[] n = {0};
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                try (var _ = c.asyncWith()) {
                    boolean r = c.waitFor(() -> n[0] >= 2);
                    events.add("done n=" + n[0] + " r=" + r);
                }
            }));
            for (int i = 0; i < 3; i++) {
                Asyncio.sleep(0);
                try (var _ = c.asyncWith()) {
                    n[0]++;
                    events.add("n=" + n[0]);
                    if (i == 0) {
                        events.add(c.toString().replaceFirst("0x[0-9a-f]+", "0x") + " " + lock.locked());
                    }
                    c.notify(1);
                }
            }
            t.await();
            return null;
        });
        assertEquals(List.of("n=1", "<Condition object at 0x [locked, waiters:1]> true", "n=2", "done n=2 r=true", "n=3"),
                events);
    }
}
