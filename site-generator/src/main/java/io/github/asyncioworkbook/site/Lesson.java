package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.runner.LessonHeader;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One lesson: a JBang-runnable Java file and the output it is expected to print.
 *
 * @param name the class name, e.g. {@code CreateTask}
 * @param alias the JBang catalog alias that runs it, e.g. {@code create-task}
 * @param source the {@code .java} file
 * @param sourceText its text
 * @param expected the {@code .out} file beside it
 * @param expectedText its text: stdout and stderr merged, as produced under the virtual clock
 * @param header what the source's header says: description, ported script, PyMOTW page
 * @param run the live run, verified against {@code expectedText}; {@code null} until preprocess ran
 * @param reruns its further runs with arguments ({@code // Also run with: -v}), in header order
 */
public record Lesson(String name, String alias, Path source, String sourceText, Path expected, String expectedText,
                     LessonHeader header, LessonRun run, List<LessonRerun> reruns) {

    /** Checks required fields and copies the reruns. */
    public Lesson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(expectedText, "expectedText");
        Objects.requireNonNull(header, "header");
        reruns = List.copyOf(reruns);
    }

    /**
     * A lesson that runs once, without arguments.
     *
     * @param name the class name
     * @param alias the JBang alias
     * @param source the {@code .java} file
     * @param sourceText its text
     * @param expected the {@code .out} file
     * @param expectedText its text
     * @param header its header
     * @param run its live run, or {@code null}
     */
    public Lesson(String name, String alias, Path source, String sourceText, Path expected, String expectedText,
                  LessonHeader header, LessonRun run) {
        this(name, alias, source, sourceText, expected, expectedText, header, run, List.of());
    }

    /** {@return a copy carrying this live run} */
    public Lesson withRun(LessonRun newRun) {
        return new Lesson(name, alias, source, sourceText, expected, expectedText, header, newRun, reruns);
    }

    /** {@return a copy with these reruns} */
    public Lesson withReruns(List<LessonRerun> newReruns) {
        return new Lesson(name, alias, source, sourceText, expected, expectedText, header, run, newReruns);
    }

    /**
     * {@return this lesson as seen by one of its reruns: its expected file, text and run in place of
     * the lesson's own (no reruns), for verifying and rendering that run like any lesson run}
     *
     * @param rerun one of {@link #reruns()}
     */
    public Lesson asRerun(LessonRerun rerun) {
        return new Lesson(name, alias, source, sourceText, rerun.expected(), rerun.expectedText(), header, rerun.run(), List.of());
    }

    /** {@return the lesson's one-line {@code //DESCRIPTION}} */
    public String description() {
        return header.description();
    }
}
