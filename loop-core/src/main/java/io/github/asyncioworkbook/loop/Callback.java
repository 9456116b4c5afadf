package io.github.asyncioworkbook.loop;

import java.io.Serializable;

/**
 * A plain function scheduled on the event loop, as given to {@link EventLoop#callSoon(Callback)},
 * {@link EventLoop#callLater(double, Callback)} and {@link EventLoop#callAt(double, Callback)}: the
 * {@code callback} of asyncio's {@code loop.call_soon(callback, *args)}.
 *
 * <p>Serializable so that reprs can name it ({@code <Handle callback() at Lesson.java:9>}); any
 * exception it throws goes to the loop's exception handler and the loop carries on.
 */
@FunctionalInterface
public interface Callback extends Serializable {
    /**
     * Runs the callback on the loop.
     *
     * @throws Exception reported through {@link EventLoop#callExceptionHandler}
     */
    void run() throws Exception;

    /**
     * A callback taking one argument: {@code loop.call_soon(callback, arg)}.
     *
     * @param <A> the argument type
     */
    @FunctionalInterface
    interface Arg1<A> extends Serializable {
        /**
         * @param a the argument given when the callback was scheduled
         * @throws Exception reported through the loop's exception handler
         */
        void run(A a) throws Exception;
    }

    /**
     * A callback taking two arguments: {@code loop.call_soon(callback, a, b)}.
     *
     * @param <A> the first argument type
     * @param <B> the second argument type
     */
    @FunctionalInterface
    interface Arg2<A, B> extends Serializable {
        /**
         * @param a the first argument
         * @param b the second argument
         * @throws Exception reported through the loop's exception handler
         */
        void run(A a, B b) throws Exception;
    }
}
