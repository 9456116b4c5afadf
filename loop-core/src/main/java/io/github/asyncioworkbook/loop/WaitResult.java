package io.github.asyncioworkbook.loop;

import java.util.Collections;
import java.util.Set;

/**
 * The outcome of {@link Asyncio#wait}: Python's {@code done, pending = await asyncio.wait(fs)}.
 * Both sets hold the very future objects that were passed in, in the order they were given
 * (Python's sets have no fixed order).
 *
 * @param done the futures that are done or cancelled
 * @param pending the futures that are not
 */
public record WaitResult(Set<Future<?>> done, Set<Future<?>> pending) {
    /** Makes both sets unmodifiable. */
    public WaitResult {
        done = Collections.unmodifiableSet(done);
        pending = Collections.unmodifiableSet(pending);
    }
}
