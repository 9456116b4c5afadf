package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The callbacks that gather, shield, wait, wait_for and as_completed add to the futures they watch
 * appear in reprs with a name and a place, as CPython prints its closures
 * ({@code gather.<locals>._done_callback() at tasks.py:764}) and partials
 * ({@code _release_waiter(<Future pendi...ask_wakeup()]>)() at tasks.py:431}). Found by ./difftest.
 */
class InternalCallbackReprTest {
    private final EventLoop loop = Loops.virtualLoop();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
    }

    private Coroutine<Void> recordSelf() {
        return Coroutine.of(() -> {
            seen.add(Asyncio.currentTask().toString());
            Asyncio.sleep(0.5);
            return null;
        });
    }

    private static void assertCallback(String expectedCb, String repr) {
        assertTrue(Pattern.compile("cb=\\[" + expectedCb + "]>$").matcher(repr).find(), repr);
    }

    @Test
    @DisplayName("C52: gather, shield, wait and as_completed callbacks print as named closures with their place")
    void closures() {
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
            Asyncio.gather(recordSelf()).await();
            Asyncio.shield(loop.createTask(recordSelf())).await();
            Asyncio.wait(List.of(loop.createTask(recordSelf())));
            for (Coroutine<?> f : Asyncio.asCompleted(List.of(loop.createTask(recordSelf())))) {
                f.await();
            }
            return null;
        })));
        assertCallback("gather\\.doneCallback\\(\\) at Gather\\.java:\\d+", seen.get(0));
        assertCallback("shield\\.innerDoneCallback\\(\\) at Wait\\.java:\\d+", seen.get(1));
        assertCallback("wait\\.onCompletion\\(\\) at Wait\\.java:\\d+", seen.get(2));
        assertCallback("asCompleted\\.onCompletion\\(\\) at Wait\\.java:\\d+", seen.get(3));
    }

    @Test
    @DisplayName("C52: wait_for's callback prints as a partial: releaseWaiter(<the waiter, shortened by reprlib rules>)()")
    void partial() {
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
            Asyncio.waitFor(recordSelf(), 5.0);
            return null;
        })));
        assertCallback("releaseWaiter\\(<Future pendi\\.\\.\\.taskWakeup\\(\\)]>\\)\\(\\) at Wait\\.java:\\d+",
                seen.get(0));
    }

    @Test
    @DisplayName("C52: a handle's arguments are shortened as reprlib.repr does")
    void handleArguments() {
        Handle h = loop.callSoon(InternalCallbackReprTest::take, "a rather long argument string, longer than thirty");
        assertTrue(h.toString().matches("<Handle take\\('a rather lon\\.\\.\\.r than thirty'\\) at \\S+:\\d+>"), h.toString());
    }

    private static void take(String s) {
    }
}
