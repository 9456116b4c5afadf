package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Verified lesson runs kept on disk, so that one build runs every lesson once: the lessons' tests
 * save each run that matched its expected file, and the site shows those runs instead of running the
 * lessons again.
 *
 * <p>A run is saved as {@code <dir>/<chapter>/<Name>.run} ({@code <Name>.<label>.run} for a run
 * with arguments, {@link Lesson#runKey()}): a few {@code key: value} lines, a line
 * {@code ---}, then the output. It carries a fingerprint of what produced it (the lesson's source,
 * its expected file, and every file of the classpath the lessons ran against, loop-core); a saved run
 * whose fingerprint no longer fits is ignored, so an edited lesson or a rebuilt loop-core is run
 * again instead of shown stale.
 */
public final class VerifiedRuns {

    private static final String SEPARATOR = "---\n";

    private final Path dir;
    private final String classpathPrint;

    /**
     * @param dir       the folder runs are kept in
     * @param classpath the classpath the lessons run against (part of each fingerprint)
     */
    public VerifiedRuns(Path dir, List<Path> classpath) {
        this.dir = dir;
        this.classpathPrint = classpathFingerprint(classpath);
    }

    /** {@return the folder runs are kept in} */
    public Path dir() {
        return dir;
    }

    /**
     * Saves a run that was verified against its expected file.
     *
     * @param run the run; it must have succeeded
     */
    public void save(RunResult run) {
        if (!run.succeeded()) {
            throw new IllegalArgumentException("only a verified run is saved, not " + run.lesson().id());
        }
        Path file = file(run.lesson());
        String text = "fingerprint: " + fingerprint(run.lesson()) + "\n"
                + "clock: " + run.clock().value() + "\n"
                + "elapsed-nanos: " + run.elapsed().toNanos() + "\n"
                + SEPARATOR + run.output();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the run of " + run.lesson().id() + " to " + file, e);
        }
    }

    /**
     * Loads the saved run of a lesson.
     *
     * @param lesson the lesson
     * @return its run, or empty when none is saved or the saved one was made from other files
     */
    public Optional<RunResult> load(Lesson lesson) {
        Path file = file(lesson);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        int cut = text.indexOf(SEPARATOR);
        if (cut < 0) {
            return Optional.empty();
        }
        String fingerprint = null;
        ClockMode clock = null;
        Duration elapsed = Duration.ZERO;
        for (String line : text.substring(0, cut).lines().toList()) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                return Optional.empty();
            }
            String value = line.substring(colon + 2);
            switch (line.substring(0, colon)) {
                case "fingerprint" -> fingerprint = value;
                case "clock" -> clock = ClockMode.parse(value);
                case "elapsed-nanos" -> elapsed = Duration.ofNanos(Long.parseLong(value));
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (clock == null || !fingerprint(lesson).equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(new RunResult(lesson, clock, 0, text.substring(cut + SEPARATOR.length()), elapsed, false));
    }

    private Path file(Lesson lesson) {
        return dir.resolve(lesson.chapter()).resolve(lesson.runKey() + ".run");
    }

    /**
     * Saves a verified run together with the loop-core trace that same run wrote (for the site's
     * timeline), or removes an older trace when the run left none.
     *
     * @param run the run; it must have succeeded
     * @param trace where the run wrote its trace ({@link LessonRunner#tracePath})
     */
    public void save(RunResult run, Path trace) {
        save(run);
        Path copy = traceFile(run.lesson());
        try {
            if (trace != null && Files.isRegularFile(trace)) {
                Files.copy(trace, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trace of " + run.lesson().id() + " to " + copy, e);
        }
    }

    /**
     * {@return where the trace of a lesson's saved run is kept; it exists only if that run wrote one}
     *
     * @param lesson the lesson
     */
    public Path traceFile(Lesson lesson) {
        return dir.resolve(lesson.chapter()).resolve(lesson.runKey() + ".trace.json");
    }

    String fingerprint(Lesson lesson) {
        MessageDigest digest = sha256();
        digest.update(classpathPrint.getBytes(StandardCharsets.UTF_8));
        for (Path p : List.of(lesson.source(), lesson.expected())) {
            try {
                digest.update(Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Jars by content; class folders by each file's path, size and modification time. */
    private static String classpathFingerprint(List<Path> classpath) {
        MessageDigest digest = sha256();
        for (Path entry : classpath) {
            digest.update(entry.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            try {
                if (Files.isRegularFile(entry)) {
                    digest.update(Files.readAllBytes(entry));
                } else if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            digest.update((entry.relativize(f) + ":" + Files.size(f) + ":"
                                    + Files.getLastModifiedTime(f).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry, e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
