package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InstrumentIterationTest {
    /** Logs iterations (with the loop's time), timers and the callbacks that run. */
    private static Instrument logger(EventLoop loop, String tag, List<String> log) {
        return new Instrument() {
            @Override public void iterationStarted() { log.add(tag + "iteration at " + loop.time()); }
            @Override public void timerScheduled(TimerHandle t) { log.add(tag + "timer for " + t.when()); }
            @Override public void beforeCallback(Handle h) { log.add(tag + "run " + (h instanceof TimerHandle t ? "timer " + t.when() : "soon")); }
        };
    }

    @Test
    @DisplayName("an instrument sees each iteration start after due timers are moved, at the jumped time, and every timer scheduled; stop() ends the loop after the current iteration")
    void seesIterationsAndTimers() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.addInstrument(logger(loop, "", log));
        loop.callSoon(() -> loop.callLater(2, loop::stop));
        loop.callLater(1, () -> { });
        loop.runForever();
        loop.close();
        assertEquals(List.of(
                "timer for 1.0",
                "iteration at 0.0", "run soon", "timer for 2.0",
                "iteration at 1.0", "run timer 1.0",
                "iteration at 2.0", "run timer 2.0"), log);
    }

    @Test
    @DisplayName("with two instruments both see iterations and timers, in the order they were added")
    void compositeForwardsIterationsAndTimers() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.addInstrument(logger(loop, "a ", log));
        loop.addInstrument(logger(loop, "b ", log));
        loop.callLater(0.5, loop::stop);
        loop.runForever();
        loop.close();
        assertEquals(List.of(
                "a timer for 0.5", "b timer for 0.5",
                "a iteration at 0.5", "b iteration at 0.5", "a run timer 0.5", "b run timer 0.5"), log);
    }
}
