package io.github.asyncioworkbook.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings for a {@link LessonRunner}. Build with {@link #defaults(Path)} or
 * {@link #fromSystemProperties(Path)}, then adjust with the {@code with...} methods.
 *
 * @param workDir     directory the runner owns: compiled lessons go to {@code workDir/classes}
 *                    (emptied before each compilation)
 * @param classpath   what lessons compile and run against: loop-core's location by default
 * @param launcher    how each lesson is started
 * @param timeout     how long one lesson may run before its process tree is killed
 * @param parallelism how many lessons may run at once (at least 1)
 * @param jbang       the {@code jbang} launcher script for {@link Launcher#JBANG}, or {@code null}
 *                    to look for a file named {@code jbang} in the lessons' folders and upwards
 */
public record RunOptions(Path workDir, List<Path> classpath, Launcher launcher, Duration timeout,
                         int parallelism, Path jbang) {

    /** Timeout applied when none is configured: {@value #DEFAULT_TIMEOUT_SECONDS} seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 20;
    /** System property choosing the launcher: {@code java} (default) or {@code jbang}. */
    public static final String LAUNCHER_PROPERTY = "lessons.launcher";
    /** System property giving the per-lesson timeout in seconds (decimals allowed). */
    public static final String TIMEOUT_PROPERTY = "lessons.timeout";
    /** System property giving how many lessons run at once. */
    public static final String PARALLELISM_PROPERTY = "lessons.parallelism";
    /** System property giving the {@code jbang} launcher script to use (else it is looked up). */
    public static final String JBANG_PROPERTY = "lessons.jbang";

    /** Checks the values and copies the classpath. */
    public RunOptions {
        Objects.requireNonNull(workDir, "workDir");
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(launcher, "launcher");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
    }

    /**
     * Defaults: loop-core's classpath (see {@link LessonRunner#defaultClasspath()}), the
     * {@link Launcher#JAVA} launcher, a {@value #DEFAULT_TIMEOUT_SECONDS} s timeout, one run per
     * available processor, jbang looked up.
     *
     * @param workDir the directory the runner may own
     * @return the default options
     */
    public static RunOptions defaults(Path workDir) {
        return new RunOptions(workDir, LessonRunner.defaultClasspath(), Launcher.JAVA,
                Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * {@link #defaults(Path)} overridden by the system properties {@value #LAUNCHER_PROPERTY},
     * {@value #TIMEOUT_PROPERTY}, {@value #PARALLELISM_PROPERTY} and {@value #JBANG_PROPERTY}
     * where set.
     *
     * @param workDir the directory the runner may own
     * @return the options
     * @throws IllegalArgumentException if a property has a bad value
     */
    public static RunOptions fromSystemProperties(Path workDir) {
        RunOptions options = defaults(workDir);
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            options = options.withLauncher(Launcher.parse(launcher));
        }
        String timeout = System.getProperty(TIMEOUT_PROPERTY);
        if (timeout != null && !timeout.isBlank()) {
            options = options.withTimeout(Duration.ofMillis(Math.round(Double.parseDouble(timeout) * 1000)));
        }
        String parallelism = System.getProperty(PARALLELISM_PROPERTY);
        if (parallelism != null && !parallelism.isBlank()) {
            options = options.withParallelism(Integer.parseInt(parallelism.strip()));
        }
        String jbang = System.getProperty(JBANG_PROPERTY);
        if (jbang != null && !jbang.isBlank()) {
            options = options.withJbang(Path.of(jbang.strip()));
        }
        return options;
    }

    /**
     * Returns a copy with another value.
     *
     * @param value the classpath to use
     * @return a copy with it
     */
    public RunOptions withClasspath(List<Path> value) {
        return new RunOptions(workDir, value, launcher, timeout, parallelism, jbang);
    }

    /**
     * Returns a copy with another value.
     *
     * @param value the launcher to use
     * @return a copy with it
     */
    public RunOptions withLauncher(Launcher value) {
        return new RunOptions(workDir, classpath, value, timeout, parallelism, jbang);
    }

    /**
     * Returns a copy with another value.
     *
     * @param value the per-lesson timeout
     * @return a copy with it
     */
    public RunOptions withTimeout(Duration value) {
        return new RunOptions(workDir, classpath, launcher, value, parallelism, jbang);
    }

    /**
     * Returns a copy with another value.
     *
     * @param value how many lessons may run at once
     * @return a copy with it
     */
    public RunOptions withParallelism(int value) {
        return new RunOptions(workDir, classpath, launcher, timeout, value, jbang);
    }

    /**
     * Returns a copy with another value.
     *
     * @param value the {@code jbang} script to run, or {@code null} to look it up
     * @return a copy
     */
    public RunOptions withJbang(Path value) {
        return new RunOptions(workDir, classpath, launcher, timeout, parallelism, value);
    }
}
