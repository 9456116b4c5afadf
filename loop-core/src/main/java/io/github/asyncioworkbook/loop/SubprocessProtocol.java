package io.github.asyncioworkbook.loop;

/**
 * What a child process started by {@link EventLoop#subprocessExec} tells its protocol:
 * asyncio's {@code asyncio.SubprocessProtocol}. Every method runs on the loop's thread as a loop
 * callback; all have empty defaults, so implement only what you need.
 *
 * <p>Call order, as in asyncio: {@link #connectionMade} once; then, per pipe, any number of
 * {@link #pipeDataReceived} followed by one {@link #pipeConnectionLost}; {@link #processExited}
 * once, which may come before or after the pipes close (the child's descendants may keep them
 * open); and {@link #connectionLost} once, last, when the process has exited and every pipe is
 * closed.
 */
public interface SubprocessProtocol {
    /**
     * The process has started: {@code connection_made(transport)}.
     *
     * @param transport the child's transport
     */
    default void connectionMade(SubprocessTransport transport) {
    }

    /**
     * The child wrote to its stdout (fd 1) or stderr (fd 2): {@code pipe_data_received(fd, data)}.
     *
     * @param fd 1 or 2
     * @param data the bytes, never empty
     */
    default void pipeDataReceived(int fd, byte[] data) {
    }

    /**
     * One of the child's pipes closed: {@code pipe_connection_lost(fd, exc)}.
     *
     * @param fd 0 (stdin), 1 or 2
     * @param exc {@code null} for a normal close, else the error
     */
    default void pipeConnectionLost(int fd, Exception exc) {
    }

    /**
     * The child's stdin pipe holds more than its high-water mark (64 KiB) of unwritten data:
     * {@code pause_writing()}, which asyncio's {@code SubprocessProtocol} inherits from
     * {@code BaseProtocol}.
     */
    default void pauseWriting() {
    }

    /** The stdin pipe's buffer is back at its low-water mark (16 KiB): {@code resume_writing()}. */
    default void resumeWriting() {
    }

    /** The child has exited: {@code process_exited()}; its return code is on the transport. */
    default void processExited() {
    }

    /**
     * The child has exited and every pipe is closed: {@code connection_lost(exc)}.
     *
     * @param exc {@code null}
     */
    default void connectionLost(Exception exc) {
    }
}
