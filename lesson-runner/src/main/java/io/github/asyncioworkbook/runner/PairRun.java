package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a server lesson and its client as a reader does in two terminals ({@link LessonPair}):
 * <ol>
 *   <li>start the server with the port as its only argument, output read as it comes;</li>
 *   <li>wait (at most the runner's timeout) until it prints its <em>ready line</em>: the first line
 *       of its {@code .out} that names the original's port {@value #ORIGINAL_PORT}, with the port of
 *       this run in its place ({@code main: starting up on localhost port 10000});</li>
 *   <li>run the client {@value #CLIENT_RUNS} times with the same port, each to its end (exit 0
 *       within the timeout);</li>
 *   <li>send the server a real SIGINT ({@code kill -INT <pid>}: Ctrl-C in its terminal) and wait
 *       (at most the timeout) for it to end by itself, with status 0 or 130 (128 + SIGINT: a
 *       program that ends on an uncaught {@code KeyboardInterrupt});</li>
 *   <li>return everything each printed.</li>
 * </ol>
 * Whatever goes wrong (no ready line in time, a server that ends early, a client that fails or
 * hangs, a server that ignores SIGINT) is reported as a {@link Result#problem()} naming the lesson
 * file, and the server and every process it started are killed: no run leaves a process behind.
 *
 * <p><b>Port.</b> {@code -D}{@value #PORT_PROPERTY}{@code =N} fixes it (for a machine where the
 * chosen one is taken); by default a free port is picked below Linux's ephemeral range (32768 and
 * up), so a client's own port can never hold it. In the {@code .out} files the original's port
 * {@value #ORIGINAL_PORT} stands for the port of the run ({@link #expectedText}), and client ports,
 * chosen by the OS, are {@code {{int}}}.
 *
 * <p><b>SIGINT.</b> A program started with SIGINT ignored (a background job of a
 * non-interactive shell, and so any JVM started from one) passes that on to its children; then
 * the server is started through {@code env --default-signal=INT}, so Ctrl-C reaches it as it
 * would in a terminal.
 */
public final class PairRun {

    /** The port the PyMOTW-3 originals use; in a pair's {@code .out} files it stands for the run's port. */
    public static final int ORIGINAL_PORT = 10000;
    /** System property fixing the port of every pair run. */
    public static final String PORT_PROPERTY = "lessons.pairPort";
    /** How many times the client runs against one server (the PyMOTW-3 pages show several runs). */
    public static final int CLIENT_RUNS = 2;

    private static final Pattern ORIGINAL_PORT_WORD = Pattern.compile("(?<![0-9])" + ORIGINAL_PORT + "(?![0-9])");
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /**
     * What a pair run did.
     *
     * @param pair      the pair
     * @param port      the port the server listened on
     * @param server    the server's run: everything it printed, its exit status, whether it had to be
     *                  killed ({@link RunResult#timedOut()})
     * @param clients   the client runs that happened, in order (fewer than {@value #CLIENT_RUNS}
     *                  after a problem)
     * @param serverPid the server's process id (it is no longer running when this is returned)
     * @param interruptedAt how much of the server's output (in chars) it had printed when Ctrl-C was
     *                  sent, or -1 if it was not sent: what follows is its answer to Ctrl-C
     * @param problem   empty when the run went as a reader's does; else what went wrong, naming the
     *                  lesson file, with what the processes printed
     */
    public record Result(LessonPair pair, int port, RunResult server, List<RunResult> clients, long serverPid,
                         int interruptedAt, Optional<String> problem) {
        /** Copies the list. */
        public Result {
            clients = List.copyOf(clients);
        }
    }

    private PairRun() {
    }

    /**
     * Runs a pair once, as described above.
     *
     * @param runner the runner (its launcher, classpath, timeout; the lessons compiled together)
     * @param pair   the pair
     * @param clock  the clock loop-core should use in both programs
     * @return the outcome; a failed run is reported there, never thrown
     * @throws LessonCompilationException if the lessons do not compile
     */
    public static Result run(LessonRunner runner, LessonPair pair, ClockMode clock) {
        int port = port();
        Duration timeout = runner.options().timeout();
        Lesson serverLesson = pair.server();
        Pattern ready = readyLine(serverLesson, port);
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(runner.command(serverLesson, clock, List.of(Integer.toString(port))));
        runner.prepareTrace(serverLesson);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(serverLesson.source().toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put(LessonRunner.CLOCK_ENV, clock.value());
        long start = System.nanoTime();
        Process server;
        try {
            server = builder.start();
            server.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        Output output = new Output(server.getInputStream(), ready);
        List<RunResult> clients = new ArrayList<>();
        String problem = null;
        boolean killed = false;
        int status = -1;
        int interruptedAt = -1;
        try {
            problem = awaitReady(serverLesson, server, output, port, timeout);
            for (int i = 1; problem == null && i <= CLIENT_RUNS; i++) {
                RunResult client = runner.runWithArguments(pair.client(), clock, List.of(Integer.toString(port)));
                clients.add(client);
                if (!client.succeeded()) {
                    problem = "client run " + i + " of " + pair.client().source() + " (server " + serverLesson.source()
                            + " on port " + port + ") failed: " + client.describe();
                }
            }
            if (problem == null && server.isAlive()) {
                interruptedAt = output.text().length();
                interrupt(server);
                if (!server.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    problem = "server " + serverLesson.source() + " did not end within " + seconds(timeout)
                            + " after Ctrl-C (SIGINT); it was killed";
                } else if (server.exitValue() != 0 && server.exitValue() != 130) {
                    problem = "server " + serverLesson.source() + " ended after Ctrl-C (SIGINT) with status "
                            + server.exitValue() + "; a server ends on Ctrl-C with 0 (it catches KeyboardInterrupt) or 130"
                            + " (it does not)";
                }
            } else if (problem == null) {
                problem = "server " + serverLesson.source() + " ended with status " + server.exitValue()
                        + " before Ctrl-C (SIGINT); it must run until interrupted";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while running " + pair.id();
        } finally {
            if (server.isAlive()) {
                ProcessRun.killTree(server);
                killed = true;
            }
            status = awaitExit(server);
        }
        output.join();
        RunResult serverRun = new RunResult(serverLesson, clock, status, output.text(),
                Duration.ofNanos(System.nanoTime() - start), killed);
        if (problem != null) {
            problem += "\n--- the server printed:\n" + output.text();
        }
        return new Result(pair, port, serverRun, clients, server.pid(), interruptedAt, Optional.ofNullable(problem));
    }

    private static String awaitReady(Lesson lesson, Process server, Output output, int port, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.ready.await(50, TimeUnit.MILLISECONDS)) {
            if (!server.isAlive()) {
                output.join();
                if (output.ready.getCount() == 0) {
                    return null;
                }
                return "server " + lesson.source() + " ended with status " + server.exitValue()
                        + " before printing its ready line (" + output.readyText + ") on port " + port;
            }
            if (System.nanoTime() > deadline) {
                return "server " + lesson.source() + " printed no ready line (" + output.readyText + ") within "
                        + seconds(timeout) + " on port " + port + "; it was killed (a busy port? set -D" + PORT_PROPERTY
                        + "=N; a slow machine? set -D" + RunOptions.TIMEOUT_PROPERTY + "=SECONDS)";
            }
        }
        return null;
    }

    /**
     * The server's ready line for a run on {@code port}: the first line of its {@code .out} that
     * names {@value #ORIGINAL_PORT}, with {@code port} in its place, as a pattern (placeholders apply).
     *
     * @param server the server lesson
     * @param port   the run's port
     * @return the pattern a whole output line must match
     * @throws ExpectedOutputException if the {@code .out} file is missing or names no port
     */
    public static Pattern readyLine(Lesson server, int port) {
        String text = expectedText(server, port);
        for (String line : OutputMatcher.normalize(text).split("\n", -1)) {
            if (line.contains(Integer.toString(port)) && !line.startsWith("{{")) {
                LinePattern p = LinePattern.compile(server.expected().toString(), 0, line);
                return p.regex() != null ? p.regex() : Pattern.compile(Pattern.quote(p.literal()));
            }
        }
        throw new ExpectedOutputException(server.expected().toString(), 0, "no line names the port " + ORIGINAL_PORT
                + "; a server's expected output must print it once it listens (its ready line)");
    }

    /**
     * A pair lesson's expected text for a run on {@code port}: every {@value #ORIGINAL_PORT} that
     * stands as a number of its own is replaced by {@code port}.
     *
     * @param lesson a side of a pair
     * @param port   the run's port
     * @return the text
     * @throws ExpectedOutputException if the file is missing
     */
    public static String expectedText(Lesson lesson, int port) {
        try {
            String text = Files.readString(lesson.expected(), StandardCharsets.UTF_8);
            return ORIGINAL_PORT_WORD.matcher(text).replaceAll(Integer.toString(port));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ExpectedOutputException(lesson.expected().toString(), 0,
                    "expected-output file is missing; every lesson needs one beside it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lesson.expected(), e);
        }
    }

    /**
     * Matches one side's output against its {@code .out} for a run on {@code port}: the usual
     * rules ({@link OutputMatcher}) plus {@link SplitReads}' rule for TCP reads.
     *
     * @param lesson a side of a pair
     * @param port   the run's port
     * @param output what it printed
     * @return the match
     */
    public static MatchResult match(Lesson lesson, int port, String output) {
        String text = expectedText(lesson, port);
        OutputMatcher matcher = OutputMatcher.parse(lesson.expected().toString(), text);
        return SplitReads.match(matcher, text, lesson.id() + " (actual output)", output);
    }

    /**
     * Checks a pair run: no problem, the server's output matches its {@code .out}, and every client
     * run matches the client's.
     *
     * @param result a pair run
     * @return {@code ""} when all is well, else a failure message naming the lessons
     */
    public static String report(Result result) {
        if (result.problem().isPresent()) {
            return "pair " + result.pair().id() + ": " + result.problem().get();
        }
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < result.clients().size(); i++) {
            if (match(result.pair().client(), result.port(), result.clients().get(i).output())
                    instanceof MatchResult.Mismatched m) {
                failures.append("client run ").append(i + 1).append(" of pair ").append(result.pair().id()).append(": ")
                        .append(m.report()).append('\n');
            }
        }
        if (match(result.pair().server(), result.port(), result.server().output()) instanceof MatchResult.Mismatched m) {
            failures.append("server of pair ").append(result.pair().id()).append(" (port ").append(result.port())
                    .append("): ").append(m.report()).append('\n');
        }
        return failures.toString();
    }

    /** {@return the port of the next run: {@value #PORT_PROPERTY} if set, else a free one} */
    static int port() {
        String fixed = System.getProperty(PORT_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            try {
                int port = Integer.parseInt(fixed.strip());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("-D" + PORT_PROPERTY + " must be a port number 1-65535, not '" + fixed + "'");
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 32000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found in 20000-31999; set -D" + PORT_PROPERTY + "=N");
    }

    /** Whether this JVM runs with SIGINT ignored (then its children would too). */
    static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;  // bit of SIGINT (2)
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to undo
        }
        return false;
    }

    /** Ctrl-C: a real SIGINT to the server's process. */
    private static void interrupt(Process server) throws InterruptedException {
        try {
            int status = new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
            if (status != 0 && server.isAlive()) {
                throw new IllegalStateException("kill -INT " + server.pid() + " failed with status " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -INT " + server.pid(), e);
        }
    }

    private static int awaitExit(Process process) {
        try {
            return process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    /** The server's output, read as it comes; counts down {@link #ready} at the ready line. */
    private static final class Output {
        final CountDownLatch ready = new CountDownLatch(1);
        final String readyText;
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        Output(InputStream in, Pattern readyLine) {
            this.readyText = readyLine.pattern();
            this.reader = Thread.ofVirtual().name("pair-server-output").start(() -> read(in, readyLine));
        }

        private void read(InputStream in, Pattern readyLine) {
            char[] chunk = new char[8192];
            int lineStart = 0;
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                int n;
                while ((n = r.read(chunk)) > 0) {
                    synchronized (text) {
                        if (text.length() < ProcessRun.MAX_OUTPUT_BYTES) {
                            text.append(chunk, 0, n);
                        }
                        int nl;
                        while (ready.getCount() > 0 && (nl = text.indexOf("\n", lineStart)) >= 0) {
                            String line = text.substring(lineStart, nl).replace("\r", "");
                            lineStart = nl + 1;
                            if (readyLine.matcher(line).matches()) {
                                ready.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe closed (process killed): keep what arrived
            }
        }

        void join() {
            try {
                reader.join(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
