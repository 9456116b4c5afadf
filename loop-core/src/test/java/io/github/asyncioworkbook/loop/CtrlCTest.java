package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C end to end: a child JVM runs {@link CtrlCChild} under {@link Asyncio#run}, this test sends
 * it a real SIGINT ({@code kill -INT pid}) and checks what CPython 3.11's runner does: the main task
 * is cancelled, its {@code finally} runs, the program prints a traceback ending in
 * {@code KeyboardInterrupt} and exits with status 130; a second Ctrl-C ends a slow clean-up.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CtrlCTest {

    /** A finished child: its exit status and output lines. */
    record Outcome(int status, List<String> out, List<String> err) {
    }

    /** Starts the child, waits for {@code ready}, sends SIGINT {@code interrupts} times, 0.5 s apart. */
    private static Outcome interrupt(String mode, int interrupts) throws Exception {
        List<String> command = ChildJvm.command(CtrlCChild.class, mode);
        Process child = new ProcessBuilder(command).start();
        try {
            CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(() -> lines(child.getErrorStream()));
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> outLines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                outLines.add(line);
            }
            assertEquals("ready", line, "the child did not start: " + outLines + " " + err.getNow(null));
            for (int i = 0; i < interrupts; i++) {
                if (i > 0) {
                    Thread.sleep(500);
                }
                int kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor();
                assertEquals(0, kill);
            }
            while ((line = out.readLine()) != null) {
                outLines.add(line);
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not end after SIGINT");
            return new Outcome(child.exitValue(), outLines, err.get(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<String> lines(java.io.InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("Ctrl-C: the main task is cancelled, finally runs, a Python traceback ends in KeyboardInterrupt, exit status 130")
    void firstCtrlCCancelsMainTask() throws Exception {
        Outcome o = interrupt("finally", 1);
        assertEquals(List.of("main cancelled", "finally ran"), o.out());
        assertEquals(130, o.status(), String.join("\n", o.err()));
        List<String> err = o.err();
        assertEquals("Traceback (most recent call last):", err.get(0), String.join("\n", err));
        assertTrue(err.contains("asyncio.exceptions.CancelledError"), String.join("\n", err));
        assertTrue(err.contains("During handling of the above exception, another exception occurred:"), String.join("\n", err));
        assertTrue(err.stream().anyMatch(l -> l.matches("  File \"CtrlCChild.java\", line \\d+, in main")), String.join("\n", err));
        assertEquals("KeyboardInterrupt", err.get(err.size() - 1));
    }

    @Test
    @DisplayName("Ctrl-C twice: the second ends a clean-up that awaits, with KeyboardInterrupt and status 130")
    void secondCtrlCForces() throws Exception {
        Outcome o = interrupt("slow-cleanup", 2);
        assertEquals(List.of("main cancelled", "finally ran", "cleanup started"), o.out());
        assertEquals(130, o.status(), String.join("\n", o.err()));
        assertEquals("KeyboardInterrupt", o.err().get(o.err().size() - 1));
    }

    @Test
    @DisplayName("Ctrl-C three times while a finally blocks the loop's thread: the third ends the JVM at once, status 130")
    void thirdCtrlCEndsAStuckProgram() throws Exception {
        long start = System.nanoTime();
        Outcome o = interrupt("stuck", 3);
        assertEquals(List.of("main cancelled", "finally ran", "blocking the loop"), o.out());
        assertEquals(130, o.status(), String.join("\n", o.err()));
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "the program ran on instead of ending");
    }

    @Test
    @DisplayName("Ctrl-C taken back by the main task (it catches CancelledError and returns): run returns, status 0")
    void cancellationSwallowed() throws Exception {
        Outcome o = interrupt("swallow", 1);
        assertEquals(List.of("main cancelled", "finally ran", "run returned swallowed"), o.out());
        assertEquals(0, o.status(), String.join("\n", o.err()));
        assertFalse(o.err().contains("KeyboardInterrupt"));
    }
}
