package io.github.asyncioworkbook.loop;

/**
 * Python's {@code KeyboardInterrupt}: what {@link Asyncio#run} raises after Ctrl-C (SIGINT)
 * cancelled the main task, as CPython 3.11's {@code asyncio.Runner} does. An {@link Error}, so it
 * is an exit for loop-core ({@link BaseExceptions}): the loop lets it through instead of logging it.
 *
 * <p>If it escapes {@code main}, the program ends as a Python program does on Ctrl-C: a traceback in
 * Python's layout on standard error, last line {@code KeyboardInterrupt}, and exit status 130
 * (128 + SIGINT), which is what a shell shows for a Python program killed by Ctrl-C.
 * {@link Asyncio#run} arranges this when it raises one (see {@link Tracebacks}).
 */
public class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** Exit status of a program ended by Ctrl-C: 128 + SIGINT. */
    public static final int EXIT_STATUS = 130;

    /** {@code KeyboardInterrupt()}. */
    public KeyboardInterrupt() {
        super();
    }

    /**
     * {@code raise KeyboardInterrupt() } inside {@code except CancelledError}: the cancellation is
     * the exception being handled when this one was raised (Python's {@code __context__}).
     *
     * @param context the exception being handled
     */
    public KeyboardInterrupt(Throwable context) {
        super(null, context);
    }

    @Override
    public String toString() {
        return "KeyboardInterrupt";
    }
}
