package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dloopcore.trace=FILE} in a program of its own (a child JVM). */
class TraceSwitchTest {
    /** The program the child JVM runs. */
    public static final class Program {
        public static void main(String[] args) {
            EventLoop loop = new EventLoop(new Clock.Virtual());
            loop.runUntilComplete(Coroutine.named("main", () -> {
                System.out.println("hello from main");
                Asyncio.sleep(1);
                System.err.println("after a second");
                return null;
            }));
            loop.close();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(location(EventLoop.class) + File.pathSeparator + location(Program.class));
        command.addAll(List.of(properties));
        command.add(Program.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM ended");
        return new Run(p.exitValue(), output);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    @DisplayName("-Dloopcore.trace=FILE writes a valid trace at exit with the program's output lines and their source lines; the output itself is unchanged")
    void writesTheTraceAtExit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.trace.json");
        Run traced = run("-D" + TraceEventWriter.PROPERTY + "=" + file);
        Run plain = run();
        assertEquals(0, traced.exit(), traced.output());
        assertEquals("hello from main\nafter a second\n", traced.output());
        assertEquals(plain.output(), traced.output());

        List<JsonNode> events = TraceEventWriterTest.validEvents(Files.readString(file));
        List<JsonNode> prints = TraceEventWriterTest.select(events, TraceEventWriterTest.ph("i", "print"));
        assertEquals(List.of("stdout hello from main TraceSwitchTest.java:26", "stderr after a second TraceSwitchTest.java:28"),
                prints.stream().map(e -> e.path("args").path("stream").asText() + " " + e.path("args").path("text").asText() + " "
                        + e.path("args").path("file").asText() + ":" + e.path("args").path("line").asInt()).toList());
        assertEquals(List.of(1, 3), prints.stream().map(e -> e.path("args").path("step").asInt()).toList(),
                "step 1 is main's first step, callback 2 the timer, step 3 main's second step");
    }

    @Test
    @DisplayName("without the property no trace is written; a folder that does not exist is an error naming the property")
    void offAndBadValue(@TempDir Path dir) throws Exception {
        Run plain = run();
        assertEquals(0, plain.exit());
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
        Run bad = run("-D" + TraceEventWriter.PROPERTY + "=" + dir.resolve("missing/run.json"));
        assertTrue(bad.exit() != 0);
        assertTrue(bad.output().contains("system property loopcore.trace is '" + dir.resolve("missing/run.json")
                + "'; the folder it names, " + dir.resolve("missing") + ", does not exist"), bad.output());
    }
}
