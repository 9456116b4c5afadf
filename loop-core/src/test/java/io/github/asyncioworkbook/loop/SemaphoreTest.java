package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: {@link Semaphore} and {@link BoundedSemaphore}. Expected orders were recorded
 * from CPython 3.11.7.
 */
class SemaphoreTest extends Loops.Scenario {
    private static String state(Object primitive) {
        return primitive.toString().replaceFirst("0x[0-9a-f]+", "0x");
    }

    @Test
    @DisplayName("C41: Semaphore admits value coroutines at a time and serves waiters FIFO")
    void fifo() {
        run(() -> {
            Semaphore s = new Semaphore(2);
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    s.asyncWith(() -> {
                        events.add("in " + id);
                        Asyncio.sleep(0.1);
                    });
                    events.add("out " + id);
                })));
            }
            Asyncio.sleep(0);
            events.add(state(s));
            Gather.gather(ts).await();
            events.add(state(s));
            return null;
        });
        assertEquals(List.of("in 0", "in 1", "<Semaphore object at 0x [locked, waiters:3]>", "out 0", "out 1", "in 2",
                "in 3", "out 2", "out 3", "in 4", "out 4", "<Semaphore object at 0x [unlocked, value:2]>"), events);
    }

    @Test
    @DisplayName("C41: Semaphore.locked() stays true while a waiter is queued; BoundedSemaphore over-release fails")
    void lockedWithWaitersAndBounded() {
        run(() -> {
            Semaphore s = new Semaphore(1);
            s.acquire();
            Task<Void> a = loop.createTask(Coroutine.of(() -> {
                s.acquire();
                events.add("got a");
            }));
            Asyncio.sleep(0);
            s.release();
            events.add("value after release: " + s.value + ", locked=" + s.locked());
            Task<Void> b = loop.createTask(Coroutine.of(() -> {
                s.acquire();
                events.add("got b");
            }));
            Asyncio.sleep(0);
            events.add(state(s));
            s.release();
            Gather.gather(a, b).await();
            BoundedSemaphore bs = new BoundedSemaphore(1);
            events.add(assertThrows(IllegalArgumentException.class, bs::release).getMessage());
            return null;
        });
        assertEquals(List.of("value after release: 0, locked=true", "got a", "<Semaphore object at 0x [locked, waiters:1]>",
                "got b", "BoundedSemaphore released too many times"), events);
        assertEquals("Semaphore initial value must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage());
    }

    @Test
    @DisplayName("C41: a woken Semaphore waiter that is cancelled passes its unit to the next waiter")
    void cancelledWokenWaiter() {
        run(() -> {
            Semaphore s = new Semaphore(0);
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    try {
                        s.acquire();
                        events.add("got " + id);
                    } catch (CancelledError e) {
                        events.add("cancelled " + id + " value=" + s.value);
                        throw e;
                    }
                })));
            }
            Asyncio.sleep(0);
            s.release();
            ts.get(0).cancel();
            Gather.gather(ts, true).await();
            events.add("value=" + s.value);
            return null;
        });
        assertEquals(List.of("cancelled 0 value=0", "got 1", "value=0"), events);
    }
}
