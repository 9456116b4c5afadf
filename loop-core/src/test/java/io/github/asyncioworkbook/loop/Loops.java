package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: a virtual-clock loop, an event log, and an iteration counter. */
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
}
