package io.github.asyncioworkbook.loop;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.WeakReference;

/**
 * What an {@link Unclosed} transport report closes: the transport's channel, held weakly until
 * {@link #pin()} and strongly after. While the channel is registered with a selector, its key's
 * attachment leads to the loop's handles, the loop and the transport; a strong hold from the
 * cleaner would keep all of them from ever being collected. Once the loop has closed its selector
 * the keys are gone and the channel can be held, so that a transport dropped after its loop closed
 * gets its socket closed, as asyncio's {@code _SelectorTransport.__del__} closes it.
 */
final class ClosedLater implements AutoCloseable {
    private final WeakReference<Closeable> weak;
    private volatile Closeable strong;

    ClosedLater(Closeable target) {
        this.weak = new WeakReference<>(target);
    }

    /** Holds the target strongly from now on (its loop's selector is closed). */
    void pin() {
        strong = weak.get();
    }

    /** Closes the target if it is still there. */
    @Override
    public void close() throws IOException {
        Closeable c = strong != null ? strong : weak.get();
        if (c != null) {
            c.close();
        }
    }
}
