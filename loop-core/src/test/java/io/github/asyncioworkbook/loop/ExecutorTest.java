package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Executors and threads: {@code run_in_executor}, the default executor and its shutdown,
 * {@code to_thread}, {@code wrap_future} and {@code run_coroutine_threadsafe}, with asyncio's
 * behaviour and messages, and no thread left behind.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorTest {

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    @DisplayName("runInExecutor(null, f): the default executor runs jobs on asyncio_N threads, reusing an idle one")
    void defaultExecutorNamesAndReusesThreads() {
        List<String> names = new ArrayList<>();
        Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            for (int i = 0; i < 3; i++) {
                names.add(loop.runInExecutor(null, () -> Thread.currentThread().getName()).await());
            }
            names.add(Asyncio.toThread(() -> Thread.currentThread().getName()));
            return null;
        }));
        assertEquals(List.of("asyncio_0", "asyncio_0", "asyncio_0", "asyncio_0"), names);
    }

    @Test
    @DisplayName("the default executor starts at most min(32, cpus + 4) threads, named asyncio_0 and up")
    void defaultExecutorMaxWorkers() throws Exception {
        int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        assertEquals(max, ThreadPool.defaultMaxWorkers());
        int jobs = max + 3;
        CountDownLatch started = new CountDownLatch(max);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> names = ConcurrentHashMap.newKeySet();
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                started.await();
                Thread.sleep(100);  // the queued jobs would start now if a thread were free
                release.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(loop.runInExecutor(null, () -> {
                    names.add(Thread.currentThread().getName());
                    started.countDown();
                    release.await();
                    return null;
                }));
            }
            Asyncio.gather(futures).await();
            return null;
        }));
        releaser.join();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < max; i++) {
            expected.add("asyncio_" + i);
        }
        assertEquals(expected, new TreeSet<>(names));
    }

    @Test
    @DisplayName("Asyncio.run shuts the default executor down: the job threads are gone when it returns")
    void noThreadLeftAfterRun() {
        long before = liveThreadsNamed("asyncio_");
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(loop.runInExecutor(null, () -> {
                    used.add(Thread.currentThread());
                    Thread.sleep(50);
                }));
            }
            Asyncio.gather(futures).await();
            return null;
        }));
        assertFalse(used.isEmpty());
        for (Thread t : used) {
            assertFalse(t.isAlive(), t + " outlived Asyncio.run");
        }
        long after = liveThreadsNamed("asyncio_");
        assertTrue(after <= before, after + " asyncio_ threads alive, " + before + " before");  // earlier tests' may end meanwhile
    }

    @Test
    @DisplayName("a job that throws: the awaiting coroutine gets that exception (checked ones too)")
    void jobThatThrows() {
        IOException boom = new IOException("disk on fire");
        Object caught = Asyncio.run(Coroutine.of(() -> {
            try {
                Asyncio.getRunningLoop().runInExecutor(null, () -> {
                    throw boom;
                }).await();
                return "no exception";
            } catch (Exception e) {
                return e;  // await rethrows the checked IOException as it is
            }
        }));
        assertSame(boom, caught);
    }

    @Test
    @DisplayName("a job that blocks past close: close returns at once, the late outcome is dropped, the thread then ends")
    void jobBlocksPastClose() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        Future<String> job = loop.runUntilComplete(Coroutine.of(() -> {
            Future<String> f = Asyncio.getRunningLoop().runInExecutor(null, () -> {
                worker[0] = Thread.currentThread();
                started.countDown();
                release.await();
                return "late";
            });
            started.await();
            return f;
        }));
        long t0 = System.nanoTime();
        loop.close();
        assertTrue((System.nanoTime() - t0) / 1e9 < 1.0, "close waited for the job");
        assertTrue(worker[0].isAlive());
        assertFalse(job.done());
        release.countDown();
        worker[0].join(5000);
        assertFalse(worker[0].isAlive(), "the worker did not end after shutdown(wait=False)");
        assertFalse(job.done());
        assertEquals(List.of(), errors);
    }

    @Test
    @DisplayName("cancelling the loop future of a queued job: the job never runs; of a running job: it runs on, outcome dropped")
    void cancelQueuedAndRunningJobs() throws Exception {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPool one = new ThreadPool(1)) {
            Asyncio.run(Coroutine.of(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<String> running = loop.runInExecutor(one, () -> {
                    ran.add("running");
                    started.countDown();
                    release.await();
                    return "dropped";
                });
                Future<String> queued = loop.runInExecutor(one, () -> {
                    ran.add("queued");
                    return "never";
                });
                started.await();
                assertTrue(running.cancel());
                assertTrue(queued.cancel());
                Asyncio.sleep(0);  // the done callbacks that cancel the jobs run (_call_check_cancel)
                release.countDown();
                assertTrue(running.cancelled());
                assertTrue(queued.cancelled());
                return null;
            }));
        }
        assertEquals(List.of("running"), ran);
    }

    @Test
    @DisplayName("after shutdownDefaultExecutor: runInExecutor(null) fails with asyncio's message; a shut down ThreadPool refuses jobs")
    void afterShutdown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.runInExecutor(null, () -> 1).await();
            loop.shutdownDefaultExecutor().await();
            return loop.runInExecutor(null, () -> 2);
        })));
        assertEquals("Executor shutdown has been called", e.getMessage());
        ThreadPool pool = new ThreadPool(2);
        pool.shutdown();
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
        assertEquals("cannot schedule new futures after shutdown", r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
    }

    @Test
    @DisplayName("a given java.util.concurrent executor runs the job; setDefaultExecutor replaces the default and close shuts it down")
    void givenAndDefaultExecutor() {
        ExecutorService custom = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-worker"));
        String name = Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setDefaultExecutor(custom);
            return loop.runInExecutor(null, () -> Thread.currentThread().getName()).await();
        }));
        assertEquals("custom-worker", name);
        assertTrue(custom.isShutdown());
    }

    @Test
    @DisplayName("at exit, as in Python: a running ThreadPool job finishes, then idle pool threads let the JVM end")
    void poolDoesNotHoldTheJvm() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(PoolExitChild.class)).redirectErrorStream(true).start();
        try {
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the JVM did not end: the idle pool held it");
            String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals("main returns\njob done\n", out);
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @DisplayName("ThreadPool without a prefix names threads ThreadPoolExecutor-k_n, as Python does")
    void threadPoolNames() throws Exception {
        try (ThreadPool pool = new ThreadPool(2)) {
            String name = pool.submit(() -> Thread.currentThread().getName()).get();
            assertTrue(name.matches("ThreadPoolExecutor-\\d+_0"), name);
        }
    }

    @Test
    @DisplayName("virtual clock: a job that takes 0.3 s of real time does not make waitFor(job, 5.0) time out, and time moves by about 0.3")
    void virtualClockWaitsForJobs() {
        EventLoop loop = Loops.virtualLoop();
        try {
            double[] elapsed = new double[1];
            String r = loop.runUntilComplete(Coroutine.of(() -> {
                double t0 = loop.time();
                String v = Asyncio.waitFor(loop.runInExecutor(null, () -> {
                    Thread.sleep(300);
                    return "done";
                }), 5.0);
                elapsed[0] = loop.time() - t0;
                return v;
            }));
            assertEquals("done", r);
            assertTrue(elapsed[0] >= 0.25 && elapsed[0] < 5.0, "elapsed " + elapsed[0]);
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("wrapFuture: result, unwrapped exception and cancellation cross from a CompletableFuture to the loop")
    void wrapFutureFromCompletableFuture() {
        EventLoop loop = Loops.virtualLoop();
        try {
            CompletableFuture<String> ok = new CompletableFuture<>();
            CompletableFuture<String> failed = new CompletableFuture<>();
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            IllegalArgumentException bad = new IllegalArgumentException("bad");
            Thread.ofPlatform().start(() -> {
                sleepQuietly(50);
                ok.complete("value");
                failed.completeExceptionally(new CompletionException(bad));
                cancelled.cancel(false);
            });
            Future<String> a = Asyncio.wrapFuture(ok, loop);
            Future<String> b = Asyncio.wrapFuture(failed, loop);
            Future<String> c = Asyncio.wrapFuture(cancelled, loop);
            loop.runUntilComplete(Asyncio.gather(List.of(a, b, c), true));
            assertEquals("value", a.result());
            assertSame(bad, b.exception());
            assertTrue(c.cancelled());
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("wrapFuture: cancelling the loop future cancels the CompletableFuture")
    void wrapFutureCancelPropagates() {
        EventLoop loop = Loops.virtualLoop();
        try {
            CompletableFuture<String> source = new CompletableFuture<>();
            Future<String> wrapped = Asyncio.wrapFuture(source, loop);
            wrapped.cancel();
            loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(0)));
            assertTrue(source.isCancelled());
            assertSame(wrapped, Asyncio.wrapFuture(wrapped));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("runCoroutineThreadsafe from another thread: the result, the exception, and cancel of the returned future cancels the task")
    void runCoroutineThreadsafe() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        try {
            List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> other = new CompletableFuture<>();
            CompletableFuture<Boolean> cancelResult = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    seen.add(Asyncio.runCoroutineThreadsafe(Coroutine.of(() -> "hi"), loop).get(10, TimeUnit.SECONDS));
                    try {
                        Asyncio.runCoroutineThreadsafe(Coroutine.of(() -> {
                            throw new IllegalStateException("inside");
                        }), loop).get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        seen.add(e.getCause().getMessage());
                    }
                    ConcurrentFuture<Object> forever = Asyncio.runCoroutineThreadsafe(Coroutine.of(() -> {
                        try {
                            return loop.createFuture().await();
                        } catch (CancelledError e) {
                            seen.add("task cancelled");
                            throw e;
                        }
                    }), loop);
                    Thread.sleep(100);
                    cancelResult.complete(forever.cancel());
                    other.complete(null);
                } catch (Throwable e) {
                    other.completeExceptionally(e);
                }
            });
            loop.runUntilComplete(Coroutine.of(() -> {
                Asyncio.wrapFuture(other, loop).await();
                Asyncio.sleep(0);
                Asyncio.sleep(0);
                return null;
            }));
            assertEquals(List.of("hi", "inside", "task cancelled"), seen);
            assertTrue(cancelResult.join());
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("runCoroutineThreadsafe on a closed loop: IllegalStateException 'Event loop is closed', as asyncio's RuntimeError")
    void runCoroutineThreadsafeOnClosedLoop() {
        EventLoop loop = Loops.virtualLoop();
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.runCoroutineThreadsafe(Coroutine.of(() -> 1), loop));
        assertEquals("Event loop is closed", e.getMessage());
    }

    @Test
    @DisplayName("ConcurrentFuture: cancel fails once running, as concurrent.futures.Future.cancel")
    void concurrentFutureCancel() {
        ConcurrentFuture<String> f = new ConcurrentFuture<>();
        assertTrue(f.setRunningOrNotifyCancel());
        assertTrue(f.running());
        assertFalse(f.cancel());
        f.complete("x");
        assertFalse(f.running());
        ConcurrentFuture<String> g = new ConcurrentFuture<>();
        assertTrue(g.cancel());
        assertFalse(g.setRunningOrNotifyCancel());
        assertInstanceOf(CompletableFuture.class, g);
        assertNotEquals(f, g);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
