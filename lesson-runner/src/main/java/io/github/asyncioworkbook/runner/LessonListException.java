package io.github.asyncioworkbook.runner;

import java.nio.file.Path;

/**
 * The lesson list ({@code lessons/SUMMARY.md}) or a lesson it names is wrong: a malformed line, a
 * chapter or lesson file that is missing, a lesson file that is not listed, a lesson header without
 * the script it ports. The message starts with {@code file:line:} and says what to do.
 */
public final class LessonListException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * @param file    the file at fault
     * @param line    the 1-based line at fault, or 0 when the whole file is meant
     * @param problem what is wrong and what to do
     */
    public LessonListException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** {@return the file at fault} */
    public Path file() {
        return file;
    }

    /** {@return the 1-based line at fault, or 0} */
    public int line() {
        return line;
    }
}
