package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Test helpers: a virtual-clock loop, an iteration counter, an error collector, and {@link Scenario},
 * the shared fixture of the tests that compare event orders with CPython's.
 */
final class Loops {
    private Loops() {
    }

    static EventLoop virtualLoop() {
        return new EventLoop(new Clock.Virtual());
    }

    /** Counts loop iterations: a callback that reschedules itself once per iteration. */
    static final class Ticker {
        int ticks;
        private boolean stopped;

        Ticker(EventLoop loop) {
            loop.callSoon(() -> tick(loop));
        }

        private void tick(EventLoop loop) {
            if (!stopped) {
                ticks++;
                loop.callSoon(() -> tick(loop));
            }
        }

        void stop() {
            stopped = true;
        }
    }

    /** Collects what the loop's exception handler receives. */
    static List<Map<String, Object>> captureErrors(EventLoop loop) {
        List<Map<String, Object>> errors = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> errors.add(ctx));
        return errors;
    }

    /**
     * Base class of the scenario tests: each test gets a fresh virtual-clock {@link #loop} and an
     * empty {@link #events} log, and the loop is closed after the test unless the test closed it.
     * {@link #work} is the coroutine the scenarios start, wait for and cancel; {@link #run} runs a
     * coroutine body to completion. Every test gets a 30 second timeout, in a separate thread so a
     * hung loop cannot hold the build.
     */
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    abstract static class Scenario {
        /** The loop under test, on a virtual clock that starts at 0.0. */
        final EventLoop loop = virtualLoop();
        /** What happened, in order; the tests compare it with the order CPython 3.11.7 produced. */
        final List<Object> events = new ArrayList<>();

        @AfterEach
        void close() {
            if (!loop.isClosed()) {
                loop.close();
            }
        }

        /**
         * A coroutine named {@code work} that logs {@code "start <name>"}, sleeps {@code delay}
         * seconds, then either logs {@code "fail <name>"} and throws {@code exc} (when not null) or
         * logs {@code "end <name>"} and returns {@code result}. Cancelled while asleep, it logs
         * {@code "cancelled <name>"} and lets the CancelledError through.
         */
        Coroutine<Object> work(String name, double delay, Object result, RuntimeException exc) {
            return Coroutine.named("work", () -> {
                events.add("start " + name);
                try {
                    Asyncio.sleep(delay);
                } catch (CancelledError e) {
                    events.add("cancelled " + name);
                    throw e;
                }
                if (exc != null) {
                    events.add("fail " + name);
                    throw exc;
                }
                events.add("end " + name);
                return result;
            });
        }

        /** {@link #work(String, double, Object, RuntimeException)} that does not fail. */
        Coroutine<Object> work(String name, double delay, Object result) {
            return work(name, delay, result, null);
        }

        /** Runs {@code body} as a coroutine on {@link #loop} until it completes and returns its result. */
        <T> T run(Coroutine.Body<T> body) {
            return loop.runUntilComplete(Coroutine.of(body));
        }
    }
}
