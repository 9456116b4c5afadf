package io.github.asyncioworkbook.difftest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs rendered Python programs in one long-lived {@code python3} process ({@code driver.py}, a
 * resource of this module), which runs each on a virtual clock and answers with its trace. A driver
 * that does not answer within {@link #TIMEOUT_SECONDS} is killed and started again.
 */
final class PythonSide implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 30;
    private static final String END = "\u0000END ";

    private final String python;
    private final Path driver;
    private final Path workDir;
    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
    private Process process;
    private BufferedWriter toDriver;
    private BufferedReader fromDriver;

    /**
     * @param python the interpreter command, e.g. {@code python3}
     * @param workDir where program files and the driver are written
     */
    PythonSide(String python, Path workDir) {
        this.python = python;
        this.workDir = workDir;
        try {
            Files.createDirectories(workDir);
            driver = workDir.resolve("driver.py");
            try (InputStream in = PythonSide.class.getResourceAsStream("driver.py")) {
                if (in == null) {
                    throw new IllegalStateException("resource driver.py missing from the difftest module");
                }
                Files.write(driver, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() throws IOException {
        process = new ProcessBuilder(python, "-X", "utf8", driver.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toDriver = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        fromDriver = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Writes the program's module and runs it. */
    Trace run(Program p) {
        Path file = workDir.resolve(p.name() + ".py");
        try {
            Files.writeString(file, PythonRenderer.render(p));
            if (process == null || !process.isAlive()) {
                start();
            }
            toDriver.write(file.toString());
            toDriver.newLine();
            toDriver.flush();
            Future<Trace> answer = reader.submit(this::readTrace);
            try {
                return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                process.destroyForcibly();
                process = null;
                return new Trace(List.of("HANG (python3 gave no answer in " + TIMEOUT_SECONDS + " s)"), Set.of("hang"));
            }
        } catch (IOException e) {
            process = null;
            return new Trace(List.of("PYTHON DRIVER ERROR " + e), Set.of("error"));
        } catch (java.util.concurrent.ExecutionException e) {
            process = null;
            return new Trace(List.of("PYTHON DRIVER ERROR " + e.getCause()), Set.of("error"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the file is in target/ and is rewritten by the next run
            }
        }
    }

    private Trace readTrace() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = fromDriver.readLine()) != null) {
            if (line.startsWith(END)) {
                String flags = line.substring(END.length()).trim();
                Set<String> set = flags.equals("-") ? Set.of() : new HashSet<>(Arrays.asList(flags.split(",")));
                return new Trace(lines, set);
            }
            lines.add(line);
        }
        throw new IOException("python3 driver ended (exit code " + exitCode() + ")");
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
        reader.shutdownNow();
    }
}
