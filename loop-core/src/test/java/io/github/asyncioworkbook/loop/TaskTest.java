package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONFORMANCE.md C9-C24: Task (C25, the eager factory, is in EagerTaskTest). */
class TaskTest {
    private final EventLoop loop = Loops.virtualLoop();
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void close() {
        if (!loop.isClosed()) {
            loop.close();
        }
    }

    private Coroutine<String> returns(String value) {
        return Coroutine.of(() -> {
            events.add("body " + value);
            return value;
        });
    }

    private Coroutine<String> sleeper(double delay, String value) {
        return Coroutine.of(() -> {
            events.add("start " + value);
            Asyncio.sleep(delay);
            events.add("end " + value);
            return value;
        });
    }

    @Test
    @DisplayName("C9: createTask never runs the body inline; first steps in creation order; Task-N names")
    void item9CreationOrder() {
        Task<String> a = loop.createTask(returns("a"));
        Task<String> b = loop.createTask(returns("b"));
        assertEquals(List.of(), events);
        long na = Long.parseLong(a.getName().substring(5));
        assertEquals("Task-" + (na + 1), b.getName());
        Task<String> named = loop.createTask(returns("c"), "answer");
        assertEquals("answer", named.getName());
        Task<String> after = loop.createTask(returns("d"));
        assertEquals("Task-" + (na + 3), after.getName(), "a named task still uses up a number (3.11)");
        loop.runUntilComplete(after);
        assertEquals(List.of("body a", "body b", "body c", "body d"), events);
    }

    @Test
    @DisplayName("C10: task reprs: pending, cancelling, wait_for, finished result, exception, cancelled")
    void item10Repr() {
        Task<String> t = loop.createTask(sleeper(1, "x"));
        String pending = t.toString();
        assertTrue(pending.matches("<Task pending name='Task-\\d+' coro=<sleeper\\(\\) running at TaskTest\\.java:\\d+>>"), pending);
        String[] during = new String[1];
        loop.callLater(0.5, () -> during[0] = t.toString());
        loop.runUntilComplete(t);
        assertTrue(during[0].matches("<Task pending name='Task-\\d+' coro=<sleeper\\(\\) running at TaskTest\\.java:\\d+>"
                + " wait_for=<Future pending cb=\\[Task\\.taskWakeup\\(\\)]> cb=\\[runUntilCompleteCb\\(\\) at EventLoop\\.java:\\d+]>"),
                during[0]);
        assertTrue(t.toString().matches("<Task finished name='Task-\\d+' coro=<sleeper\\(\\) done, defined at TaskTest\\.java:\\d+> result='x'>"),
                t.toString());
        Task<String> c = loop.createTask(returns("never"));
        c.cancel();
        assertTrue(c.toString().startsWith("<Task cancelling name="), c.toString());
        loop.stop();
        loop.runForever();
        assertTrue(c.toString().matches("<Task cancelled name='Task-\\d+' coro=<returns\\(\\) done, defined at TaskTest\\.java:\\d+>>"), c.toString());
        Task<String> e = loop.createTask(Coroutine.named("raises", () -> {
            throw new IllegalArgumentException("boom");
        }));
        loop.stop();
        loop.runForever();
        assertTrue(e.toString().endsWith(" exception=IllegalArgumentException('boom')>"), e.toString());
        assertTrue(e.toString().contains("coro=<raises() done, defined at TaskTest.java:"), e.toString());
        e.exception();
    }

    @Test
    @DisplayName("C11: await registers the wakeup and records wait_for; sleep(0) costs one iteration, awaiting a new task two")
    void item11Iterations() {
        Loops.Ticker ticker = new Loops.Ticker(loop);
        List<Integer> hops = new ArrayList<>();
        Task<Void> t = loop.createTask(Coroutine.of(() -> {
            int before = ticker.ticks;
            Asyncio.sleep(0);
            hops.add(ticker.ticks - before);
            before = ticker.ticks;
            loop.createTask(returns("child")).await();
            hops.add(ticker.ticks - before);
            before = ticker.ticks;
            Coroutine.of(() -> "inline").await();
            hops.add(ticker.ticks - before);
        }));
        loop.runUntilComplete(t);
        ticker.stop();
        assertEquals(List.of(1, 2, 0), hops);
    }

