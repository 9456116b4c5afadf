package io.github.asyncioworkbook.runner;

import java.util.List;

/**
 * The lessons did not compile. {@link #errors()} lists each error as
 * {@code path/to/Lesson.java:LINE: error: message}; the exception message holds them all.
 */
public final class LessonCompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The errors; not serialized, as the message carries the same text. */
    private final transient List<String> errors;

    /**
     * Creates the exception.
     *
     * @param errors one entry per compiler error, formatted {@code file:line: error: message}
     * @param hint   extra advice appended to the message, or {@code ""}
     */
    public LessonCompilationException(List<String> errors, String hint) {
        super("lessons failed to compile (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                + "):\n" + String.join("\n", errors) + (hint.isEmpty() ? "" : "\n" + hint));
        this.errors = List.copyOf(errors);
    }

    /** {@return the compiler errors, each {@code file:line: error: message}} */
    public List<String> errors() {
        return errors == null ? List.of() : errors;
    }
}
