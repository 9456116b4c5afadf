package io.github.asyncioworkbook.runner;

import java.util.Locale;

/** How {@link LessonRunner} starts a lesson (system property {@code lessons.launcher}). */
public enum Launcher {
    /**
     * Compile every lesson once with the in-process {@code javax.tools} compiler, then run each as
     * {@code <java.home>/bin/java -cp <classpath> -Dloopcore.clock=... ClassName}.
     */
    JAVA,
    /** Run {@code <repo>/jbang --quiet -Dloopcore.clock=... <lesson .java file>}, as a reader would. */
    JBANG;

    /**
     * Reads a launcher name.
     *
     * @param text {@code java} or {@code jbang}, any case
     * @return the matching launcher
     * @throws IllegalArgumentException for anything else
     */
    public static Launcher parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "java" -> JAVA;
            case "jbang" -> JBANG;
            default -> throw new IllegalArgumentException("launcher must be java or jbang, not '" + text + "'");
        };
    }
}
