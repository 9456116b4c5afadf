package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.loop.subprocess.Process;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The high-level subprocess API ({@code asyncio.create_subprocess_exec}/{@code _shell} and
 * {@code asyncio.subprocess.Process}) with real children: streams, redirections, {@code wait},
 * {@code communicate}, signals, and the faults of issue 11.
 */
@org.junit.jupiter.api.Timeout(value = 90, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTest {
    private static final Stdio PIPE = Stdio.PIPE;
    private static final Stdio INHERIT = Stdio.INHERIT;

    private static <T> T run(Coroutine.Body<T> body) {
        EventLoop loop = Loops.virtualLoop();
        try {
            return loop.runUntilComplete(Coroutine.of(body));
        } finally {
            loop.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The byte count a StreamReader's repr shows (asyncio's {@code <StreamReader 123 bytes ...>}). */
    private static int buffered(StreamReader r) {
        Matcher m = Pattern.compile("^<StreamReader (\\d+) bytes").matcher(r.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    @DisplayName("PIPE streams: stdin a StreamWriter, stdout and stderr StreamReaders; wait, pid, returncode and repr as asyncio's")
    void streams() {
        List<Object> seen = run(() -> {
            var proc = Asyncio.createSubprocessExec(List.of("sh", "-c", "read x; echo got $x; echo oops >&2; exit 4"),
                    PIPE, PIPE, PIPE);
            List<Object> out = new ArrayList<>();
            out.add(proc.returncode());
            out.add(proc.toString().equals("<Process " + proc.pid() + ">"));
            out.add(proc.pid() == ProcessHandle.current().children().filter(h -> h.pid() == proc.pid()).findFirst().orElseThrow().pid());
            proc.stdin().write(bytes("hello\n"));
            proc.stdin().drain();
            out.add(text(proc.stdout().readline()));
            out.add(text(proc.stderr().readline()));
            out.add(proc.waitForExit());
            out.add(proc.returncode());
            out.add(text(proc.stdout().read()));
            return out;
        });
        assertEquals(Arrays.asList(null, true, true, "got hello\n", "oops\n", 4, 4, ""), seen);
    }

    @Test
    @DisplayName("communicate(input): 1 MB through cat while stderr is read too (no deadlock on full pipes); stdin closed; (stdout, stderr)")
    void communicate() {
        byte[] input = new byte[1 << 20];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) ('a' + i % 26);
        }
        Process.Output out = run(() -> {
            var proc = Asyncio.createSubprocessExec(List.of("sh", "-c", "cat; echo done >&2"), PIPE, PIPE, PIPE);
            var o = proc.communicate(input);
            assertEquals(0, proc.returncode());
            return o;
        });
        assertArrayEquals(input, out.stdout());
        assertEquals("done\n", text(out.stderr()));
    }

    @Test
    @DisplayName("redirections: DEVNULL and inherited streams are null, STDOUT sends stderr into stdout's pipe; communicate gives null for them")
    void redirections() {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            var merged = Asyncio.createSubprocessExec(List.of("sh", "-c", "echo a; echo b >&2"), Stdio.DEVNULL, PIPE, Stdio.STDOUT);
            out.add(merged.stdin() == null && merged.stderr() == null);
            var o = merged.communicate(bytes("ignored"));
            out.add(text(o.stdout()));
            out.add(o.stderr());
            var quiet = Asyncio.createSubprocessShell("echo hidden", INHERIT, Stdio.DEVNULL, INHERIT);
            out.add(quiet.stdout() == null);
            var none = quiet.communicate();
            out.add(none.stdout() == null && none.stderr() == null);
            out.add(quiet.returncode());
            return out;
        });
        assertEquals(Arrays.asList(true, "a\nb\n", null, true, true, 0), seen);
    }

    @Test
    @DisplayName("limit: the readers get it (repr 'limit=8'); a longer line makes readline fail as asyncio's ValueError")
    void limit() {
        List<Object> seen = run(() -> {
            var proc = Asyncio.createSubprocessShell("echo 0123456789abcdef", INHERIT, PIPE, INHERIT, 8);
            var exec = Asyncio.createSubprocessExec(List.of("true"), INHERIT, PIPE, INHERIT, 8);
            List<Object> out = new ArrayList<>();
            out.add(proc.stdout().toString().contains("limit=8") && exec.stdout().toString().contains("limit=8"));
            try {
                proc.stdout().readline();
                out.add("no error");
            } catch (IllegalArgumentException e) {
                out.add("ValueError");
            }
            proc.waitForExit();
            exec.waitForExit();
            return out;
        });
        assertEquals(List.of(true, "ValueError"), seen);
    }

    @Test
    @DisplayName("STDOUT for stdin or stdout is refused, as asyncio: 'STDOUT can only be used for stderr'")
    void stdoutOnlyForStderr() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(() -> Asyncio.createSubprocessExec(List.of("true"), INHERIT, Stdio.STDOUT, INHERIT)));
        assertEquals("STDOUT can only be used for stderr", e.getMessage());
    }

    @Test
    @DisplayName("stdin flow control: drain waits while more than 64 KiB are unwritten and returns at 16 KiB or less")
    void drainWaitsForTheChild() {
        long[] sizes = run(() -> {
            var proc = Asyncio.createSubprocessExec(List.of("sh", "-c", "sleep 0.3; cat > /dev/null"), PIPE, INHERIT, INHERIT);
            proc.stdin().write(new byte[1 << 20]);
            long before = proc.stdin().transport().getWriteBufferSize();
            proc.stdin().drain();
            long after = proc.stdin().transport().getWriteBufferSize();
            proc.stdin().close();
            return new long[] {before, after, proc.waitForExit()};
        });
        assertTrue(sizes[0] > 64 * 1024, "buffered right after write: " + sizes[0]);
        assertTrue(sizes[1] <= 16 * 1024, "buffered after drain: " + sizes[1]);
        assertEquals(0, sizes[2]);
    }

    @Test
    @DisplayName("order, 30 runs: the caller of subprocessExec resumes before the child's data and exit; the data comes before the exit")
    void callerFirstThenDataThenExit() {
        for (int i = 0; i < 30; i++) {
            List<String> events = new ArrayList<>();
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<Void> lost = loop.createFuture();
                loop.subprocessExec(() -> new SubprocessProtocol() {
                    @Override
                    public void connectionMade(SubprocessTransport t) {
                        events.add("made");
                    }

                    @Override
                    public void pipeDataReceived(int fd, byte[] data) {
                        events.add("data " + text(data));
                    }

                    @Override
                    public void processExited() {
                        events.add("exited");
                    }

                    @Override
                    public void connectionLost(Exception exc) {
                        lost.setResult(null);
                    }
                }, List.of("printf", "x"), INHERIT, PIPE, INHERIT);
                events.add("returned");
                lost.await();
                return null;
            });
            assertEquals(List.of("made", "returned", "data x", "exited"), events, "run " + i);
        }
    }

    // --- faults ----------------------------------------------------------------------------------

    @Test
    @DisplayName("a program that does not exist: FileNotFoundException '[Errno 2] No such file or directory: ...'; through the shell: 127")
    void missingProgram() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> run(() -> Asyncio.createSubprocessExec(List.of("no-such-program-4711", "-x"), INHERIT, PIPE, PIPE)));
        assertEquals("[Errno 2] No such file or directory: 'no-such-program-4711'", e.getMessage());
        Process.Output out = run(() -> {
            var proc = Asyncio.createSubprocessShell("no-such-program-4711", INHERIT, PIPE, PIPE);
            var o = proc.communicate();
            assertEquals(127, proc.returncode());
            return o;
        });
        assertTrue(text(out.stderr()).contains("no-such-program-4711"), text(out.stderr()));
    }

    @Test
    @DisplayName("a child that exits at once: communicate with 1 MB of input it never reads ends normally (broken pipe ignored)")
    void exitsAtOnce() {
        Process.Output out = run(() -> {
            var proc = Asyncio.createSubprocessExec(List.of("true"), PIPE, PIPE, PIPE);
            var o = proc.communicate(new byte[1 << 20]);
            assertEquals(0, proc.returncode());
            return o;
        });
        assertEquals(0, out.stdout().length);
        assertEquals(0, out.stderr().length);
    }

    @Test
    @DisplayName("a child killed: kill -9, terminate -15, sendSignal(SIGUSR1) -10; its readers end; once the transport closed, kill is ProcessLookupError")
    void killed() {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            for (int sig : new int[] {Signals.SIGKILL, Signals.SIGTERM, Signals.SIGUSR1}) {
                var proc = Asyncio.createSubprocessExec(List.of("sleep", "30"), INHERIT, PIPE, PIPE);
                if (sig == Signals.SIGKILL) {
                    proc.kill();
                } else if (sig == Signals.SIGTERM) {
                    proc.terminate();
                } else {
                    proc.sendSignal(sig);
                }
                var o = proc.communicate();
                out.add(proc.returncode() + " " + o.stdout().length + " " + o.stderr().length);
                Asyncio.sleep(0.01);  // the transport closes once both pipes have reported their end
                IllegalStateException gone = assertThrows(IllegalStateException.class, proc::kill);
                out.add(gone.getMessage().startsWith("ProcessLookupError"));
            }
            return out;
        });
        assertEquals(List.of("-9 0 0", true, "-15 0 0", true, "-" + Signals.SIGUSR1 + " 0 0", true), seen);
    }

    @Test
    @DisplayName("100 MB to stdout while nobody reads: the child blocks, the reader holds at most 2 x limit + one chunk; communicate then gets all of it with the same bound")
    void hundredMegabytesUnread() {
        int bound = 2 * StreamReader.DEFAULT_LIMIT + 256 * 1024;
        int[] maxBuffered = {0};
        Object[] seen = run(() -> {
            var proc = Asyncio.createSubprocessExec(List.of("head", "-c", "100000000", "/dev/zero"), INHERIT, PIPE, INHERIT);
            Asyncio.sleep(0.5);
            int idle = buffered(proc.stdout());
            Integer stillRunning = proc.returncode();
            EventLoop loop = Asyncio.getRunningLoop();
            boolean[] done = {false};
            Callback[] sample = new Callback[1];
            sample[0] = () -> {
                maxBuffered[0] = Math.max(maxBuffered[0], buffered(proc.stdout()));
                if (!done[0]) {
                    loop.callLater(0.001, sample[0]);
                }
            };
            loop.callSoon(sample[0]);
            var o = proc.communicate();
            done[0] = true;
            return new Object[] {idle, stillRunning, o.stdout().length, proc.returncode()};
        });
        assertTrue((int) seen[0] > 0 && (int) seen[0] <= bound, "buffered while nobody reads: " + seen[0]);
        assertNull(seen[1], "the child should still be blocked on its full pipe");
        assertEquals(100_000_000, seen[2]);
        assertEquals(0, seen[3]);
        assertTrue(maxBuffered[0] <= bound, "buffered during communicate: " + maxBuffered[0]);
    }

    private static boolean reaped(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!Files.exists(Path.of("/proc/" + pid))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    @DisplayName("closing the loop with a child running: debug mode logs asyncio's 'Close running child process: kill ...', then the watcher's 'Loop ... that handles pid N is closed'; the child is killed and reaped (no zombie)")
    void closeLoopWithChildRunning() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        EventLoop loop = Loops.virtualLoop();
        loop.setDebug(true);
        long pid = loop.runUntilComplete(Coroutine.of(
                () -> Asyncio.createSubprocessExec(List.of("sleep", "30"), PIPE, PIPE, INHERIT).pid()));
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String watcher = "Loop " + loop.toString().replace("closed=False", "closed=True") + " that handles pid " + pid + " is closed";
        try {
            loop.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!err.toString(StandardCharsets.UTF_8).contains(watcher) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            System.setErr(saved);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.startsWith("Close running child process: kill <SubprocessTransport closed pid=" + pid + " running stdin="), log);
        assertTrue(log.contains("\n" + watcher + "\n"), log);
        assertTrue(reaped(pid), "child " + pid + " is still in /proc (running or a zombie)");
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    @Test
    @DisplayName("a killed shell whose grandchild keeps stdout open: closing the loop frees this end's descriptors at once; the pipe thread ends, at the latest with the grandchild")
    void grandchildKeepsPipeOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")));
        var fdsBefore = Net.openFds();
        long[] pids = run(() -> {
            var proc = Asyncio.createSubprocessShell("sleep 30 & echo $!; wait", INHERIT, PIPE, INHERIT);
            long grandchild = Long.parseLong(text(proc.stdout().readline()).trim());
            proc.kill();
            assertEquals(-9, proc.waitForExit());
            return new long[] {proc.pid(), grandchild};
        });
        try {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Net.fdsOpenedSince(fdsBefore).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Net.assertNoFdLeft(fdsBefore, "file descriptors left open");
        } finally {
            ProcessHandle.of(pids[1]).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (threadAlive("subprocess-" + pids[0] + "-stdout") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(!threadAlive("subprocess-" + pids[0] + "-stdout"), "pipe thread left after the grandchild ended");
    }

    /**
     * Live platform threads, without the pools the JDK and JUnit manage themselves: the JDK's
     * "process reaper" keeps one thread per child being waited for, the fork-join pools (common
     * pool, virtual-thread carriers) grow with load, and their idle threads linger for a while
     * whoever used them.
     */
    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !selfManagedPool(t.getName())).count();
    }

    private static boolean selfManagedPool(String name) {
        return name.startsWith("process reaper") || name.startsWith("ForkJoinPool") || name.startsWith("VirtualThread-")
                || name.startsWith("junit-");
    }

    private static long childProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @Test
    @DisplayName("nothing left after close: file descriptors (/proc/self/fd), threads and child processes are back to their counts before")
    void nothingLeftAfterClose() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")));
        List<Long> pids = new ArrayList<>();
        scenario(pids);  // warm-up: classes loaded, the JDK's own pools started
        var fdsBefore = Net.openFds();
        long threadsBefore = liveThreads();
        long childrenBefore = childProcesses();
        for (int round = 0; round < 3; round++) {
            scenario(pids);
        }
        for (long pid : pids) {
            assertTrue(reaped(pid), "child " + pid + " still there");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((!Net.fdsOpenedSince(fdsBefore).isEmpty() || liveThreads() > threadsBefore || childProcesses() > childrenBefore)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Only what this test opened counts: what earlier tests left ending may be gone by now.
        Net.assertNoFdLeft(fdsBefore, "file descriptors left open");
        assertTrue(liveThreads() <= threadsBefore, "threads left: " + Thread.getAllStackTraces().keySet());
        assertTrue(childProcesses() <= childrenBefore, "child processes left");
        assertEquals(12, pids.size());
    }

    /** One loop: a child talked to, one killed, one left running when the loop closes. */
    private static void scenario(List<Long> pids) {
        run(() -> {
            var talk = Asyncio.createSubprocessExec(List.of("cat"), PIPE, PIPE, PIPE);
            pids.add(talk.pid());
            assertEquals("x", text(talk.communicate(bytes("x")).stdout()));
            var killed = Asyncio.createSubprocessShell("exec sleep 30", PIPE, PIPE, PIPE);
            pids.add(killed.pid());
            killed.kill();
            killed.waitForExit();
            var running = Asyncio.createSubprocessExec(List.of("sleep", "30"), PIPE, PIPE, PIPE);
            pids.add(running.pid());
            return null;  // the loop closes with the last child still running
        });
    }
}
