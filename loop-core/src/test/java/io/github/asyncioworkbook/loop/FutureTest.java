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

/** CONFORMANCE.md C1-C8: Future. */
class FutureTest {
    private final EventLoop loop = Loops.virtualLoop();

    @AfterEach
    void close() {
        if (!loop.isClosed()) {
            loop.close();
        }
    }

    @Test
    @DisplayName("C1: a new future is pending; result() and exception() raise InvalidStateError")
    void item1NewFuture() {
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertFalse(f.cancelled());
        assertEquals("Result is not set.", assertThrows(InvalidStateError.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
    }

    @Test
    @DisplayName("C2: setResult/setException on a done future raise InvalidStateError('invalid state')")
    void item2SetTwice() {
        Future<String> f = loop.createFuture();
        f.setResult("a");
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> f.setResult("b")).getMessage());
        assertEquals("invalid state",
                assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException())).getMessage());
        assertEquals("a", f.result());
        Future<String> g = loop.createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        g.setException(boom);
        assertSame(boom, g.exception());
        assertSame(boom, assertThrows(IllegalArgumentException.class, g::result));
    }

    @Test
    @DisplayName("C3: cancel(msg) is true only while pending; result() then raises CancelledError(msg)")
    void item3Cancel() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("bye"));
        assertFalse(f.cancel("again"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertEquals("bye", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("bye", assertThrows(CancelledError.class, f::exception).getMessage());
        Future<String> g = loop.createFuture();
        g.cancel();
        assertNull(assertThrows(CancelledError.class, g::result).getMessage());
        Future<String> done = loop.createFuture();
        done.setResult("x");
        assertFalse(done.cancel());
    }

    @Test
    @DisplayName("C4: done callbacks are scheduled with callSoon in registration order, never inline")
    void item4CallbacksNotInline() {
        List<String> events = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> events.add("cb1 " + x.result()));
        f.addDoneCallback(x -> events.add("cb2"));
        f.addDoneCallback(x -> events.add("cb3"));
        loop.callSoon(() -> {
            f.setResult("r");
            events.add("after setResult");
            f.addDoneCallback(x -> events.add("late, scheduled at once"));
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("after setResult"), events);
        loop.stop();
        loop.runForever();
        assertEquals(List.of("after setResult", "cb1 r", "cb2", "cb3", "late, scheduled at once"), events);
    }

    @Test
    @DisplayName("C5: removeDoneCallback removes every registration and returns the count")
    void item5RemoveCallback() {
        List<String> events = new ArrayList<>();
        Future<String> f = loop.createFuture();
        DoneCallback<String> a = x -> events.add("a");
        DoneCallback<String> b = x -> events.add("b");
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(a);
        assertEquals(2, f.removeDoneCallback(a));
        assertEquals(0, f.removeDoneCallback(a));
        f.setResult("x");
        loop.runUntilComplete(f);
        loop.stop();
        loop.runForever();
        assertEquals(List.of("b"), events);
    }

    @Test
    @DisplayName("C5: a callback may add callbacks while the list is being scheduled")
    void item5MutationFromCallback() {
        List<String> events = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> {
            events.add("first");
            x.addDoneCallback(y -> events.add("added by first"));
        });
        f.addDoneCallback(x -> events.add("second"));
        f.setResult("x");
        loop.stop();
        loop.runForever();
        loop.stop();
        loop.runForever();
        assertEquals(List.of("first", "second", "added by first"), events);
    }

    @Test
    @DisplayName("C6: 'Future exception was never retrieved' iff an exception was set and never read")
    void item6NeverRetrieved() {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        Future<String> unread = loop.createFuture();
        unread.setException(new IllegalStateException("lost"));
        Future<String> read = loop.createFuture();
        read.setException(new IllegalStateException("read"));
        read.exception();
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel();
        Future<String> viaResult = loop.createFuture();
        viaResult.setException(new IllegalStateException("via result"));
        assertThrows(IllegalStateException.class, viaResult::result);
        loop.close();
        assertEquals(1, errors.size());
        assertEquals("Future exception was never retrieved", errors.get(0).get("message"));
        assertSame(unread, errors.get(0).get("future"));
        assertEquals("lost", ((Throwable) errors.get(0).get("exception")).getMessage());
    }

    @Test
    @DisplayName("C7: awaiting a done future takes no iteration; a pending one resumes one iteration after its callbacks are scheduled")
    void item7AwaitIterations() {
        Loops.Ticker ticker = new Loops.Ticker(loop);
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        List<Integer> hops = new ArrayList<>();
        Task<String> t = loop.createTask(Coroutine.of(() -> {
            int before = ticker.ticks;
            String v = done.await();
            hops.add(ticker.ticks - before);
            Future<String> pending = loop.createFuture();
            loop.callSoon(() -> pending.setResult("later"));
            before = ticker.ticks;
            String w = pending.await();
            hops.add(ticker.ticks - before);
            return v + "/" + w;
        }));
        assertEquals("ready/later", loop.runUntilComplete(t));
        assertEquals(List.of(0, 2), hops);
        ticker.stop();
    }

    @Test
    @DisplayName("C8: future reprs (pending, cb lists with <N more>, finished, exception, cancelled, reprlib)")
    void item8Repr() {
        Future<Object> f = loop.createFuture();
        assertEquals("<Future pending>", f.toString());
        f.addDoneCallback(FutureTest::cb);
        String one = f.toString();
        assertTrue(one.matches("<Future pending cb=\\[cb\\(\\) at FutureTest\\.java:\\d+]>"), one);
        f.addDoneCallback(FutureTest::cb);
        f.addDoneCallback(FutureTest::cb);
        f.addDoneCallback(FutureTest::cb);
        String four = f.toString();
        assertTrue(four.matches("<Future pending cb=\\[cb\\(\\) at FutureTest\\.java:\\d+, <2 more>, cb\\(\\) at FutureTest\\.java:\\d+]>"), four);
        Future<Object> r = loop.createFuture();
        r.setResult(42);
        assertEquals("<Future finished result=42>", r.toString());
        Future<Object> s = loop.createFuture();
        s.setResult("x".repeat(40));
        assertEquals("<Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>", s.toString());
        Future<Object> e = loop.createFuture();
        e.setException(new IllegalArgumentException("boom"));
        assertEquals("<Future finished exception=IllegalArgumentException('boom')>", e.toString());
        e.exception();
        Future<Object> c = loop.createFuture();
        c.cancel("bye");
        assertEquals("<Future cancelled>", c.toString());
    }

    @Test
    @DisplayName("C8: in debug mode reprs end with where user code created the future, task or handle")
    void item8CreatedAtInDebug() {
        Future<Object> quiet = loop.createFuture();
        assertEquals("<Future pending>", quiet.toString());
        loop.setDebug(true);
        Future<Object> f = loop.createFuture();
        assertTrue(f.toString().matches("<Future pending created at FutureTest\\.java:\\d+>"), f.toString());
        Task<String> t = loop.createTask(Coroutine.named("returns", () -> "x"));
        assertTrue(t.toString().matches("<Task pending name='Task-\\d+' coro=<returns\\(\\) running at FutureTest\\.java:\\d+>"
                + " created at FutureTest\\.java:\\d+>"), t.toString());
        Handle h = loop.callSoon(FutureTest::noop);
        assertTrue(h.toString().matches("<Handle noop\\(\\) at FutureTest\\.java:\\d+ created at FutureTest\\.java:\\d+>"),
                h.toString());
        loop.runUntilComplete(t);
    }

    static void noop() {
    }

    static void cb(Future<Object> f) {
    }
}
