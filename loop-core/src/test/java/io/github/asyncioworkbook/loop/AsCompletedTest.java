package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C37: {@code asyncio.as_completed} (3.11: a generator of coroutines). Expected
 * orders were recorded from CPython 3.11.7, except that tasks start in the order given (CPython
 * uses set order).
 */
class AsCompletedTest extends Loops.Scenario {
    @Test
    @DisplayName("C37: results come in completion order")
    void completionOrder() {
        run(() -> {
            for (Coroutine<Object> next : Wait.asCompleted(List.of(work("a", 3, "a"), work("b", 1, "b"), work("c", 2, "c")))) {
                events.add(next.await());
            }
            return null;
        });
        assertEquals(List.of("start a", "start b", "start c", "end b", "b", "end c", "c", "end a", "a"), events);
    }

    @Test
    @DisplayName("C37: after the timeout every remaining item throws TimeoutError; nothing is cancelled")
    void timeoutPerRemainingItem() {
        run(() -> {
            List<Object> res = new ArrayList<>();
            List<Task<Object>> fs = List.of(loop.createTask(work("x", 1, "x")), loop.createTask(work("y", 3, "y")),
                    loop.createTask(work("z", 4, "z")));
            for (Coroutine<Object> next : Wait.asCompleted(fs, 2.0)) {
                try {
                    res.add(next.await());
                } catch (TimeoutError e) {
                    res.add("timeout at " + loop.time());
                }
            }
            events.add(res);
            events.add("y cancelled? " + fs.get(1).cancelled());
            fs.get(2).await();
            return null;
        });
        assertEquals(List.of("start x", "start y", "start z", "end x",
                List.of("x", "timeout at 2.0", "timeout at 2.0"), "y cancelled? false", "end y", "end z"), events);
    }

    @Test
    @DisplayName("C37: lazy like a generator; duplicates count once; an exception comes out of its own item")
    void lazyDuplicatesAndErrors() {
        run(() -> {
            Task<Object> t = loop.createTask(work("t", 1, "t"));
            Coroutine<Object> boom = Coroutine.of(() -> {
                Asyncio.sleep(2);
                throw new IllegalStateException("boom");
            });
            Iterable<Coroutine<Object>> it = Wait.asCompleted(List.of(t, t, boom));
            assertEquals(1, loop.allTasks().size() - 1, "nothing wrapped before iterating");
            Iterator<Coroutine<Object>> iter = it.iterator();
            assertEquals(true, iter.hasNext());
            assertEquals(2, loop.allTasks().size() - 1, "the coroutine is wrapped at the first hasNext()");
            int n = 0;
            for (Coroutine<Object> next : it) {
                n++;
                try {
                    events.add(next.await());
                } catch (IllegalStateException e) {
                    events.add(Repr.repr(e));
                }
            }
            events.add(n);
            assertFalse(it.iterator().hasNext(), "exhausted, like a generator");
            return null;
        });
        assertEquals(List.of("start t", "end t", "t", "IllegalStateException('boom')", 2), events);
    }
}
