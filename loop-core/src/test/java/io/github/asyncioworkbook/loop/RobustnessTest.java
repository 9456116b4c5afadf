package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C42-C50: the loop under misuse and load (interrupts, foreign threads, exits, deep
 * awaits, dropped failures, virtual-time deadlocks, failing instruments) and the small API gaps.
 * Each test failed before the change that made it pass.
 */
class RobustnessTest {

    /** Python's SystemExit stand-in: an Error that is not an AssertionError (see BaseExceptions). */
    static final class Exit extends Error {
        private static final long serialVersionUID = 1L;

        Exit(String message) {
            super(message);
        }
    }

    @Test
    @DisplayName("C42: coroutines that restore their interrupt flag sleep 1 s without spinning, and keep their flag")
    void interruptFlagStaysWithTheCoroutine() {
        EventLoop loop = new EventLoop(new Clock.Real());
        List<Boolean> flags = Collections.synchronizedList(new ArrayList<>());
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 4; i++) {
                loop.createTask(Coroutine.of(() -> {
                    Thread.currentThread().interrupt();  // catch (InterruptedException e) { interrupt(); }
                    Asyncio.sleep(1.0);
                    flags.add(Thread.currentThread().isInterrupted());
                    Thread.interrupted();
                    return null;
                }));
            }
            loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(1.1)));
        });
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuBefore;
        loop.close();
        assertEquals(List.of(true, true, true, true), flags, "each coroutine gets its own flag back");
        assertFalse(Thread.currentThread().isInterrupted(), "the flag does not leak to the thread that ran the loop");
        assertTrue(wall < 10, "finished in " + wall + " s");
        // A loop or a coroutine spinning on its interrupt flag would burn at least a second of CPU.
        assertTrue(cpu < 0.6, "the process used " + cpu + " s of CPU in " + wall + " s");
    }

    private static double processCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    @Test
    @DisplayName("C43: callSoonThreadsafe from the loop's own thread shares callSoon's ready queue, in call order")
    void threadsafeFromLoopThreadKeepsCallOrder() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            loop.callSoonThreadsafe(() -> log.add("threadsafe 1"));
            loop.callSoon(() -> log.add("soon 2"));
            loop.callSoonThreadsafe(() -> log.add("threadsafe 3"));
            loop.callSoon(() -> {
                log.add("soon 4");
                loop.stop();
            });
        });
        loop.runForever();
        loop.close();
        assertEquals(List.of("threadsafe 1", "soon 2", "threadsafe 3", "soon 4"), log);
    }

    @Test
    @DisplayName("C44: an exit raised by a callback escapes runForever; the loop can run again and close")
    void exitFromCallbackEscapes() {
        EventLoop loop = Loops.virtualLoop();
        Exit exit = new Exit("callback");
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            throw exit;
        });
        loop.callSoon(() -> log.add("after"));
        assertSame(exit, assertThrows(Exit.class, loop::runForever));
        assertFalse(loop.isRunning());
        assertEquals(List.of(), log, "the exit ended the iteration");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("after"), log, "what was ready still runs on the next run");
        loop.close();
    }

    @Test
    @DisplayName("C44: an exit raised by a task is its exception and escapes runUntilComplete; asyncio.run still runs finally blocks")
    void exitFromTaskEscapes() {
        EventLoop loop = Loops.virtualLoop();
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        Exit exit = new Exit("task");
        Task<Object> task = loop.createTask(Coroutine.of(() -> {
            Asyncio.sleep(1);
            throw exit;
        }));
        assertSame(exit, assertThrows(Exit.class, () -> loop.runUntilComplete(task)));
        assertTrue(task.done());
        assertSame(exit, task.exception());
        loop.close();
        assertEquals(List.of(), errors);

        List<String> log = new ArrayList<>();
        Exit fromCallback = new Exit("callback");
        assertSame(fromCallback, assertThrows(Exit.class, () -> Asyncio.run(Coroutine.of(() -> {
            Asyncio.getRunningLoop().callSoon(() -> {
                throw fromCallback;
            });
            try {
                Asyncio.sleep(1);
            } finally {
                log.add("main finally");
            }
            return null;
        }))));
        assertEquals(List.of("main finally"), log, "asyncio.run cancels the main task after the exit, as CPython 3.11");
    }

    @Test
    @DisplayName("C45: callSoon, callLater, createTask and Future methods from another thread raise asyncio's error and leave the loop intact")
    void foreignThreadIsRefused() {
        String message = "Non-thread-safe operation invoked on an event loop other than the current one";
        for (int round = 0; round < 13; round++) {
            EventLoop loop = Loops.virtualLoop();
            Future<String> f = loop.createFuture();
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            String result = loop.runUntilComplete(Coroutine.of(() -> {
                EventLoop.OutsideWork work = loop.startOutsideWork();
                Thread.ofPlatform().start(() -> {
                    try {
                        List<Runnable> calls = List.of(
                                () -> loop.callSoon(() -> { }),
                                () -> loop.callLater(1, () -> { }),
                                () -> loop.createTask(Coroutine.of(() -> null)),
                                () -> f.setResult("wrong thread"),
                                () -> f.setException(new IllegalStateException()),
                                () -> f.cancel(),
                                () -> f.addDoneCallback(x -> { }));
                        for (Runnable call : calls) {
                            try {
                                call.run();
                            } catch (IllegalStateException e) {
                                refused.add(e.getMessage());
                            }
                        }
                        loop.callSoonThreadsafe(() -> f.setResult("ok"));
                    } finally {
                        work.close();
                    }
                });
                return f.await();
            }));
            loop.close();
            assertEquals("ok", result);
            assertEquals(Collections.nCopies(7, message), refused);
        }
    }

    @Test
    @DisplayName("C46: failures of dropped fire-and-forget tasks are reported while the loop runs, once each")
    void droppedFailuresReportedWhileRunning() {
        EventLoop loop = Loops.virtualLoop();
        int[] reported = {0};
        int[] reportedBeforeClose = {0};
        loop.setExceptionHandler((l, ctx) -> {
            if ("Task exception was never retrieved".equals(ctx.get("message"))) {
                reported[0]++;
            }
        });
        int total = 40_000;
        loop.runUntilComplete(Coroutine.of(() -> {
            for (int batch = 0; batch < total / 4000; batch++) {
                for (int i = 0; i < 4000; i++) {
                    loop.createTask(Coroutine.of(() -> {
                        throw new IllegalStateException("dropped");
                    }));
                }
                Asyncio.sleep(0);
                Asyncio.sleep(0);
            }
            for (int i = 0; i < 20 && reported[0] == 0; i++) {
                System.gc();
                Asyncio.sleep(0);
            }
            reportedBeforeClose[0] = reported[0];
            return null;
        }));
        loop.close();
        assertTrue(reportedBeforeClose[0] > 0, "nothing was reported before close()");
        assertEquals(total, reported[0], "each failure is reported exactly once");
    }

    @Test
    @DisplayName("C46: an exception that escapes asyncio.run or runUntilComplete is not also reported as never retrieved")
    void escapingExceptionIsNotReportedAgain() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.run(Coroutine.of(() -> {
                Asyncio.sleep(0.1);
                throw new IllegalArgumentException("escapes");
            })));
            Exit exit = new Exit("exit escapes");
            assertSame(exit, assertThrows(Exit.class, () -> Asyncio.run(Coroutine.of(() -> {
                throw exit;
            }))));
            EventLoop loop = Loops.virtualLoop();
            assertThrows(Exit.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
                throw new Exit("from runUntilComplete(coro)");
            })));
            loop.close();
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    static Coroutine<Integer> nested(int depth) {
        return Coroutine.of(() -> depth == 0 ? 0 : nested(depth - 1).await() + 1);
    }

    @Test
    @DisplayName("C47: awaiting coroutines 2,000 deep raises a catchable RecursionError; 500 deep works; the loop runs on")
    void deepAwaitIsRecursionError() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            try {
                nested(2000).await();
                log.add("no error");
            } catch (RecursionError e) {
                log.add("RecursionError: " + e.getMessage().startsWith("maximum recursion depth exceeded"));
            }
            log.add("500 deep: " + nested(500).await());
            return null;
        }));
        Task<Integer> next = loop.createTask(nested(10));
        assertEquals(10, loop.runUntilComplete(next));
        loop.close();
        assertEquals(List.of("RecursionError: true", "500 deep: 500"), log);
    }

    @Test
    @DisplayName("C48: under the virtual clock a loop that can never progress raises DeadlockError naming the pending tasks")
    void virtualClockDeadlock() {
        EventLoop loop = Loops.virtualLoop();
        loop.setExceptionHandler((l, ctx) -> { });
        Future<String> never = loop.createFuture();
        Task<String> stuck = loop.createTask(Coroutine.of(() -> never.await()), "stuck");
        DeadlockError e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeadlockError.class, () -> loop.runUntilComplete(stuck)));
        assertTrue(e.getMessage().contains("name='stuck'"), e.getMessage());
        assertTrue(e.getMessage().contains("wait_for=<Future pending"), e.getMessage());
        assertFalse(loop.isRunning());
        loop.close();
    }

    @Test
    @DisplayName("C48: outside work that ends right after its callSoonThreadsafe, while the loop is about to idle, is not taken for a deadlock")
    void outsideWorkEndingAsTheLoopIdles() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int rounds = 100_000;
            int done = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> loop.runUntilComplete(Coroutine.of(() -> {
                int n = 0;
                for (int i = 0; i < rounds; i++) {
                    Future<Integer> f = loop.createFuture();
                    EventLoop.OutsideWork work = loop.startOutsideWork();
                    int value = i;
                    other.execute(() -> {
                        try {
                            loop.callSoonThreadsafe(() -> f.setResult(value));
                        } finally {
                            work.close();
                        }
                    });
                    n += f.await() == value ? 1 : 0;
                }
                return n;
            })));
            assertEquals(rounds, done);
        } finally {
            other.shutdownNow();
            loop.close();
        }
    }

    @Test
    @DisplayName("C48: the virtual clock does not jump while outside work is outstanding: waitFor(f, 5.0) sees a 0.1 s job finish")
    void virtualClockWaitsForOutsideWork() {
        EventLoop loop = Loops.virtualLoop();
        AtomicReference<String> outcome = new AtomicReference<>();
        long start = System.nanoTime();
        loop.runUntilComplete(Coroutine.of(() -> {
            Future<String> f = loop.createFuture();
            EventLoop.OutsideWork work = loop.startOutsideWork();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                    loop.callSoonThreadsafe(() -> f.setResult("job done"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    work.close();
                }
            });
            outcome.set(Asyncio.waitFor(f, 5.0));
            return null;
        }));
        double wall = (System.nanoTime() - start) / 1e9;
        assertEquals("job done", outcome.get());
        assertTrue(wall >= 0.09, "the loop waited for the job in real time: " + wall + " s");
        assertTrue(loop.time() < 5.0, "virtual time did not jump to the timeout: " + loop.time());
        loop.close();
    }

    @Test
    @DisplayName("C49: an instrument that throws is removed alone; the others still see every event")
    void failingInstrumentRemovedAlone() {
        EventLoop loop = Loops.virtualLoop();
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        List<String> failing = new ArrayList<>();
        List<String> healthy = new ArrayList<>();
        loop.addInstrument(new Instrument() {
            @Override
            public void stepStarted(Task<?> task) {
                failing.add(task.getName());
                throw new IllegalStateException("broken instrument");
            }
        });
        loop.addInstrument(new Instrument() {
            @Override
            public void stepStarted(Task<?> task) {
                healthy.add(task.getName());
            }
        });
        Task<Object> a = loop.createTask(Coroutine.of(() -> {
            Asyncio.sleep(1);
            return null;
        }), "a");
        loop.runUntilComplete(a);
        loop.close();
        assertEquals(List.of("a"), failing, "removed after its first failure");
        assertEquals(List.of("a", "a"), healthy, "saw the first step (despite the failure before it) and the second");
        assertEquals(1, errors.size());
        assertEquals("Instrument raised an exception and was removed", errors.getFirst().get("message"));
    }

    @Test
    @DisplayName("C50: a coroutine's state as inspect.getcoroutinestate, close(); isFuture; module-level createTask")
    void coroutineStateAndSmallApi() {
        EventLoop loop = Loops.virtualLoop();
        List<Coroutine.State> states = new ArrayList<>();
        Coroutine<?>[] self = new Coroutine<?>[1];
        Coroutine<String> coro = Coroutine.of(() -> {
            states.add(self[0].getState());
            Asyncio.sleep(1);
            return "done";
        });
        self[0] = coro;
        states.add(coro.getState());
        Task<String> t = loop.createTask(coro);
        loop.runUntilComplete(Coroutine.of(() -> {
            Asyncio.sleep(0.5);
            states.add(coro.getState());
            assertThrows(IllegalStateException.class, coro::close);
            Task<String> second = Asyncio.createTask(Coroutine.of(() -> "module-level"), "second");
            assertEquals("module-level", second.await());
            return null;
        }));
        assertEquals("done", loop.runUntilComplete(t));
        states.add(coro.getState());
        assertEquals(List.of(Coroutine.State.CREATED, Coroutine.State.RUNNING, Coroutine.State.SUSPENDED,
                Coroutine.State.CLOSED), states);

        Coroutine<String> unused = Coroutine.of(() -> "never");
        unused.close();
        assertEquals(Coroutine.State.CLOSED, unused.getState());
        unused.close();
        assertThrows(IllegalStateException.class, () -> loop.createTask(unused));

        assertTrue(Asyncio.isFuture(loop.createFuture()));
        assertTrue(Asyncio.isFuture(t));
        assertFalse(Asyncio.isFuture(Coroutine.of(() -> null)));
        assertFalse(Asyncio.isFuture("text"));
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> Asyncio.createTask(Coroutine.of(() -> null)));
        assertEquals("no running event loop", outside.getMessage());
        assertNotNull(loop);
        loop.close();
    }

    @Test
    @DisplayName("C44: an exit's class is decided in one place: Errors except AssertionError")
    void exitClassification() {
        assertTrue(BaseExceptions.isExit(new Exit("x")));
        assertTrue(BaseExceptions.isExit(new OutOfMemoryError()));
        assertTrue(BaseExceptions.isExit(new CoroutineExit()));
        assertFalse(BaseExceptions.isExit(new AssertionError("x")));
        assertFalse(BaseExceptions.isExit(new IllegalStateException()));
        assertFalse(BaseExceptions.isExit(new CancelledError()));
        assertInstanceOf(RuntimeException.class, new RecursionError("x"));
    }
}
