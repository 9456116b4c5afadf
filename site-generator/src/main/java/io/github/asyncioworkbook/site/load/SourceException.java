package io.github.asyncioworkbook.site.load;

import io.github.asyncioworkbook.site.SiteException;

import java.nio.file.Path;

/**
 * A problem in one line of an input file, reported the way compilers do: {@code file:line: problem}.
 */
public final class SourceException extends SiteException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file the file at fault
     * @param line the 1-based line at fault
     * @param problem what is wrong there, without the location
     */
    public SourceException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** {@return the file at fault} */
    public Path file() {
        return file;
    }

    /** {@return the 1-based line at fault} */
    public int line() {
        return line;
    }

    /** {@return what is wrong, without the location} */
    public String problem() {
        return problem;
    }
}
