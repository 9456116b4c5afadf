package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONFORMANCE.md C26-C33: the loop. */
class LoopTest {
    private final EventLoop loop = Loops.virtualLoop();
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void close() {
        if (!loop.isRunning() && !loop.isClosed()) {
            loop.close();
        }
    }

    @Test
    @DisplayName("C26: callSoon is FIFO; work scheduled during an iteration runs in the next one")
    void item26Fifo() {
        loop.callSoon(() -> {
            events.add("a");
            loop.callSoon(() -> events.add("a-child"));
        });
        loop.callSoon(() -> events.add("b"));
        loop.callSoon(() -> {
            events.add("c");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("a", "b", "c"), events);
        loop.stop();
        loop.runForever();
        assertEquals(List.of("a", "b", "c", "a-child"), events);
    }

    @Test
    @DisplayName("C27: timers by deadline after ready callbacks; past deadlines keep their order; equal deadlines FIFO")
    void item27TimerOrder() {
        loop.callLater(0, () -> events.add("call_later(0)"));
        loop.callSoon(() -> events.add("call_soon"));
        loop.callLater(-5, () -> events.add("call_later(-5)"));
        loop.callLater(-1, () -> events.add("a"));
        loop.callLater(-2, () -> events.add("b"));
        double when = loop.time() + 1;
        IntStream.range(0, 12).forEach(i -> loop.callAt(when, () -> events.add("same" + i)));
        loop.callAt(when + 1, loop::stop);
        loop.runForever();
        List<String> expected = new ArrayList<>(List.of("call_soon", "call_later(-5)", "b", "a", "call_later(0)"));
        IntStream.range(0, 12).forEach(i -> expected.add("same" + i));
        assertEquals(expected, events);
    }

    @Test
    @DisplayName("C28: a timer is due when when < time() + resolution; cancelled timers never run; bulk clean-up")
    void item28DueAndCancelled() {
        TimerHandle keep = loop.callLater(1, () -> events.add("kept"));
        List<TimerHandle> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(loop.callLater(2 + i, () -> events.add("cancelled one ran")));
        }
        many.forEach(TimerHandle::cancel);
        TimerHandle c = loop.callLater(0.5, () -> events.add("cancelled ran"));
        c.cancel();
        assertTrue(c.cancelled());
        assertTrue(c.toString().startsWith("<TimerHandle cancelled when="), c.toString());
        loop.callLater(1.5, loop::stop);
        double start = loop.time();
        loop.runForever();
        assertEquals(List.of("kept"), events);
        assertEquals(start + 1.5, loop.time(), 1e-9, "virtual time jumped to the last timer only");
        assertFalse(keep.cancelled());
    }

    @Test
    @DisplayName("C29: stop() finishes the current iteration; stop() before runForever runs exactly one iteration")
    void item29Stop() {
        loop.callSoon(() -> {
            events.add("1");
            loop.stop();
            loop.callSoon(() -> events.add("next iteration"));
        });
        loop.callSoon(() -> events.add("2, same iteration"));
        loop.runForever();
        assertEquals(List.of("1", "2, same iteration"), events);
        events.clear();
        loop.stop();
        loop.runForever();
        assertEquals(List.of("next iteration"), events);
    }

    @Test
    @DisplayName("C30: runUntilComplete wraps coroutines, finishes the iteration, and reports early stops and re-entry")
    void item30RunUntilComplete() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            loop.callSoon(() -> events.add("scheduled-before-return"));
            return "done";
        }));
        loop.runUntilComplete(t);
        assertEquals(List.of("scheduled-before-return"), events);
        assertEquals("x", loop.runUntilComplete(Coroutine.of(() -> "x")));
        Future<String> never = loop.createFuture();
        loop.callSoon(loop::stop);
        assertEquals("Event loop stopped before Future completed.",
                assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never)).getMessage());
        String[] reentry = new String[1];
        loop.runUntilComplete(Coroutine.of(() -> {
            try {
                loop.runUntilComplete(loop.createFuture());
            } catch (IllegalStateException e) {
                reentry[0] = e.getMessage();
            }
            return null;
        }));
        assertEquals("This event loop is already running", reentry[0]);
    }

    @Test
    @DisplayName("C31: close() refuses a running loop, is idempotent, drops pending handles; then 'Event loop is closed'")
    void item31Close() {
        String[] msg = new String[1];
        loop.callSoon(() -> {
            try {
                loop.close();
            } catch (IllegalStateException e) {
                msg[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals("Cannot close a running event loop", msg[0]);
        Handle pending = loop.callSoon(() -> events.add("never"));
        loop.close();
        loop.close();
        assertTrue(loop.isClosed());
        assertFalse(pending.cancelled());
        assertEquals(List.of(), events);
        assertEquals("Event loop is closed",
                assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { })).getMessage());
        assertEquals("Event loop is closed",
                assertThrows(IllegalStateException.class, () -> loop.callLater(1, () -> { })).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, loop::runForever).getMessage());
    }

    @Test
    @DisplayName("C32: an exception in a callback goes to the handler (message, exception, handle) and the loop goes on")
    void item32CallbackErrors() {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        Handle bad = loop.callSoon(LoopTest::explode);
        loop.callSoon(() -> events.add("still running"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("still running"), events);
        assertEquals(1, errors.size());
        Map<String, Object> ctx = errors.get(0);
        assertTrue(String.valueOf(ctx.get("message")).matches("Exception in callback explode\\(\\) at LoopTest\\.java:\\d+"),
                String.valueOf(ctx.get("message")));
        assertEquals("kaboom", ((Throwable) ctx.get("exception")).getMessage());
        assertSame(bad, ctx.get("handle"));
    }

    @Test
    @DisplayName("C32: an Error that is a VirtualMachineError escapes runForever, like KeyboardInterrupt")
    void item32FatalEscapes() {
        loop.callSoon(() -> {
            throw new StackOverflowError("fatal");
        });
        loop.callSoon(() -> events.add("not this iteration"));
        assertEquals("fatal", assertThrows(StackOverflowError.class, loop::runForever).getMessage());
        assertFalse(loop.isRunning());
    }

    static void explode() {
        throw new IllegalStateException("kaboom");
    }

    @Test
    @DisplayName("C33: asyncio.run: fresh loop, main task, cancels leftovers, closes the loop; refuses nesting")
    void item33Run() {
        Task<?>[] leftover = new Task<?>[1];
        EventLoop[] used = new EventLoop[1];
        String result = Asyncio.run(Coroutine.of(() -> {
            used[0] = Asyncio.getRunningLoop();
            leftover[0] = used[0].createTask(Coroutine.of(() -> {
                try {
                    Asyncio.sleep(100);
                } finally {
                    events.add("leftover cleaned up");
                }
                return null;
            }));
            Asyncio.sleep(0);
            try {
                Asyncio.run(Coroutine.of(() -> "nested"));
            } catch (IllegalStateException e) {
                events.add(e.getMessage());
            }
            return "main result";
        }));
        assertEquals("main result", result);
        assertTrue(leftover[0].cancelled());
        assertTrue(used[0].isClosed());
        assertEquals(List.of("asyncio.run() cannot be called from a running event loop", "leftover cleaned up"), events);
    }
}
