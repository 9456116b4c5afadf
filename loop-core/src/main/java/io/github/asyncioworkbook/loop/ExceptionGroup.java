package io.github.asyncioworkbook.loop;

import java.util.List;

/**
 * Several exceptions raised together: Python's {@code ExceptionGroup} (and
 * {@code BaseExceptionGroup}), which {@link TaskGroup} raises with the message
 * {@code "unhandled errors in a TaskGroup"}.
 *
 * <p>{@link #exceptions()} lists the errors in the order they occurred; each is also
 * {@linkplain Throwable#addSuppressed added as suppressed}, so a stack trace prints them all.
 * {@link #getMessage()} is Python's {@code str(eg)}, e.g.
 * {@code "unhandled errors in a TaskGroup (2 sub-exceptions)"}; {@link #message()} is
 * {@code eg.message}.
 */
public final class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code eg.message}: the message without the count. */
    private final String message;
    /** {@code eg.exceptions}: the errors in order. */
    private final List<Throwable> exceptions;

    /**
     * {@code ExceptionGroup(message, exceptions)}.
     *
     * @param message what the group is about
     * @param exceptions the errors, at least one
     * @throws IllegalArgumentException {@code "second argument (exceptions) must be a non-empty
     *     sequence"} if there is none
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(describe(message, exceptions), null, true, true);
        this.message = message;
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != this) {
                addSuppressed(t);
            }
        }
    }

    private static String describe(String message, List<? extends Throwable> exceptions) {
        if (exceptions == null || exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        int n = exceptions.size();
        return message + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }

    /**
     * @return the message without the count ({@code eg.message})
     */
    public String message() {
        return message;
    }

    /**
     * @return the errors in order ({@code eg.exceptions}), unmodifiable
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
