package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: {@link Lock}. Expected orders were recorded from CPython 3.11.7.
 */
class LockTest extends Loops.Scenario {
    @Test
    @DisplayName("C41: Lock wakes waiters FIFO and a newcomer does not barge in after release()")
    void fifoNoBarging() {
        run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Task<Void>> ts = new ArrayList<>();
            for (Object id : List.<Object>of(0, 1, 2, 3)) {
                ts.add(loop.createTask(waiter(lock, id)));
            }
            Asyncio.sleep(0);
            events.add(lock.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            lock.release();
            Task<Void> late = loop.createTask(waiter(lock, "late"));
            List<Object> all = new ArrayList<>(ts);
            all.add(late);
            Gather.gather(all).await();
            events.add(lock.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            return null;
        });
        assertEquals(List.of("<Lock object at 0x [locked, waiters:4]>", 0, 1, 2, 3, "late",
                "<Lock object at 0x [unlocked]>"), events);
    }

    @Test
    @DisplayName("C41: Lock has no barging even for a newcomer that runs before the woken waiter resumes")
    void noBargingBeforeWokenWaiterResumes() {
        run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Object> all = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                all.add(loop.createTask(waiter(lock, i)));
            }
            Asyncio.sleep(0);
            all.add(loop.createTask(waiter(lock, "late"))); // its first step is queued before waiter 0's wake-up
            lock.release();
            Gather.gather(all).await();
            return null;
        });
        assertEquals(List.of(0, 1, "late"), events);
    }

    private Coroutine<Void> waiter(Lock lock, Object id) {
        return Coroutine.of(() -> {
            lock.acquire();
            events.add(id);
            Asyncio.sleep(0);
            lock.release();
        });
    }

    @Test
    @DisplayName("C41: a woken Lock waiter that is cancelled before it resumes wakes the next one")
    void cancelledWokenWaiterPassesOn() {
        run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    try {
                        lock.acquire();
                    } catch (CancelledError e) {
                        events.add(id + " cancelled locked=" + lock.locked());
                        throw e;
                    }
                    events.add(id + " acquired");
                    lock.release();
                })));
            }
            Asyncio.sleep(0);
            lock.release();
            ts.get(0).cancel();
            Gather.gather(ts, true).await();
            events.add("locked=" + lock.locked());
            return null;
        });
        assertEquals(List.of("0 cancelled locked=false", "1 acquired", "locked=false"), events);
    }

    @Test
    @DisplayName("C41: async with lock as try-with-resources releases on exceptions; release() of an unlocked lock fails")
    void asyncWithAndErrors() {
        run(() -> {
            Lock lock = new Lock();
            assertTrue(lock.acquire(), "acquire() returns True");
            lock.release();
            try (var _ = lock.asyncWith()) {
                events.add("inside locked=" + lock.locked());
                throw new IllegalArgumentException("boom");
            } catch (IllegalArgumentException e) {
                events.add("after " + Repr.repr(e) + " locked=" + lock.locked());
            }
            String v = lock.asyncWith(() -> Asyncio.sleep(0.5, "value " + lock.locked()));
            events.add(v + ", then locked=" + lock.locked());
            events.add(assertThrows(IllegalStateException.class, lock::release).getMessage());
            return null;
        });
        assertEquals(List.of("inside locked=true", "after IllegalArgumentException('boom') locked=false",
                "value true, then locked=false", "Lock is not acquired."), events);
    }

    @Test
    @DisplayName("C41: a cancelled Lock waiter leaves the queue and never holds the lock")
    void cancelledWaiterLeavesQueue() {
        run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> t = loop.createTask(Coroutine.of(lock::acquire));
            Asyncio.sleep(0);
            t.cancel();
            Asyncio.sleep(0);
            events.add(t.cancelled());
            events.add(lock.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            lock.release();
            assertFalse(lock.locked());
            return null;
        });
        assertEquals(List.of(true, "<Lock object at 0x [locked]>"), events);
    }
}
