package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The authors' switch {@code -Dlessons.overwrite=true}: instead of failing on a mismatch,
 * rewrite the lesson's {@code .out} file from its actual output. Only a lesson that exited with 0
 * in time is written; a file that already matches is left alone (keeping its placeholders and
 * unordered blocks); a malformed one is still an error. Refused when the environment has
 * {@code CI=true}.
 */
public final class ExpectedOutputOverwrite {

    /** The switch's system property. */
    public static final String PROPERTY = "lessons.overwrite";

    private ExpectedOutputOverwrite() {
    }

    /**
     * {@return whether the switch is on}
     *
     * @throws IllegalStateException if it is on while {@code CI=true}
     */
    public static boolean requested() {
        boolean on = Boolean.getBoolean(PROPERTY);
        if (on && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("-D" + PROPERTY + "=true is for authors, never for CI");
        }
        return on;
    }

    /**
     * Rewrites {@code run}'s expected file if it is missing, blank or does not match.
     *
     * @param run a lesson's run
     * @return the rewritten file, or empty if it was left alone
     * @throws ExpectedOutputException if the existing file is malformed
     */
    public static Optional<Path> apply(RunResult run) {
        Path file = run.lesson().expected();
        if (!run.succeeded()) {
            return Optional.empty();
        }
        try {
            boolean usable = Files.exists(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank();
            if (usable && OutputMatcher.load(file).match(run.output()).matched()) {
                return Optional.empty();
            }
            Files.writeString(file, OutputMatcher.normalize(run.output()) + "\n", StandardCharsets.UTF_8);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
