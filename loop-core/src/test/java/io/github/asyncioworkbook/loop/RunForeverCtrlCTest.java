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
 * Ctrl-C while a loop runs with {@code runForever} outside {@link Asyncio#run} (see
 * {@code DefaultIntHandler}): a child JVM runs {@link RunForeverCtrlCChild}, this test sends it a
 * real SIGINT ({@code kill -INT pid}) and checks that it behaves as Python's default SIGINT handler
 * does inside {@code loop.run_forever()}: {@code KeyboardInterrupt} escapes the run, the
 * program's {@code finally} runs (and may run the loop again), and an uncaught one ends the
 * program with a Python traceback and status 130.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class RunForeverCtrlCTest {

    record Outcome(int status, List<String> out, List<String> err) {
    }

    private static Outcome interrupt(String mode) throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(RunForeverCtrlCChild.class, mode)).start();
        try {
            CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(() -> lines(child.getErrorStream()));
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> outLines = new ArrayList<>();
            String wanted = mode.equals("after-run") ? "runForever returned" : "ready";
            String line;
            while ((line = out.readLine()) != null) {
                outLines.add(line);
                if (line.equals(wanted)) {
                    break;
                }
            }
            assertEquals(wanted, line, "the child did not start: " + outLines + " " + err.getNow(null));
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor());
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
    @DisplayName("Ctrl-C in runForever: KeyboardInterrupt escapes it, finally runs the loop again, then a Python traceback and status 130")
    void uncaughtKeyboardInterrupt() throws Exception {
        Outcome o = interrupt("uncaught");
        assertEquals(List.of("ready", "caught KeyboardInterrupt", "finally ran", "clean-up done"), o.out(), String.join("\n", o.err()));
        assertEquals(130, o.status(), String.join("\n", o.err()));
        List<String> err = o.err();
        assertEquals("Traceback (most recent call last):", err.getFirst(), String.join("\n", err));
        assertTrue(err.stream().anyMatch(l -> l.matches("  File \"RunForeverCtrlCChild.java\", line \\d+, in main")), String.join("\n", err));
        assertEquals("KeyboardInterrupt", err.getLast());
    }

    @Test
    @DisplayName("Ctrl-C in runForever, caught by main: the program carries on and exits 0")
    void caughtKeyboardInterrupt() throws Exception {
        Outcome o = interrupt("caught");
        assertEquals(List.of("ready", "caught KeyboardInterrupt", "finally ran", "clean-up done", "main returned"), o.out(),
                String.join("\n", o.err()));
        assertEquals(0, o.status(), String.join("\n", o.err()));
        assertFalse(o.err().contains("KeyboardInterrupt"), String.join("\n", o.err()));
    }

    @Test
    @DisplayName("Ctrl-C while no loop runs: the JVM's own handler is back, the program ends at once with status 130")
    void handlerGivenBackAfterTheRun() throws Exception {
        Outcome o = interrupt("after-run");
        assertEquals(List.of("ready", "runForever returned"), o.out(), String.join("\n", o.err()));
        assertEquals(130, o.status(), String.join("\n", o.err()));
    }
}
