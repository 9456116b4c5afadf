package io.github.asyncioworkbook.site;

/**
 * A build of the workbook site failed for a reason the author can fix: a malformed chapter note, a
 * missing lesson file, a lesson that failed or whose output drifted from its {@code .out} file.
 *
 * <p>The message is complete and meant to be printed as it is; it names the file (and, where one
 * exists, the line) at fault.
 */
public class SiteException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a complete, printable message.
     *
     * @param message what went wrong, naming the file at fault
     */
    public SiteException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a complete, printable message and its cause.
     *
     * @param message what went wrong, naming the file at fault
     * @param cause the underlying failure
     */
    public SiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
