package io.github.asyncioworkbook.loop;

import java.io.Serializable;

/**
 * A function called with a future once it is done: the argument of asyncio's
 * {@code Future.add_done_callback(fn)}. It never runs inline: the loop schedules it with
 * {@code callSoon} when the future completes.
 *
 * @param <T> the future's result type
 */
@FunctionalInterface
public interface DoneCallback<T> extends Serializable {
    /**
     * @param future the future that completed
     * @throws Exception reported through the loop's exception handler
     */
    void accept(Future<T> future) throws Exception;
}
