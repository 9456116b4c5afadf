package io.github.asyncioworkbook.runner;

/**
 * An expected-output ({@code .out}) file that cannot be used: missing, empty, or malformed
 * (an unknown placeholder, an unclosed <code>{{unordered}}</code> block, ...).
 *
 * <p>The message always starts with the file name and, when the problem is on one line, its
 * 1-based line number: {@code CreateTask.out:7: unknown placeholder {{foo}} ...}. Such a file is
 * an error, never a pass.
 */
public final class ExpectedOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The file name as shown to authors. */
    private final String file;
    /** The 1-based line, or 0 for the whole file. */
    private final int line;

    /**
     * Creates the exception.
     *
     * @param file   name of the expected-output file as it should be shown to the author
     * @param line   1-based line number of the problem, or {@code 0} if it concerns the whole file
     * @param detail what is wrong, without the file name
     */
    public ExpectedOutputException(String file, int line, String detail) {
        super((line > 0 ? file + ":" + line : file) + ": " + detail);
        this.file = file;
        this.line = line;
    }

    /** {@return the file name given at construction} */
    public String file() {
        return file;
    }

    /** {@return the 1-based line of the problem, or {@code 0} if it concerns the whole file} */
    public int line() {
        return line;
    }
}
