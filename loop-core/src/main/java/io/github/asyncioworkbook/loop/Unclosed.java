package io.github.asyncioworkbook.loop;

import java.lang.ref.Cleaner;
import java.util.function.Supplier;

/**
 * Follows one event loop or transport until it is closed; if the JVM collects it before, reports
 * asyncio's {@code ResourceWarning: unclosed event loop <...>} / {@code unclosed transport <...>}
 * (the {@code __del__} of {@code BaseEventLoop}, {@code _SelectorTransport} and
 * {@code BaseSubprocessTransport}) and then releases what the object held, as those
 * {@code __del__} methods do (a socket is closed, a running child killed). In debug mode the report
 * shows where the object was created, as Python does for a warning's source object when
 * {@code tracemalloc} traces it. Holds what the report and the release need, never the object.
 */
final class Unclosed implements Runnable {
    private final String what;
    private final Supplier<String> repr;
    private final AutoCloseable release;
    private final ObjectOrigin origin;
    private volatile boolean closed;
    private final Cleaner.Cleanable cleanable;

    private Unclosed(Object owner, String what, Supplier<String> repr, AutoCloseable release, ObjectOrigin origin) {
        this.what = what;
        this.repr = repr;
        this.release = release;
        this.origin = origin;
        this.cleanable = CollectedObjects.CLEANER.register(owner, this);
    }

    /**
     * Starts following {@code owner}.
     *
     * @param owner the loop or transport; neither {@code repr} nor {@code release} may refer to it
     * @param what {@code event loop} or {@code transport}
     * @param repr the owner's repr as it will be when collected
     * @param release what to close when it is collected unclosed, or {@code null}
     * @param debug whether to record where it was created
     * @return the follower, to be {@linkplain #closed() told} when the owner closes
     */
    static Unclosed follow(Object owner, String what, Supplier<String> repr, AutoCloseable release, boolean debug) {
        return new Unclosed(owner, what, repr, release, debug ? ObjectOrigin.capture() : null);
    }

    /** The owner was closed: nothing to report, and it is followed no longer. */
    void closed() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /** Runs on the cleaner's thread once the owner is collected (or on {@link #closed()}). */
    @Override
    public void run() {
        if (closed) {
            return;
        }
        try {
            Warnings.warn(Warnings.Category.RESOURCE_WARNING, "unclosed " + what + " " + repr.get(), origin,
                    "Object allocated at (most recent call last):");
        } finally {
            if (release != null) {
                try {
                    release.close();
                } catch (Exception ignored) {
                    // best effort, as socket.close() in a __del__
                }
            }
        }
    }
}
