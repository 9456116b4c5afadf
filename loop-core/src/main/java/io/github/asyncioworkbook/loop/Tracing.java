package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@value TraceEventWriter#PROPERTY} switch: when the property names a file, the first loop
 * made creates one process-wide {@link TraceEventWriter}, captures {@code System.out} and
 * {@code System.err} through it, and writes the trace to the file when the JVM exits; every loop
 * made afterwards is recorded too. Without the property nothing is installed.
 */
final class Tracing {
    private static TraceEventWriter processWriter;

    private Tracing() {
    }

    /** Called by every new loop. */
    static void attachIfRequested(EventLoop loop) {
        String value = System.getProperty(TraceEventWriter.PROPERTY);
        if (value == null || value.isBlank()) {
            return;
        }
        writerFor(value).record(loop);
    }

    private static synchronized TraceEventWriter writerFor(String value) {
        if (processWriter == null) {
            Path file = Path.of(value.strip()).toAbsolutePath();
            Path folder = file.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("system property " + TraceEventWriter.PROPERTY + " is '" + value
                        + "'; the folder it names, " + folder + ", does not exist");
            }
            TraceEventWriter writer = new TraceEventWriter();
            System.setOut(writer.capture(System.out, "stdout"));
            System.setErr(writer.capture(System.err, "stderr"));
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("loopcore-trace").unstarted(() -> {
                try {
                    writer.writeTo(file);
                } catch (IOException e) {
                    System.err.println("loop-core: cannot write the trace to " + file + " ("
                            + TraceEventWriter.PROPERTY + "): " + e);
                }
            }));
            processWriter = writer;
        }
        return processWriter;
    }
}
