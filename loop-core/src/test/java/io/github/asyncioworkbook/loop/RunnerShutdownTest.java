package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C51: what asyncio.run does after the main coroutine returns. Expected orders from
 * CPython 3.11.7 (found by the differential tester: loop-core closed its loop at once).
 */
class RunnerShutdownTest {

    @Test
    @DisplayName("C51: asyncio.run's shutdown runs callbacks that were ready when main returned, and timers then due")
    void shutdownRunsWhatIsReady() {
        List<String> log = new ArrayList<>();
        String result = Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.callSoon(() -> log.add("ready when main returned"));
            loop.callLater(0, () -> log.add("timer due at once"));
            loop.callLater(5, () -> log.add("timer far away"));
            log.add("main returns");
            return "result";
        }));
        assertEquals("result", result);
        assertEquals(List.of("main returns", "ready when main returned", "timer due at once"), log);
    }
}
