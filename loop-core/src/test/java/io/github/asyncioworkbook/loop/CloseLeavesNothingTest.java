package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's closing rule, counted: after a loop that used a default executor (a job that throws,
 * one that blocks past close), a signal handler that throws, a child process and a coroutine
 * submitted from another thread is closed, no file descriptor, thread or child process of its own
 * is left.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CloseLeavesNothingTest {

    /** Platform threads, without pools the JDK and JUnit size themselves (see ProcessTest.liveThreads). */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()).map(Thread::getName)
                .filter(n -> !n.startsWith("process reaper") && !n.startsWith("ForkJoinPool") && !n.startsWith("VirtualThread-")
                        && !n.startsWith("junit-"))
                .count();
    }

    private static long children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    /** One loop that uses every outside door, closed with work still outstanding. */
    private static List<Object> useEverythingThenClose(CountDownLatch releaseBlockedJob) throws Exception {
        EventLoop loop = Loops.virtualLoop();
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        List<Object> seen = new ArrayList<>();
        CountDownLatch blockedStarted = new CountDownLatch(1);
        Future<Void> handled = loop.createFuture();
        loop.addSignalHandler(Signals.SIGUSR1, () -> {
            loop.callSoon(() -> handled.setResult(null));
            throw new IllegalStateException("handler failed");
        });
        loop.runUntilComplete(Coroutine.of(() -> {
            EventLoop running = Asyncio.getRunningLoop();
            try {
                running.runInExecutor(null, () -> {
                    throw new IOException("job failed");
                }).await();
            } catch (Exception e) {  // the job's checked exception, rethrown as it was
                seen.add(e instanceof IOException ? e.getMessage() : e);
            }
            running.runInExecutor(null, () -> {
                blockedStarted.countDown();
                releaseBlockedJob.await();
                return null;
            });
            blockedStarted.await();
            Signals.raiseSignal(Signals.SIGUSR1);
            Asyncio.waitFor(handled, 10.0);
            var proc = Asyncio.createSubprocessExec(List.of("sleep", "30"), Stdio.PIPE, Stdio.PIPE, Stdio.PIPE);
            seen.add(proc.returncode());
            ConcurrentFuture<?>[] fromThread = new ConcurrentFuture<?>[1];
            Thread t = Thread.ofPlatform().start(() -> fromThread[0] = Asyncio.runCoroutineThreadsafe(
                    Coroutine.of(() -> Asyncio.sleep(0.01, "from another thread")), running));
            t.join();
            seen.add(Asyncio.wrapFuture(fromThread[0]).await());
            return null;
        }));
        loop.close();  // the blocked job and the child are still running
        seen.add(errors.size());
        return seen;
    }

    @Test
    @DisplayName("after close: file descriptors, threads and child processes are back to their counts before (executor, signal, child, other thread)")
    void nothingLeft() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")));
        CountDownLatch warmUp = new CountDownLatch(1);
        warmUp.countDown();
        useEverythingThenClose(warmUp);  // classes loaded, the JDK's own pools started
        var fdsBefore = Net.openFds();
        long threadsBefore = threads();
        long childrenBefore = children();
        CountDownLatch release = new CountDownLatch(1);
        List<Object> seen = useEverythingThenClose(release);
        assertEquals(java.util.Arrays.asList("job failed", null, "from another thread", 1), seen);
        release.countDown();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((!Net.fdsOpenedSince(fdsBefore).isEmpty() || threads() > threadsBefore || children() > childrenBefore) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Net.assertNoFdLeft(fdsBefore, "file descriptors left open");
        assertTrue(threads() <= threadsBefore, "threads left: " + Thread.getAllStackTraces().keySet());
        assertTrue(children() <= childrenBefore, "child processes left");
    }
}
