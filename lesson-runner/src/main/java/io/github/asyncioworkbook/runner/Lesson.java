package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One lesson: a compact source file {@code <chapter>/<Name>.java} and, beside it, its expected
 * output {@code <Name>.out}.
 *
 * @param chapter  the chapter folder's name, e.g. {@code 05-tasks}
 * @param name     the class (and file) name without extension, e.g. {@code CreateTask}
 * @param source   path of the {@code .java} file
 * @param expected path of the {@code .out} file (it may be missing; see {@link #expectedOutput()})
 */
public record Lesson(String chapter, String name, Path source, Path expected) {

    /** {@return {@code chapter/name}, e.g. {@code 02-tasks/CreateTask}; unique in a workbook} */
    public String id() {
        return chapter + "/" + name;
    }

    /**
     * Loads the expected output.
     *
     * @return a matcher for {@link #expected()}
     * @throws ExpectedOutputException if the file is missing, empty or malformed
     */
    public OutputMatcher expectedOutput() {
        return OutputMatcher.load(expected);
    }

    /**
     * Reads the lesson's header comment.
     *
     * @return its description and the script it ports
     * @throws LessonListException when the header lacks either
     */
    public LessonHeader header() {
        try {
            return LessonHeader.parse(source, Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
