package io.github.asyncioworkbook.lessons;

import java.nio.file.Path;

/**
 * One lesson: a compact source file {@code <chapter>/<Name>.java} and, beside it, its expected
 * output {@code <Name>.out}.
 *
 * @param chapter  the chapter folder's name, e.g. {@code 02-tasks}
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

    @Override
    public String toString() {
        return id();
    }
}
