package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What happens to futures and pending tasks once their loop has closed (found by ./difftest). */
class ClosedLoopTest {

    @Test
    @DisplayName("C53: completing a future with callbacks after its loop closed raises 'Event loop is closed'; the state has changed")
    void completeAfterClose() {
        EventLoop loop = Loops.virtualLoop();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> { });
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.setResult("late"));
        assertEquals("Event loop is closed", e.getMessage());
        assertTrue(f.done());
        assertEquals("late", f.result());
        Future<String> g = loop.createFuture();
        g.setResult("no callbacks, nothing to schedule");
        assertThrows(IllegalStateException.class, () -> g.addDoneCallback(x -> { }));
    }

    @Test
    @DisplayName("C53: close() closes each pending task's coroutine, then reports it, task by task in creation order")
    void closeOrder() {
        EventLoop loop = Loops.virtualLoop();
        List<String> events = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> events.add(ctx.get("message") + " " + ((Task<?>) ctx.get("task")).getName()));
        Future<Void> never = loop.createFuture();
        for (String name : List.of("first", "second")) {
            loop.createTask(Coroutine.of(() -> {
                try {
                    never.await();
                } finally {
                    events.add("finally " + name);
                }
                return null;
            }), name);
        }
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
            Asyncio.sleep(0);
            return null;
        })));
        loop.close();
        assertEquals(List.of("finally first", "Task was destroyed but it is pending! first",
                "finally second", "Task was destroyed but it is pending! second"), events);
    }
}
