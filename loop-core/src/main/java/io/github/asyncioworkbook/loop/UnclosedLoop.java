package io.github.asyncioworkbook.loop;

import java.util.function.Supplier;

/**
 * The {@link Unclosed} report of one {@link EventLoop}: {@code ResourceWarning: unclosed event loop
 * <EventLoop running=False closed=False debug=False clock=real>} when the JVM collects a loop that
 * was never closed. Knows the loop's clock and debug flag (kept up to date by
 * {@link EventLoop#setDebug}), which its repr shows, without holding the loop.
 */
final class UnclosedLoop implements Supplier<String> {
    private final String clockKind;
    private volatile boolean debug;
    private final Unclosed follower;

    private UnclosedLoop(EventLoop loop, String clockKind, boolean debug) {
        this.clockKind = clockKind;
        this.debug = debug;
        this.follower = Unclosed.follow(loop, "event loop", this, null, debug);
    }

    /**
     * @param loop the loop being constructed
     * @param clockKind its clock's kind
     * @param debug its debug mode now
     * @return the report, armed
     */
    static UnclosedLoop follow(EventLoop loop, String clockKind, boolean debug) {
        return new UnclosedLoop(loop, clockKind, debug);
    }

    /** The loop's debug mode changed. */
    void debug(boolean enabled) {
        debug = enabled;
    }

    /** The loop closed. */
    void closed() {
        follower.closed();
    }

    /** The repr of a collected loop: neither running nor closed. */
    @Override
    public String get() {
        return EventLoop.repr(false, false, debug, clockKind);
    }
}
