package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code run_in_executor} with a process pool of child JVMs. */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessPoolTest {

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static int fail(String message) {
        throw new IllegalArgumentException(message);
    }

    @Test
    @DisplayName("jobs run in child processes with their own pids; exceptions come back; shutdown ends the children")
    void jobsRunInChildren() throws Exception {
        ProcessPool pool = new ProcessPool(2);
        EventLoop loop = Loops.virtualLoop();
        try {
            List<Object> out = loop.runUntilComplete(Coroutine.of(() -> {
                List<Future<Long>> pids = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    pids.add(loop.runInExecutor(pool, ProcessPool.job(ProcessPoolTest::pid)));
                }
                List<Object> r = new ArrayList<>();
                for (Future<Long> f : pids) {
                    r.add(f.await());
                }
                try {
                    loop.runInExecutor(pool, ProcessPool.job(() -> fail("from the child"))).await();
                } catch (IllegalArgumentException e) {
                    r.add(e.getMessage());
                }
                return r;
            }));
            Set<Object> childPids = new HashSet<>(out.subList(0, 4));
            assertTrue(childPids.size() >= 1 && childPids.size() <= 2, out.toString());
            assertTrue(new HashSet<>(pool.pids()).containsAll(childPids), out + " vs " + pool.pids());
            assertTrue(!childPids.contains(pid()));
            assertEquals("from the child", out.get(4));
            IllegalArgumentException notSerializable = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(Coroutine.of(() -> loop.runInExecutor(pool, () -> 1))));
            assertTrue(notSerializable.getMessage().contains("must be serializable"), notSerializable.getMessage());
        } finally {
            loop.close();
            pool.shutdown();
        }
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS), "children still running: " + pool.pids());
        for (long p : pool.pids()) {
            assertNotEquals(true, ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
