package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reports of objects the JVM collects in the wrong state: never-awaited coroutines
 * ({@code RuntimeWarning}), unclosed loops and transports ({@code ResourceWarning}). They run in one
 * child JVM ({@link CollectedObjectsChild}) so that no other test's garbage shows up in the output.
 * CONFORMANCE.md C52, C53.
 */
class CollectedObjectsTest {
    private static String stderr;
    private static String stdout;

    @BeforeAll
    static void runChild() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(CollectedObjectsChild.class)).start();
        child.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(child.getErrorStream()));
        stdout = read(child.getInputStream());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not finish");
        stderr = err.get();
        assertEquals(0, child.exitValue(), "child failed:\n" + stdout + stderr);
        assertEquals(List.of("peer saw EOF", "done"), stdout.lines().toList(), stderr);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> warnings() {
        return stderr.lines().filter(l -> l.contains("Warning: ")).toList();
    }

    @Test
    @DisplayName("C54: a coroutine collected before it started: RuntimeWarning: coroutine 'name' was never awaited, once")
    void neverAwaitedCoroutines() {
        for (String name : List.of("forgottenOutsideLoop", "forgottenHelper", "forgottenInDebug", "forgottenWithoutDebug")) {
            assertEquals(1, warnings().stream()
                    .filter(l -> l.equals("RuntimeWarning: coroutine '" + name + "' was never awaited")).count(), name + " in\n" + stderr);
        }
    }

    @Test
    @DisplayName("C54: a coroutine dropped by a running loop's task is reported while the loop still runs, not only when it closes")
    void reportedWhileTheLoopRuns() {
        int warning = stderr.indexOf("RuntimeWarning: coroutine 'forgottenWhileRunning' was never awaited");
        int end = stderr.indexOf("--- longMain ends");
        assertTrue(warning >= 0 && end > warning, stderr);
    }

    @Test
    @DisplayName("C54: coroutines that ran, ran in a task, or were closed before starting are not reported")
    void consumedCoroutinesAreQuiet() {
        for (String name : List.of("awaitedMain", "closedBeforeStart", "debugMain", "taskRan", "quietMain", "longMain")) {
            assertFalse(stderr.contains("'" + name + "'"), name + " in\n" + stderr);
        }
    }

    @Test
    @DisplayName("C54: in debug mode the warning says where the coroutine was created, most recent call last; otherwise it does not")
    void debugModeRecordsTheOrigin() {
        String[] lines = stderr.split("\n");
        int at = java.util.Arrays.asList(lines).indexOf("RuntimeWarning: coroutine 'forgottenInDebug' was never awaited");
        assertTrue(at >= 0, stderr);
        assertEquals("Coroutine created at (most recent call last)", lines[at + 1]);
        List<String> frames = java.util.Arrays.stream(lines, at + 2, lines.length).takeWhile(l -> l.startsWith("  File ")).toList();
        assertTrue(frames.getLast().matches("  File \"CollectedObjectsChild\\.java\", line \\d+, in CollectedObjectsChild\\.lambda\\$dropCoroutines\\$.*"),
                "most recent call last: " + frames);
        assertTrue(frames.stream().allMatch(f -> f.contains("CollectedObjectsChild")), "loop-core's and the JDK's frames are left out: " + frames);
        if (System.getProperty("loopcore.runner", "continuation").equals("continuation")) {
            // the body runs on the loop's thread: the stack goes back to main, which ran the loop
            assertEquals(List.of("main", "dropCoroutines"), frames.subList(0, 2).stream()
                    .map(f -> f.substring(f.lastIndexOf('.') + 1)).toList(), frames.toString());
        }
        assertEquals(1, stderr.split("Coroutine created at", -1).length - 1, "only the coroutine made under a debug loop has an origin:\n" + stderr);
    }

    @Test
    @DisplayName("C55: a loop collected unclosed: ResourceWarning: unclosed event loop <EventLoop ... debug=True ...>; a closed one is quiet")
    void unclosedLoop() {
        List<String> loops = warnings().stream().filter(l -> l.contains("unclosed event loop")).toList();
        assertEquals(List.of("ResourceWarning: unclosed event loop <EventLoop running=False closed=False debug=True clock=virtual>"),
                loops.stream().filter(l -> l.contains("clock=virtual")).toList(), stderr);
        assertEquals(List.of("ResourceWarning: unclosed event loop <EventLoop running=False closed=False debug=False clock=real>"),
                loops.stream().filter(l -> l.contains("clock=real")).toList(),
                "only the loop abandoned with an open transport; the others were closed:\n" + stderr);
    }

    @Test
    @DisplayName("C55: a socket transport collected unclosed is reported with where it was made (debug), and its socket is closed; "
            + "one whose loop was abandoned unclosed is reported too")
    void unclosedSocketTransport() {
        String[] lines = stderr.split("\n");
        List<Integer> reports = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("ResourceWarning: unclosed transport <SocketTransport sockname=\\('127\\.0\\.0\\.1', \\d+\\) "
                    + "peername=\\('127\\.0\\.0\\.1', \\d+\\)>")) {
                reports.add(i);
            }
        }
        assertEquals(2, reports.size(), stderr);
        List<Integer> withOrigin = reports.stream().filter(i -> i + 1 < lines.length && lines[i + 1].startsWith("Object allocated at")).toList();
        assertEquals(1, withOrigin.size(), "only the transport made in debug mode says where:\n" + stderr);
        int at = withOrigin.getFirst();
        assertEquals("Object allocated at (most recent call last):", lines[at + 1]);
        assertTrue(java.util.Arrays.stream(lines, at + 2, lines.length).takeWhile(l -> l.startsWith("  File "))
                .anyMatch(l -> l.contains("dropSocketTransport")), stderr);
        // runChild checked that the peer then read end of file: the cleaner closed the channel
    }

    @Test
    @DisplayName("C55: a subprocess transport collected unclosed: unclosed transport <SubprocessTransport pid=N returncode=0>; a closed one is quiet")
    void unclosedSubprocessTransport() {
        List<String> reported = warnings().stream().filter(l -> l.contains("<SubprocessTransport")).toList();
        assertEquals(1, reported.size(), stderr);
        assertTrue(reported.get(0).matches("ResourceWarning: unclosed transport <SubprocessTransport pid=\\d+ returncode=0>"), reported.get(0));
    }

    @Test
    @DisplayName("C55: ResourceWarnings are ignored unless a filter shows them, as in Python; -Dloopcore.warnings sets every category")
    void filters() {
        String saved = System.getProperty(Warnings.PROPERTY);
        try {
            System.clearProperty(Warnings.PROPERTY);
            Warnings.resetFilters();
            assertFalse(Warnings.isShown(Warnings.Category.RESOURCE_WARNING));
            assertTrue(Warnings.isShown(Warnings.Category.RUNTIME_WARNING));
            Warnings.simplefilter(Warnings.Action.ALWAYS, Warnings.Category.RESOURCE_WARNING);
            assertTrue(Warnings.isShown(Warnings.Category.RESOURCE_WARNING));
            System.setProperty(Warnings.PROPERTY, "ignore");
            Warnings.resetFilters();
            assertFalse(Warnings.isShown(Warnings.Category.RUNTIME_WARNING));
            System.setProperty(Warnings.PROPERTY, "sometimes");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, Warnings::resetFilters);
            assertTrue(e.getMessage().contains(Warnings.PROPERTY) && e.getMessage().contains("sometimes"), e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(Warnings.PROPERTY);
            } else {
                System.setProperty(Warnings.PROPERTY, saved);
            }
            Warnings.resetFilters();
        }
    }
}