    @Test
    @DisplayName("C12: awaiting itself, or a future of another loop, raises IllegalStateException at the await")
    void item12BadAwaits() {
        Task<?>[] self = new Task<?>[1];
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            try {
                self[0].await();
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }));
        self[0] = t;
        String msg = loop.runUntilComplete(t);
        assertTrue(msg.startsWith("Task cannot await on itself: <Task pending name="), msg);
        EventLoop other = Loops.virtualLoop();
        Future<String> foreign = other.createFuture();
        Task<String> u = loop.createTask(Coroutine.of(() -> {
            try {
                foreign.await();
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }));
        String msg2 = loop.runUntilComplete(u);
        assertTrue(msg2.contains("attached to a different loop"), msg2);
        other.close();
    }

    @Test
    @DisplayName("C13: cancel() on a pending task returns true and counts every request; on a done task false")
    void item13CancelCounts() {
        Task<String> t = loop.createTask(returns("x"));
        assertTrue(t.cancel());
        assertTrue(t.cancel());
        assertEquals(2, t.cancelling());
        loop.stop();
        loop.runForever();
        assertTrue(t.cancelled());
        assertFalse(t.cancel());
        assertEquals(2, t.cancelling());
    }

    @Test
    @DisplayName("C14: cancel before the first step: the body never runs; cancelled after one iteration; message kept")
    void item14CancelBeforeStart() {
        Task<String> t = loop.createTask(returns("x"));
        t.cancel("early");
        loop.stop();
        loop.runForever();
        assertTrue(t.cancelled());
        assertEquals(List.of(), events);
        assertEquals("early", assertThrows(CancelledError.class, t::result).getMessage());
    }

    @Test
    @DisplayName("C15: cancel while awaiting cancels the awaited future and raises CancelledError(msg) at the await")
    void item15CancelWhileWaiting() {
        Future<String> inner = loop.createFuture();
        String[] seen = new String[2];
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            try {
                return inner.await();
            } catch (CancelledError e) {
                seen[0] = e.getMessage();
                seen[1] = String.valueOf(Asyncio.currentTask().cancelling());
                throw e;
            }
        }));
        loop.callLater(1, () -> t.cancel("reason-1"));
        CancelledError outer = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("reason-1", outer.getMessage());
        assertTrue(inner.cancelled());
        assertEquals("reason-1", seen[0]);
        assertEquals("1", seen[1]);
    }

    @Test
    @DisplayName("C16: cancel after the awaited future completed but before the wakeup still delivers CancelledError")
    void item16CancelAfterCompletion() {
        Future<String> inner = loop.createFuture();
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            try {
                return inner.await();
            } catch (CancelledError e) {
                return "cancelled though the future had " + inner.result();
            }
        }));
        loop.callLater(1, () -> {
            inner.setResult("a value");
            t.cancel();
        });
        assertEquals("cancelled though the future had a value", loop.runUntilComplete(t));
    }

    @Test
    @DisplayName("C17: a coroutine that catches CancelledError and returns finishes the task; cancelling() stays 1")
    void item17Swallow() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            try {
                Asyncio.sleep(10);
                return "slept";
            } catch (CancelledError e) {
                return "swallowed";
            }
        }));
        loop.callLater(1, t::cancel);
        assertEquals("swallowed", loop.runUntilComplete(t));
        assertFalse(t.cancelled());
        assertEquals(1, t.cancelling());
        assertEquals(0, t.uncancel());
    }

    @Test
    @DisplayName("C18: a coroutine raising CancelledError by itself ends cancelled with cancelling() == 0")
    void item18SpontaneousCancel() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            throw new CancelledError("by itself");
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertEquals(0, t.cancelling());
    }

    @Test
    @DisplayName("C19: cancel() from inside the running task: the next await raises; returning in the same step ends cancelled")
    void item19CancelSelf() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            Asyncio.currentTask().cancel();
            try {
                Asyncio.sleep(0);
                return "not cancelled";
            } catch (CancelledError e) {
                return "raised at next await";
            }
        }));
        assertEquals("raised at next await", loop.runUntilComplete(t));
        Task<String> u = loop.createTask(Coroutine.of(() -> {
            Asyncio.currentTask().cancel("at end");
            return "value";
        }));
        assertEquals("at end", assertThrows(CancelledError.class, () -> loop.runUntilComplete(u)).getMessage());
        assertTrue(u.cancelled());
    }

    @Test
    @DisplayName("C20: uncancel() decrements to zero, never below, and an undelivered cancellation is still delivered (3.11)")
    void item20Uncancel() {
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            Task<?> me = Asyncio.currentTask();
            me.cancel();
            assertEquals(1, me.cancelling());
            assertEquals(0, me.uncancel());
            assertEquals(0, me.uncancel());
            try {
                Asyncio.sleep(0);
                return "not cancelled";
            } catch (CancelledError e) {
                return "cancelled at the next await";
            }
        }));
        assertEquals("cancelled at the next await", loop.runUntilComplete(t));
        // The difftest shape (seed 1882): cancel and uncancel a task before its first step; it still
        // ends cancelled without running its body.
        List<String> ran = new ArrayList<>();
        Task<String> u = loop.createTask(Coroutine.of(() -> {
            ran.add("body");
            return "ran";
        }));
        assertTrue(u.cancel());
        assertEquals(0, u.uncancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(u));
        assertTrue(u.cancelled());
        assertEquals(List.of(), ran);
    }

    @Test
    @DisplayName("C21: cancellation propagates down the await chain and back up; the same CancelledError object")
    void item21Propagation() {
        Task<String>[] inner = new Task[1];
        CancelledError[] innerError = new CancelledError[2];
        Task<String> outer = loop.createTask(Coroutine.of(() -> {
            inner[0] = loop.createTask(Coroutine.of(() -> {
                try {
                    Asyncio.sleep(10);
                } catch (CancelledError e) {
                    innerError[0] = e;
                    throw e;
                }
                return "inner";
            }));
            try {
                return inner[0].await();
            } catch (CancelledError e) {
                innerError[1] = e;
                throw e;
            }
        }));
        loop.callLater(1, () -> outer.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertTrue(inner[0].cancelled());
        assertTrue(outer.cancelled());
        assertEquals("stop", innerError[0].getMessage());
        assertSame(innerError[0], innerError[1], "the awaiter gets the inner task's own CancelledError");
        assertEquals("stop", e.getMessage());
    }

    @Test
    @DisplayName("C22: Task.setResult/setException raise IllegalStateException")
    void item22SetMethods() {
        Task<String> t = loop.createTask(returns("x"));
        assertEquals("Task does not support set_result operation",
                assertThrows(IllegalStateException.class, () -> t.setResult("y")).getMessage());
        assertEquals("Task does not support set_exception operation",
                assertThrows(IllegalStateException.class, () -> t.setException(new RuntimeException())).getMessage());
        loop.runUntilComplete(t);
    }

    @Test
    @DisplayName("C23: 'Task exception was never retrieved' (key future) and 'Task was destroyed but it is pending!' (key task)")
    void item23Reports() {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        Task<String> failing = loop.createTask(Coroutine.named("raises", () -> {
            throw new IllegalArgumentException("boom");
        }));
        Task<String> hanging = loop.createTask(sleeper(100, "forever"));
        Task<String> cancelledFailing = loop.createTask(Coroutine.named("raises2", () -> {
            throw new IllegalArgumentException("forgotten by cancel");
        }));
        loop.callLater(1, loop::stop);
        loop.runForever();
        cancelledFailing.cancel();
        loop.close();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("Task was destroyed but it is pending!", errors.get(0).get("message"));
        assertSame(hanging, errors.get(0).get("task"));
        assertEquals("Task exception was never retrieved", errors.get(1).get("message"));
        assertSame(failing, errors.get(1).get("future"));
        assertEquals(List.of("start forever"), events);
    }

    @Test
    @DisplayName("C24: currentTask() is the running task and null in callbacks; allTasks() lists pending tasks")
    void item24Introspection() {
        Task<?>[] seen = new Task<?>[2];
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            seen[0] = Asyncio.currentTask();
            loop.callSoon(() -> seen[1] = loop.currentTask());
            assertTrue(Asyncio.allTasks().contains(Asyncio.currentTask()));
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            return "x";
        }));
        Task<String> other = loop.createTask(sleeper(5, "other"));
        loop.runUntilComplete(t);
        assertSame(t, seen[0]);
        assertNull(seen[1]);
        assertEquals(java.util.Set.of(other), loop.allTasks());
        assertNull(loop.currentTask());
        other.cancel();
        loop.stop();
        loop.runForever();
        assertTrue(loop.allTasks().isEmpty());
        assertThrows(IllegalStateException.class, Asyncio::currentTask, "no running event loop");
    }
}
