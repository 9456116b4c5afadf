package io.github.asyncioworkbook.loop;

/**
 * Python's {@code RecursionError}: coroutines awaited inside each other went deeper than the
 * recursion limit, or deeper than the thread's stack allows. An ordinary exception: the awaiting
 * coroutine can catch it, and the loop runs on.
 *
 * <p>The limit is {@value #DEFAULT_LIMIT} nested {@code Coroutine.await()} calls in one task
 * (Python's default {@code sys.getrecursionlimit()}), set with the system property
 * {@code loopcore.recursionLimit}. Each level costs a few hundred bytes of the stack of the thread
 * that runs the loop; a limit above a few thousand needs a bigger stack ({@code -Xss}, or a loop run
 * on a thread made with a larger stack size). When the stack runs out first, the
 * {@code StackOverflowError} is turned into this exception at the await where it happened.
 */
public final class RecursionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Python's default recursion limit. */
    public static final int DEFAULT_LIMIT = 1000;

    /** The nesting limit in force: {@code loopcore.recursionLimit}, else {@value #DEFAULT_LIMIT}. */
    static final int LIMIT = Integer.getInteger("loopcore.recursionLimit", DEFAULT_LIMIT);

    /**
     * @param message what was exceeded
     */
    public RecursionError(String message) {
        super(message);
    }

    RecursionError(String message, Throwable cause) {
        super(message, cause);
    }
}
