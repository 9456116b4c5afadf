package io.github.asyncioworkbook.loop;

/**
 * The loop a synchronization primitive belongs to: asyncio's {@code mixins._LoopBoundMixin}.
 * A primitive is created without a loop and binds to the running loop the first time it has to
 * wait (the first time it creates a future); using it from another loop afterwards is an error.
 *
 * <p>Owned by the primitive; read and written only by the thread holding the loop's turn.
 */
final class LoopBinding {
    private EventLoop loop;

    /**
     * The running loop, binding {@code owner} to it on first use ({@code _get_loop()}).
     *
     * @param owner the primitive, for the error message
     * @return the running loop
     * @throws IllegalStateException {@code "<owner repr> is bound to a different event loop"}, or
     *     {@code "no running event loop"}
     */
    EventLoop get(Object owner) {
        EventLoop running = Asyncio.runningLoopOrNull();
        if (loop == null) {
            loop = running;
        }
        if (running != loop) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        if (running == null) {
            throw new IllegalStateException("no running event loop");
        }
        return running;
    }

    /**
     * Python's default {@code object.__repr__} with the primitive's extra info, as asyncio.locks
     * prints it: {@code <Lock object at 0x1b6d3586 [locked, waiters:1]>}.
     */
    static String repr(Object owner, String extra) {
        return "<" + owner.getClass().getSimpleName() + " object at 0x"
                + Integer.toHexString(System.identityHashCode(owner)) + " [" + extra + "]>";
    }
}
