package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C38: {@code asyncio.shield}. Expected orders were recorded from CPython 3.11.7.
 */
class ShieldTest extends Loops.Scenario {
    @Test
    @DisplayName("C38: cancelling the awaiter does not reach the inner task; cancelling the inner cancels the outer")
    void shieldBothWays() {
        run(() -> {
            Task<Object> inner = loop.createTask(work("inner", 2, "shielded"));
            Task<Object> t = loop.createTask(Coroutine.of(() -> Wait.shield(inner).await()));
            Asyncio.sleep(1);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("awaiter cancelled, inner done=" + inner.done());
            }
            events.add(inner.await());
            Task<Object> inner2 = loop.createTask(work("inner2", 2, "x"));
            Future<Object> s = Wait.shield(inner2);
            Asyncio.sleep(1);
            inner2.cancel();
            try {
                s.await();
            } catch (CancelledError e) {
                events.add("outer cancelled=" + s.cancelled());
            }
            events.add(Wait.shield(inner) == inner);
            return null;
        });
        assertEquals(List.of("start inner", "awaiter cancelled, inner done=false", "end inner", "shielded",
                "start inner2", "cancelled inner2", "outer cancelled=true", true), events);
    }

    @Test
    @DisplayName("C38: results and exceptions are copied; an inner failure is marked retrieved only if the outer was cancelled in the same iteration")
    void copiesOutcome() {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        run(() -> {
            Future<Object> s = Wait.shield(work("w", 1, "value"));
            events.add(s.await());
            Future<Object> failing = Wait.shield(Coroutine.of(() -> {
                Asyncio.sleep(1);
                throw new IllegalStateException("inner failed");
            }));
            try {
                failing.await();
            } catch (IllegalStateException e) {
                events.add(Repr.repr(e));
            }
            // Outer cancelled long before: its done callback unhooks the inner, so nobody retrieves it.
            Future<Object> abandoned = Wait.shield(Coroutine.of(() -> {
                Asyncio.sleep(1);
                throw new IllegalStateException("nobody listens");
            }));
            abandoned.cancel();
            Asyncio.sleep(2);
            // Inner fails and outer is cancelled in the same iteration: the inner callback marks it retrieved.
            Future<Object> fut = loop.createFuture();
            Future<Object> s2 = Wait.shield(fut);
            fut.setException(new IllegalStateException("same iteration"));
            s2.cancel();
            Asyncio.sleep(0.1);
            return null;
        });
        loop.close();
        assertEquals(List.of("start w", "end w", "value", "IllegalStateException('inner failed')"), events);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Task exception was never retrieved", errors.get(0).get("message"));
        assertEquals("nobody listens", ((Throwable) errors.get(0).get("exception")).getMessage());
    }
}
