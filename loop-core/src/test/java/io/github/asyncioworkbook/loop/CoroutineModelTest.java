package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The coroutine model: one body at a time, determinism, threads, blocking, bad input. */
class CoroutineModelTest {

    /** Records every thread that ran loop code. */
    private static final class ThreadRecorder implements Instrument {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void stepStarted(Task<?> task) {
            threads.add(Thread.currentThread());
        }

        @Override
        public void taskSuspended(Task<?> task, Future<?> awaiting) {
            threads.add(Thread.currentThread());  // called by the coroutine itself, on its own thread
        }

        @Override
        public void beforeCallback(Handle handle) {
            threads.add(Thread.currentThread());
        }
    }

    private static Coroutine<Integer> worker(EventLoop loop, AtomicInteger inside, List<String> log, int id) {
        return Coroutine.of(() -> {
            for (int i = 0; i < 20; i++) {
                if (inside.incrementAndGet() != 1) {
                    throw new AssertionError("two coroutine bodies ran at once");
                }
                log.add(id + ":" + i);
                inside.decrementAndGet();
                if (i % 3 == 0) {
                    Asyncio.sleep(0);
                } else {
                    Asyncio.sleep(0.01 * (id + 1));
                }
            }
            return id;
        });
    }

    private static List<String> runWorkers() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        try {
            loop.runUntilComplete(Coroutine.of(() -> {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int id = 0; id < 8; id++) {
                    tasks.add(loop.createTask(worker(loop, inside, log, id)));
                }
                for (Task<Integer> t : tasks) {
                    t.await();
                }
                return null;
            }));
        } finally {
            loop.close();
        }
        return log;
    }

    @RepeatedTest(3)
    @DisplayName("exactly one coroutine body runs at a time, and the same program gives the same order every run")
    void oneAtATimeAndDeterministic() {
        List<String> first = runWorkers();
        assertEquals(160, first.size());
        assertEquals(first, runWorkers());
    }

    @Test
    @DisplayName("when close() returns, no thread the loop started is alive, even for tasks left pending")
    void noThreadOutlivesClose() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        ThreadRecorder recorder = new ThreadRecorder();
        loop.addInstrument(recorder);
        List<String> cleanup = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.createTask(Coroutine.of(() -> {
                try {
                    Asyncio.sleep(100 + n);
                } finally {
                    cleanup.add("finally " + n);
                }
                return null;
            }));
        }
        loop.runUntilComplete(loop.createTask(Coroutine.of(() -> Asyncio.sleep(1, "x"))));
        if (threadRunner()) {
            assertTrue(recorder.threads.stream().anyMatch(t -> t.isAlive() && t != Thread.currentThread()),
                    "with the thread runner, suspended coroutines are parked threads");
        }
        loop.setExceptionHandler((l, ctx) -> { });
        loop.close();
        assertEquals(List.of("finally 0", "finally 1", "finally 2", "finally 3", "finally 4"), cleanup);
        for (Thread t : recorder.threads) {
            assertFalse(t != Thread.currentThread() && t.isAlive(), t + " is still alive");
        }
        if (threadRunner()) {
            assertTrue(recorder.threads.size() >= 7, "driver and six coroutine threads recorded: " + recorder.threads);
        } else {
            assertEquals(java.util.Set.of(Thread.currentThread()), new java.util.HashSet<>(recorder.threads),
                    "continuations run on the thread that runs the loop");
        }
    }

    @Test
    @DisplayName("when asyncio.run returns, no thread it started is alive")
    void noThreadOutlivesRun() {
        ThreadRecorder recorder = new ThreadRecorder();
        Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.addInstrument(recorder);
            for (int i = 0; i < 3; i++) {
                loop.createTask(Coroutine.of(() -> Asyncio.sleep(50, "left pending")));
            }
            Asyncio.sleep(0.5);
            return null;
        }));
        assertFalse(recorder.threads.isEmpty());
        recorder.threads.forEach(t -> assertFalse(t != Thread.currentThread() && t.isAlive(), t + " is still alive"));
    }

    @Test
    @DisplayName("a coroutine that blocks (Thread.sleep) blocks the loop, as in asyncio")
    void blockingBlocksTheLoop() {
        EventLoop loop = new EventLoop(new Clock.Real());
        List<String> log = new ArrayList<>();
        try {
            loop.createTask(Coroutine.of(() -> {
                log.add("blocker starts");
                Thread.sleep(200);
                log.add("blocker ends");
                return null;
            }));
            loop.callSoon(() -> log.add("callback"));
            loop.runUntilComplete(loop.createTask(Coroutine.of(() -> {
                log.add("other task");
                return null;
            })));
        } finally {
            loop.close();
        }
        assertEquals(List.of("blocker starts", "blocker ends", "callback", "other task"), log);
    }

    @Test
    @DisplayName("the loop runs on the caller's thread (continuation runner) or on a virtual thread (thread runner)")
    void loopThreadDependsOnRunner() {
        EventLoop loop = Loops.virtualLoop();
        Thread[] ran = new Thread[1];
        loop.callSoon(() -> {
            ran[0] = Thread.currentThread();
            loop.stop();
        });
        assertFalse(Thread.currentThread().isVirtual());
        loop.runForever();
        loop.close();
        if ("threads".equals(System.getProperty("loopcore.runner"))) {
            assertTrue(ran[0].isVirtual(), "a platform thread parking per switch would be slow: the loop hops to a virtual thread");
        } else {
            assertSame(Thread.currentThread(), ran[0], "continuations run on the loop's own thread");
        }
    }

    @Test
    @DisplayName("bad input: await outside a coroutine is a clear error, also from a callback on the loop")
    void awaitOutsideCoroutine() {
        EventLoop loop = Loops.virtualLoop();
        Future<String> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::await);
        assertTrue(e.getMessage().startsWith("await outside a coroutine: Future.await()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Asyncio.sleep(1));
        String[] fromCallback = new String[1];
        loop.callSoon(() -> {
            try {
                f.await();
            } catch (IllegalStateException x) {
                fromCallback[0] = x.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertTrue(fromCallback[0].startsWith("await outside a coroutine"), fromCallback[0]);
        // the loop stays usable
        assertEquals("ok", loop.runUntilComplete(Coroutine.of(() -> "ok")));
        loop.close();
    }

    @Test
    @DisplayName("bad input: a coroutine object can run only once")
    void coroutineRunsOnce() {
        EventLoop loop = Loops.virtualLoop();
        Coroutine<String> c = Coroutine.of(() -> "once");
        assertEquals("once", loop.runUntilComplete(c));
        assertEquals("cannot reuse already awaited coroutine",
                assertThrows(IllegalStateException.class, () -> loop.createTask(c)).getMessage());
        loop.close();
    }

    @Test
    @DisplayName("callSoonThreadsafe from another thread wakes a loop waiting on the real clock")
    void threadsafeWakesLoop() throws Exception {
        EventLoop loop = new EventLoop(new Clock.Real());
        Future<String> f = loop.createFuture();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> f.setResult("from another thread"));
        });
        assertEquals("from another thread", loop.runUntilComplete(f));
        other.join();
        loop.close();
    }

    @Test
    @DisplayName("virtual time: sleeping 1000 s finishes at once and time() reads exactly the sum of the sleeps")
    void virtualTime() {
        EventLoop loop = Loops.virtualLoop();
        long start = System.nanoTime();
        double end = loop.runUntilComplete(Coroutine.of(() -> {
            Asyncio.sleep(600);
            Asyncio.sleep(400.5);
            return Asyncio.getRunningLoop().time();
        }));
        assertEquals(1000.5, end);
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        loop.close();
    }

    @Test
    @DisplayName("the clock is chosen by -Dloopcore.clock, and a bad value names the setting")
    void clockFromProperty() {
        String old = System.getProperty(Clock.PROPERTY);
        try {
            System.setProperty(Clock.PROPERTY, "virtual");
            assertEquals("virtual", new EventLoop().getClock().kind());
            System.setProperty(Clock.PROPERTY, "real");
            assertEquals("real", new EventLoop().getClock().kind());
            System.setProperty(Clock.PROPERTY, "fast");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Clock::fromEnvironment);
            assertEquals("system property loopcore.clock is 'fast'; expected 'real' or 'virtual'", e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Clock.PROPERTY);
            } else {
                System.setProperty(Clock.PROPERTY, old);
            }
        }
    }

    static boolean threadRunner() {
        return "threads".equals(System.getProperty("loopcore.runner"));
    }
}
