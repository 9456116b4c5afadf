package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: every primitive binds to the running loop the first time it has to wait
 * ({@code mixins._LoopBoundMixin}); messages as CPython 3.11.7.
 */
@org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LoopBindingTest {

    /** Makes {@code waitOn} wait in loop 1, then waits on it again in loop 2. */
    private static String secondLoopError(Object primitive, Consumer<Object> waitOn) {
        EventLoop first = new EventLoop(new Clock.Virtual());
        EventLoop second = new EventLoop(new Clock.Virtual());
        List<String> out = new ArrayList<>();
        first.setExceptionHandler((l, ctx) -> { }); // the waiter in loop 1 is left pending on purpose
        try {
            first.createTask(Coroutine.of(() -> waitOn.accept(primitive)));
            first.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(0)));
            second.runUntilComplete(Coroutine.of(() -> {
                try {
                    waitOn.accept(primitive);
                } catch (IllegalStateException e) {
                    out.add(e.getMessage());
                }
            }));
        } finally {
            first.close();
            second.close();
        }
        return out.isEmpty() ? "no error" : out.get(0).replaceFirst("0x[0-9a-f]+", "0x");
    }

    @Test
    @DisplayName("C41: Lock, Event, Condition, Semaphore and Queue used from a second loop -> IllegalStateException")
    void boundToOneLoop() {
        Lock held = new Lock();
        held.acquire();
        assertEquals("<Lock object at 0x [locked, waiters:1]> is bound to a different event loop",
                secondLoopError(held, l -> ((Lock) l).acquire()));
        assertEquals("<Event object at 0x [unset, waiters:1]> is bound to a different event loop",
                secondLoopError(new Event(), e -> ((Event) e).await()));
        Semaphore zero = new Semaphore(0);
        assertEquals("<Semaphore object at 0x [locked, waiters:1]> is bound to a different event loop",
                secondLoopError(zero, s -> ((Semaphore) s).acquire()));
        assertEquals("<Queue at 0x maxsize=0 _getters[1]> is bound to a different event loop",
                secondLoopError(new Queue<String>(), q -> ((Queue<?>) q).get()));
        Condition c = new Condition();
        String condError = secondLoopError(c, x -> {
            Condition cond = (Condition) x;
            cond.acquire();
            cond.await();
        });
        assertTrue(condError.endsWith("is bound to a different event loop"), condError);
        assertTrue(condError.startsWith("<Condition object at 0x"), condError);
    }

    @Test
    @DisplayName("C41: a primitive that never had to wait is not bound; outside a loop waiting fails")
    void bindsOnlyWhenWaiting() {
        Lock lock = new Lock();
        for (int i = 0; i < 2; i++) {
            EventLoop loop = new EventLoop(new Clock.Virtual());
            try {
                loop.runUntilComplete(Coroutine.of(() -> {
                    lock.acquire();
                    lock.release();
                }));
            } finally {
                loop.close();
            }
        }
        Event e = new Event();
        IllegalStateException noLoop = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, e::await);
        assertEquals("no running event loop", noLoop.getMessage());
    }
}
