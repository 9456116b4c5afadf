package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code loop.subprocess_exec}/{@code subprocess_shell} with real children: the protocol's call
 * order, stdin, return codes, faults, flow control, and nothing left behind after close.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class SubprocessTest {

    /** Records every protocol call; collects data per fd. */
    static class Recorder implements SubprocessProtocol {
        final List<String> events = new ArrayList<>();
        final Map<Integer, ByteArrayOutputStream> data = new TreeMap<>();
        final Future<Void> lost;
        SubprocessTransport transport;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(SubprocessTransport t) {
            transport = t;
            events.add("connectionMade");
        }

        @Override
        public void pipeDataReceived(int fd, byte[] bytes) {
            data.computeIfAbsent(fd, k -> new ByteArrayOutputStream()).writeBytes(bytes);
        }

        @Override
        public void pipeConnectionLost(int fd, Exception exc) {
            events.add("pipeConnectionLost " + fd + " " + exc);
        }

        @Override
        public void processExited() {
            events.add("processExited " + transport.getReturncode());
        }

        @Override
        public void connectionLost(Exception exc) {
            events.add("connectionLost " + exc);
            lost.setResult(null);
        }

        String text(int fd) {
            ByteArrayOutputStream b = data.get(fd);
            return b == null ? "" : b.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean endsWithin(long pid, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    @DisplayName("protocol order: connectionMade first, each pipe lost once, processExited once, connectionLost last; data per fd")
    void protocolOrder() {
        EventLoop loop = Loops.virtualLoop();
        try {
            Recorder r = loop.runUntilComplete(Coroutine.of(() -> {
                var c = loop.subprocessShell(() -> new Recorder(loop), "printf hello; printf oops >&2");
                c.protocol().lost.await();
                return c.protocol();
            }));
            assertEquals("hello", r.text(1));
            assertEquals("oops", r.text(2));
            assertEquals("connectionMade", r.events.get(0));
            assertEquals("connectionLost null", r.events.get(r.events.size() - 1));
            assertEquals(6, r.events.size(), r.events.toString());
            assertTrue(r.events.containsAll(List.of("pipeConnectionLost 0 null", "pipeConnectionLost 1 null",
                    "pipeConnectionLost 2 null", "processExited 0")), r.events.toString());
            // CPython 3.11.7 reports stdin's end before the exit (the child's death closes it).
            assertTrue(r.events.indexOf("pipeConnectionLost 0 null") < r.events.indexOf("processExited 0"), r.events.toString());
            assertEquals(0, r.transport.getReturncode());
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("stdin: what is written reaches the child, closing it ends the child's input (cat)")
    void stdinPipe() {
        EventLoop loop = Loops.virtualLoop();
        try {
            Recorder r = loop.runUntilComplete(Coroutine.of(() -> {
                var c = loop.subprocessExec(() -> new Recorder(loop), List.of("cat"));
                SubprocessPipe stdin = c.transport().getPipeTransport(0);
                stdin.write("abc\n".getBytes(StandardCharsets.UTF_8));
                stdin.write("def\n".getBytes(StandardCharsets.UTF_8));
                stdin.close();
                assertEquals(0, c.transport().waitForExit());
                c.protocol().lost.await();
                return c.protocol();
            }));
            assertEquals("abc\ndef\n", r.text(1));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("a program that does not exist: FileNotFoundException '[Errno 2] No such file or directory: ...', as Python's")
    void missingProgram() {
        EventLoop loop = Loops.virtualLoop();
        try {
            FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> loop.runUntilComplete(Coroutine.of(
                    () -> loop.subprocessExec(() -> new Recorder(loop), List.of("no-such-program-4711")))));
            assertEquals("[Errno 2] No such file or directory: 'no-such-program-4711'", e.getMessage());
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("return codes: a child that exits at once (0, 3); killed or terminated by the transport (-9, -15); killed from outside (137)")
    void returnCodes() {
        EventLoop loop = Loops.virtualLoop();
        try {
            List<Integer> codes = loop.runUntilComplete(Coroutine.of(() -> {
                List<Integer> out = new ArrayList<>();
                out.add(loop.subprocessExec(() -> new Recorder(loop), List.of("true")).transport().waitForExit());
                out.add(loop.subprocessShell(() -> new Recorder(loop), "exit 3").transport().waitForExit());
                var killed = loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30")).transport();
                killed.kill();
                out.add(killed.waitForExit());
                var terminated = loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30")).transport();
                terminated.terminate();
                out.add(terminated.waitForExit());
                var outside = loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30")).transport();
                new ProcessBuilder("kill", "-9", Long.toString(outside.getPid())).start().waitFor();
                out.add(outside.waitForExit());
                return out;
            }));
            assertEquals(List.of(0, 3, -9, -15, 137), codes);
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("100 MB to stdout while reading is paused: the child blocks, at most one chunk is held; resumed, all 100 MB arrive")
    void flowControlBoundsMemory() {
        EventLoop loop = Loops.virtualLoop();
        try {
            long[] received = {0};
            long[] whilePaused = {-1};
            boolean[] aliveWhilePaused = {false};
            int code = loop.runUntilComplete(Coroutine.of(() -> {
                var c = loop.subprocessExec(() -> new SubprocessProtocol() {
                    @Override
                    public void connectionMade(SubprocessTransport t) {
                        t.getPipeTransport(1).pauseReading();
                    }

                    @Override
                    public void pipeDataReceived(int fd, byte[] data) {
                        received[0] += data.length;
                    }
                }, List.of("head", "-c", "100000000", "/dev/zero"), Stdio.DEVNULL, Stdio.PIPE, Stdio.DEVNULL);
                Asyncio.sleep(0.5);
                whilePaused[0] = received[0];
                aliveWhilePaused[0] = c.transport().getReturncode() == null;
                c.transport().getPipeTransport(1).resumeReading();
                return c.transport().waitForExit();
            }));
            assertEquals(0, code);
            assertTrue(whilePaused[0] <= 256 * 1024, "delivered while paused: " + whilePaused[0]);
            assertTrue(aliveWhilePaused[0], "the child should block on the full pipe");
            loop.runUntilComplete(Coroutine.of(() -> {
                while (received[0] < 100_000_000L) {
                    Asyncio.sleep(0.05);
                }
                return null;
            }));
            assertEquals(100_000_000L, received[0]);
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("no file descriptor, process or pipe thread is left after 20 children (finished, killed, left running at close)")
    void nothingLeftBehind() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd")));
        var fdsBefore = Net.openFds();
        long threadsBefore = liveThreadsNamed("subprocess-");
        List<Long> pids = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            EventLoop loop = Loops.virtualLoop();
            loop.runUntilComplete(Coroutine.of(() -> {
                for (int i = 0; i < 3; i++) {
                    var c = loop.subprocessShell(() -> new Recorder(loop), "echo out; echo err >&2");
                    pids.add(c.transport().getPid());
                    c.protocol().lost.await();
                }
                var killed = loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30"));
                pids.add(killed.transport().getPid());
                killed.transport().kill();
                killed.protocol().lost.await();
                pids.add(loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30")).transport().getPid());
                return null;
            }));
            loop.close();  // the last child is still running
        }
        for (long pid : pids) {
            assertTrue(endsWithin(pid, 5), "child " + pid + " still there");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((!Net.fdsOpenedSince(fdsBefore).isEmpty() || liveThreadsNamed("subprocess-") > threadsBefore)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // At most as many as before: what earlier tests left closing may be gone by now.
        assertTrue(liveThreadsNamed("subprocess-") <= threadsBefore, "pipe threads left");
        Net.assertNoFdLeft(fdsBefore, "file descriptors left open");
        assertEquals(20, pids.size());
    }

    @Test
    @DisplayName("closing the loop with a child running: the child is killed and reaped, its pipe threads end, debug mode warns as asyncio")
    void closeLoopWithRunningChild() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        loop.setDebug(true);
        long pid = loop.runUntilComplete(Coroutine.of(
                () -> loop.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30")).transport().getPid()));
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            loop.close();
        } finally {
            System.setErr(saved);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.startsWith("Close running child process: kill <SubprocessTransport closed pid=" + pid + " running"), log);
        assertTrue(endsWithin(pid, 5), "child " + pid + " still there");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (liveThreadsNamed("subprocess-" + pid + "-") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, liveThreadsNamed("subprocess-" + pid + "-"));
        assertFalse(ProcessHandle.current().children().anyMatch(h -> h.pid() == pid));
    }
}
