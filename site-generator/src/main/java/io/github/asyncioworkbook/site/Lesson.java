package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.runner.LessonHeader;

import java.nio.file.Path;
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
 */
public record Lesson(String name, String alias, Path source, String sourceText, Path expected, String expectedText,
                     LessonHeader header, LessonRun run) {

    /** Checks required fields. */
    public Lesson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(expectedText, "expectedText");
        Objects.requireNonNull(header, "header");
    }

    /** {@return a copy carrying this live run} */
    public Lesson withRun(LessonRun newRun) {
        return new Lesson(name, alias, source, sourceText, expected, expectedText, header, newRun);
    }

    /** {@return the lesson's one-line {@code //DESCRIPTION}} */
    public String description() {
        return header.description();
    }
}
