package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code loop.add_signal_handler}/{@code remove_signal_handler} with real signals sent to this JVM.
 * SIGUSR1 would end the JVM without a handler, so only tests that keep one installed raise it;
 * SIGWINCH (ignored by default) serves the tests that remove theirs.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class SignalTest {

    @Test
    @DisplayName("a handler runs as a loop callback, once per signal, on the loop")
    void handlerRunsOnTheLoop() {
        EventLoop loop = Loops.virtualLoop();
        try {
            List<String> seen = new ArrayList<>();
            Future<Void> twice = loop.createFuture();
            loop.addSignalHandler(Signals.SIGUSR1, () -> {
                seen.add("USR1 on " + (Asyncio.getRunningLoop() == loop ? "the loop" : "another loop"));
                if (seen.size() == 2) {
                    twice.setResult(null);
                }
            });
            loop.runUntilComplete(Coroutine.of(() -> {
                Signals.raiseSignal(Signals.SIGUSR1);
                Asyncio.sleep(0.05);
                Signals.raiseSignal(Signals.SIGUSR1);
                return Asyncio.waitFor(twice, 10.0);
            }));
            assertEquals(List.of("USR1 on the loop", "USR1 on the loop"), seen);
            assertTrue(loop.removeSignalHandler(Signals.SIGUSR1));
            assertFalse(loop.removeSignalHandler(Signals.SIGUSR1));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("raiseSignal returns once the signal is delivered, as os.kill to oneself: the handler has run two iterations later")
    void raiseSignalIsDeliveredBeforeItReturns() {
        EventLoop loop = Loops.virtualLoop();
        try {
            List<String> seen = new ArrayList<>();
            loop.addSignalHandler(Signals.SIGUSR1, () -> seen.add("handler"));
            loop.runUntilComplete(Coroutine.of(() -> {
                for (int i = 0; i < 20; i++) {
                    Signals.raiseSignal(Signals.SIGUSR1);
                    seen.add("raised");
                    Asyncio.sleep(0);  // the callback is queued now: it runs in this next iteration,
                    Asyncio.sleep(0);  // after the task's wake-up (asyncio's self-pipe reader takes two)
                }
                return null;
            }));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("raised");
                expected.add("handler");
            }
            assertEquals(expected, seen);
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("a handler that throws: 'Exception in callback ...' goes to the exception handler and the loop runs on")
    void handlerThatThrows() {
        EventLoop loop = Loops.virtualLoop();
        try {
            List<Map<String, Object>> errors = Loops.captureErrors(loop);
            IllegalStateException boom = new IllegalStateException("boom");
            Future<Void> after = loop.createFuture();
            loop.addSignalHandler(Signals.SIGUSR1, () -> {
                loop.callSoon(() -> after.setResult(null));
                throw boom;
            });
            loop.runUntilComplete(Coroutine.of(() -> {
                Signals.raiseSignal(Signals.SIGUSR1);
                return Asyncio.waitFor(after, 10.0);
            }));
            assertEquals(1, errors.size());
            assertTrue(((String) errors.get(0).get("message")).startsWith("Exception in callback "), errors.toString());
            assertSame(boom, errors.get(0).get("exception"));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("after removeSignalHandler the signal no longer reaches the loop; close gives every signal back to the JVM")
    void removedHandlersAreGone() {
        EventLoop loop = new EventLoop(new Clock.Real());
        List<String> seen = new ArrayList<>();
        loop.addSignalHandler(Signals.SIGWINCH, () -> seen.add("winch"));
        assertTrue(loop.removeSignalHandler(Signals.SIGWINCH));
        loop.runUntilComplete(Coroutine.of(() -> {
            Signals.raiseSignal(Signals.SIGWINCH);
            Asyncio.sleep(0.3);
            return null;
        }));
        assertEquals(List.of(), seen);
        loop.addSignalHandler(Signals.SIGHUP, () -> seen.add("hup"));
        loop.addSignalHandler(Signals.SIGWINCH, () -> seen.add("winch again"));
        loop.close();
        assertFalse(loop.removeSignalHandler(Signals.SIGHUP), "close removed it");
        sun.misc.SignalHandler probe = s -> { };
        sun.misc.SignalHandler current = sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), probe);
        sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), current);
        assertSame(sun.misc.SignalHandler.SIG_DFL, current, "close left loop-core's handler of SIGWINCH in place");
    }

    @Test
    @DisplayName("bad arguments read as asyncio's: invalid number, uncatchable, kept by the JVM, closed loop")
    void badArguments() {
        EventLoop loop = Loops.virtualLoop();
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> loop.addSignalHandler(999, () -> { }));
        assertEquals("invalid signal number 999", invalid.getMessage());
        assertEquals("invalid signal number -1", assertThrows(IllegalArgumentException.class,
                () -> loop.removeSignalHandler(-1)).getMessage());
        assertEquals("sig " + Signals.SIGKILL + " cannot be caught", assertThrows(IllegalStateException.class,
                () -> loop.addSignalHandler(Signals.SIGKILL, () -> { })).getMessage());
        assertEquals("sig " + Signals.SIGQUIT + " cannot be caught: the JVM keeps SIGQUIT for itself",
                assertThrows(IllegalStateException.class, () -> loop.addSignalHandler(Signals.SIGQUIT, () -> { })).getMessage());
        assertEquals("SIGHUP", Signals.name(Signals.SIGHUP));
        assertInstanceOf(IllegalArgumentException.class, assertThrows(RuntimeException.class, () -> Signals.name(0)));
        loop.close();
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.addSignalHandler(Signals.SIGHUP, () -> { })).getMessage());
    }
}
