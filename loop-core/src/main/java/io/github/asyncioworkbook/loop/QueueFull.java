package io.github.asyncioworkbook.loop;

/**
 * {@link Queue#putNowait(Object)} found the queue full: asyncio's {@code asyncio.QueueFull}. Like
 * Python's, it carries no message (its repr is {@code QueueFull()}).
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception, without a message. */
    public QueueFull() {
        super();
    }
}
