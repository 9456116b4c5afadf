package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C34: {@code asyncio.gather}. Expected event orders were recorded from CPython
 * 3.11.7 running the same scenarios.
 */
class GatherTest extends Loops.Scenario {
    private final List<Map<String, Object>> loopErrors = Loops.captureErrors(loop);

    @Test
    @DisplayName("C34: results come in argument order, not completion order")
    void argumentOrder() {
        List<Object> results = run(() -> Gather.gather(work("slow", 2, "slow", null), work("fast", 1, "fast", null)).await());
        assertEquals(List.of("slow", "fast"), results);
        assertEquals(List.of("start slow", "start fast", "end fast", "end slow"), events);
        assertEquals(2.0, loop.time());
    }

    @Test
    @DisplayName("C34: the first error propagates at once; siblings are not cancelled; later errors are marked retrieved")
    void firstErrorDoesNotCancelSiblings() {
        IllegalArgumentException e1 = new IllegalArgumentException("e1");
        run(() -> {
            Task<Object> sib = loop.createTask(work("sib", 3, "sib", null));
            Future<List<Object>> g = Gather.gather(work("bad", 1, null, e1),
                    work("bad2", 2, null, new IllegalStateException("e2")), sib);
            try {
                g.await();
            } catch (IllegalArgumentException e) {
                assertSame(e1, e);
                events.add("caught " + Repr.repr(e) + " at " + loop.time() + " sibdone=" + sib.done());
            }
            events.add(g.cancel());
            Object r = sib.await();
            events.add("sib " + r + " at " + loop.time());
            Asyncio.sleep(1);
            return null;
        });
        loop.close();
        assertEquals(List.of("start sib", "start bad", "start bad2", "fail bad",
                "caught IllegalArgumentException('e1') at 1.0 sibdone=false", false, "fail bad2", "end sib",
                "sib sib at 3.0"), events);
        assertEquals(List.of(), loopErrors, "no 'exception was never retrieved' for the later failure");
    }

    @Test
    @DisplayName("C34: returnExceptions collects errors, and a cancelled child as CancelledError('')")
    void returnExceptions() {
        IllegalArgumentException b = new IllegalArgumentException("b");
        List<Object> r = run(() -> {
            Task<Object> t = loop.createTask(work("c", 5, null, null));
            loop.callLater(1, () -> t.cancel("msg"));
            return Gather.gather(List.of(work("a", 2, "a", null), work("b", 1, null, b), t), true).await();
        });
        assertEquals(List.of("start c", "start a", "start b", "cancelled c", "fail b", "end a"), events);
        assertEquals(3, r.size());
        assertEquals("a", r.get(0));
        assertSame(b, r.get(1));
        CancelledError ce = assertInstanceOf(CancelledError.class, r.get(2));
        assertEquals("", ce.getMessage(), "3.11 loses the message of a task cancelled while waiting");
        assertEquals("['a', IllegalArgumentException('b'), CancelledError('')]", Repr.repr(r));
    }

    @Test
    @DisplayName("C34: a cancelled child fails the gather with CancelledError, but the gather is not cancelled")
    void childCancelled() {
        run(() -> {
            Task<Object> t = loop.createTask(work("c", 5, null, null));
            loop.callLater(1, t::cancel);
            Future<List<Object>> g = Gather.gather(t, work("d", 2, "d", null));
            try {
                g.await();
            } catch (CancelledError e) {
                events.add("caught " + Repr.repr(e) + " g.cancelled=" + g.cancelled() + " g.done=" + g.done());
            }
            Asyncio.sleep(3);
            return null;
        });
        assertEquals(List.of("start c", "start d", "cancelled c",
                "caught CancelledError() g.cancelled=false g.done=true", "end d"), events);
    }

    @Test
    @DisplayName("C34: gather.cancel() cancels the children and ends with a CancelledError even with returnExceptions")
    void cancelGather() {
        run(() -> {
            Task<Object> a = loop.createTask(work("a", 1, "a", null));
            Future<List<Object>> g = Gather.gather(List.of(a, work("b", 5, "b", null), work("c", 5, "c", null)), true);
            Asyncio.sleep(2);
            events.add("cancel -> " + g.cancel());
            try {
                g.await();
            } catch (CancelledError e) {
                events.add("caught " + Repr.repr(e) + " g.cancelled=" + g.cancelled());
            }
            events.add(g.toString());
            events.add(g.cancel());
            return null;
        });
        assertEquals(List.of("start a", "start b", "start c", "end a", "cancel -> true", "cancelled b", "cancelled c",
                "caught CancelledError() g.cancelled=false",
                "<_GatheringFuture finished exception=CancelledError()>", false), events);
    }

    @Test
    @DisplayName("C34: cancelling the task that awaits a gather cancels every child")
    void cancellingAwaiterCancelsChildren() {
        run(() -> {
            Task<List<Object>> t = loop.createTask(Coroutine.of(
                    () -> Gather.gather(work("x", 5, null, null), work("y", 5, null, null)).await()));
            Asyncio.sleep(1);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("outer cancelled " + t.cancelled());
            }
            return null;
        });
        assertEquals(List.of("start x", "start y", "cancelled x", "cancelled y", "outer cancelled true"), events);
    }

    @Test
    @DisplayName("C34: a duplicate runs once and fills both places; gather() is done with []; repr")
    void duplicatesEmptyAndRepr() {
        List<Object> r = run(() -> {
            Task<Object> t = Asyncio.ensureFuture(work("once", 1, "v", null), loop);
            List<Object> res = Gather.gather(t, t, work("other", 1, "o", null)).await();
            Future<List<Object>> empty = Gather.gather();
            events.add("empty done=" + empty.done() + " " + Repr.repr(empty.result()));
            events.add(Gather.gather(t).toString());
            return res;
        });
        assertEquals(List.of("v", "v", "o"), r);
        assertEquals(List.of("start once", "start other", "end once", "end other", "empty done=true []",
                "<_GatheringFuture pending>"), events);
    }

    @Test
    @DisplayName("C34: coroutines run on the first future's loop; wrapper tasks are not reported as destroyed pending")
    void wrapperTasksAndLoops() {
        Future<String> f = loop.createFuture();
        Future<List<Object>> g = Gather.gather(f, work("w", 1, "w", null));
        List<Task<?>> tasks = new ArrayList<>(loop.allTasks());
        assertEquals(1, tasks.size());
        assertSame(loop, tasks.get(0).getLoop());
        assertFalse(tasks.get(0).logDestroyPending);
        EventLoop other = new EventLoop(new Clock.Virtual());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Gather.gather(f, other.createFuture()));
            assertEquals("The future belongs to a different loop than the one specified as the loop argument",
                    e.getMessage());
        } finally {
            other.close();
        }
        assertThrows(IllegalArgumentException.class, () -> Gather.gather(f, "not awaitable"));
        loop.close();
        assertEquals(List.of(), loopErrors, "the pending wrapper task is not reported");
        assertFalse(g.done());
    }

    @Test
    @DisplayName("C34: cancel() on a gather that is already done returns false")
    void gatheringFutureCancelReturnsFalseWhenNothingToCancel() {
        run(() -> {
            Future<List<Object>> g = Gather.gather(work("q", 1, "q", null));
            g.await();
            assertTrue(g.done());
            events.add(g.cancel("late"));
            return null;
        });
        assertEquals(List.of("start q", "end q", false), events);
    }
}
