package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verified pair runs kept on disk beside {@link VerifiedRuns}, so that the site shows the two
 * terminals of the run the lessons' tests verified instead of running the pair again.
 *
 * <p>A run is saved as {@code <dir>/<chapter>/<Server>.pair}: {@code key: value} lines (the
 * fingerprints of both lessons as {@link VerifiedRuns} makes them, the clock, the port, the server's
 * exit status, how much it had printed when Ctrl-C came), then one section per output, each a line {@code --- <role> <length>} (role
 * {@code server} or {@code client}, length in chars) followed by exactly that text. A saved run whose
 * fingerprints no longer fit is ignored.
 */
public final class VerifiedPairs {

    private final VerifiedRuns runs;

    /**
     * @param runs the verified runs whose folder and fingerprints these pairs share
     */
    public VerifiedPairs(VerifiedRuns runs) {
        this.runs = runs;
    }

    /**
     * Saves a pair run that was verified.
     *
     * @param result the run; it must have no problem
     */
    public void save(PairRun.Result result) {
        if (result.problem().isPresent()) {
            throw new IllegalArgumentException("only a verified pair run is saved, not " + result.pair().id());
        }
        StringBuilder text = new StringBuilder()
                .append("fingerprint: ").append(fingerprint(result.pair())).append('\n')
                .append("clock: ").append(result.server().clock().value()).append('\n')
                .append("port: ").append(result.port()).append('\n')
                .append("server-exit: ").append(result.server().exitCode()).append('\n')
                .append("interrupted-at: ").append(result.interruptedAt()).append('\n')
                .append("elapsed-nanos: ").append(result.server().elapsed().toNanos()).append('\n');
        section(text, "server", result.server().output());
        for (RunResult client : result.clients()) {
            section(text, "client", client.output());
        }
        Path file = file(result.pair());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the run of " + result.pair().id() + " to " + file, e);
        }
    }

    /**
     * Saves a verified pair run with the loop-core traces its programs wrote: the server's, and that of
     * the client's last run (the one the site shows beside the client's lesson).
     *
     * @param result the run; it must have no problem
     * @param runner the runner that made it ({@link LessonRunner#tracePath})
     */
    public void save(PairRun.Result result, LessonRunner runner) {
        save(result);
        for (Lesson side : List.of(result.pair().server(), result.pair().client())) {
            Path trace = runner.tracePath(side);
            Path copy = runs.traceFile(side);
            try {
                if (Files.isRegularFile(trace)) {
                    Files.copy(trace, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the trace of " + side.id() + " to " + copy, e);
            }
        }
    }

    /**
     * {@return the saved trace of one side, if its run left one}
     *
     * @param side a side of a pair
     */
    public Optional<Path> traceFile(Lesson side) {
        Path file = runs.traceFile(side);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Loads the saved run of a pair.
     *
     * @param pair the pair
     * @return its run, or empty when none is saved or it was made from other files
     */
    public Optional<PairRun.Result> load(LessonPair pair) {
        Path file = file(pair);
        String text;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return Optional.empty();
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            String fingerprint = null;
            ClockMode clock = null;
            int port = 0;
            int serverExit = 0;
            int interruptedAt = -1;
            Duration elapsed = Duration.ZERO;
            int at = 0;
            while (!text.startsWith("--- ", at)) {
                int end = text.indexOf('\n', at);
                String line = text.substring(at, end);
                at = end + 1;
                String value = line.substring(line.indexOf(": ") + 2);
                switch (line.substring(0, line.indexOf(": "))) {
                    case "fingerprint" -> fingerprint = value;
                    case "clock" -> clock = ClockMode.parse(value);
                    case "port" -> port = Integer.parseInt(value);
                    case "server-exit" -> serverExit = Integer.parseInt(value);
                    case "interrupted-at" -> interruptedAt = Integer.parseInt(value);
                    case "elapsed-nanos" -> elapsed = Duration.ofNanos(Long.parseLong(value));
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            if (clock == null || !fingerprint(pair).equals(fingerprint)) {
                return Optional.empty();
            }
            RunResult server = null;
            List<RunResult> clients = new ArrayList<>();
            while (at < text.length()) {
                int end = text.indexOf('\n', at);
                String[] header = text.substring(at, end).split(" ");
                int length = Integer.parseInt(header[2]);
                String output = text.substring(end + 1, end + 1 + length);
                at = end + 1 + length;
                if (header[1].equals("server")) {
                    server = new RunResult(pair.server(), clock, serverExit, output, elapsed, false);
                } else {
                    clients.add(new RunResult(pair.client(), clock, 0, output, Duration.ZERO, false));
                }
            }
            return server == null ? Optional.empty()
                    : Optional.of(new PairRun.Result(pair, port, server, clients, -1, interruptedAt, Optional.empty()));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static void section(StringBuilder text, String role, String output) {
        text.append("--- ").append(role).append(' ').append(output.length()).append('\n').append(output);
    }

    private String fingerprint(LessonPair pair) {
        return runs.fingerprint(pair.server()) + "+" + runs.fingerprint(pair.client());
    }

    private Path file(LessonPair pair) {
        return runs.dir().resolve(pair.server().chapter()).resolve(pair.server().name() + ".pair");
    }
}
