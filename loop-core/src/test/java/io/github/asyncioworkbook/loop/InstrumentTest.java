package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InstrumentTest {
    @Test
    @DisplayName("an instrument sees creation, steps, what a task waits on, cancellation and completion, in order")
    void seesTheTimeline() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.addInstrument(new Instrument() {
            @Override public void taskCreated(Task<?> t) { log.add("created " + t.getCoro().getName()); }
            @Override public void stepStarted(Task<?> t) { log.add("step " + t.getCoro().getName()); }
            @Override public void taskSuspended(Task<?> t, Future<?> on) {
                log.add("suspended " + t.getCoro().getName() + " on " + (on == null ? "nothing" : on.getClass().getSimpleName()));
            }
            @Override public void stepEnded(Task<?> t) { log.add("end " + t.getCoro().getName()); }
            @Override public void cancelRequested(Task<?> t, String m) { log.add("cancel " + t.getCoro().getName() + " " + m); }
            @Override public void taskDone(Task<?> t) {
                log.add("done " + t.getCoro().getName() + (t.cancelled() ? " cancelled" : ""));
            }
        });
        loop.runUntilComplete(Coroutine.named("outer", () -> {
            Task<Void> inner = loop.createTask(Coroutine.named("inner", () -> {
                Asyncio.sleep(0);
                Asyncio.sleep(10);
                return null;
            }));
            Asyncio.sleep(1);
            inner.cancel("enough");
            try {
                inner.await();
            } catch (CancelledError e) {
                return "inner cancelled";
            }
            return "no";
        }));
        loop.close();
        assertEquals(List.of(
                "created outer", "step outer", "created inner", "suspended outer on Future", "end outer",
                "step inner", "suspended inner on nothing", "end inner",
                "step inner", "suspended inner on Future", "end inner",
                "step outer", "cancel inner enough", "suspended outer on Task", "end outer",
                "step inner", "done inner cancelled", "end inner",
                "step outer", "done outer", "end outer"), log);
    }

    @Test
    @DisplayName("an instrument that throws is removed and reported; the loop goes on")
    void throwingInstrumentIsRemoved() {
        EventLoop loop = Loops.virtualLoop();
        List<String> errors = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> errors.add(String.valueOf(ctx.get("message"))));
        loop.addInstrument(new Instrument() {
            @Override public void beforeCallback(Handle h) { throw new IllegalStateException("bad instrument"); }
        });
        assertEquals("fine", loop.runUntilComplete(Coroutine.of(() -> "fine")));
        loop.close();
        assertEquals(List.of("Instrument raised an exception and was removed"), errors);
    }
}
