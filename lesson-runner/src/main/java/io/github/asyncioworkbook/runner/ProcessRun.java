package io.github.asyncioworkbook.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one command with stdout and stderr merged, a timeout, and a kill of the whole process
 * tree when the timeout passes.
 */
final class ProcessRun {

    /** Output kept per run; beyond it the rest is read and dropped, so a runaway lesson cannot exhaust memory. */
    static final int MAX_OUTPUT_BYTES = 8 << 20;
    /** Appended to output cut at {@link #MAX_OUTPUT_BYTES}. */
    static final String TRUNCATED = "\n[... output truncated after 8 MiB ...]\n";

    /** How long to wait for the output pipe to drain once the process has ended. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** What a command did. */
    record Outcome(int exitCode, String output, Duration elapsed, boolean timedOut) {
    }

    private ProcessRun() {
    }

    static Outcome run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(); // its methods are synchronized
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close(); // lessons read no input
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        Thread reader = Thread.ofVirtual().name("output-" + process.pid()).start(() -> copy(process.getInputStream(), buffer));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exitCode;
        if (finished) {
            exitCode = process.exitValue();
        } else {
            killTree(process);
            exitCode = awaitExit(process);
        }
        try {
            reader.join(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        if (buffer.size() >= MAX_OUTPUT_BYTES) {
            output += TRUNCATED;
        }
        return new Outcome(exitCode, output, elapsed, !finished);
    }

    /** Kills the process and everything it started (children first, as they would be orphaned). */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static int awaitExit(Process process) {
        try {
            return process.waitFor(DRAIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int room = MAX_OUTPUT_BYTES - out.size();
                if (room > 0) {
                    out.write(chunk, 0, Math.min(n, room));
                }
            }
        } catch (IOException e) {
            // the pipe closed under us (process killed): keep what arrived
        }
    }
}
