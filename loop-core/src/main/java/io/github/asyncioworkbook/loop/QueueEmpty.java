package io.github.asyncioworkbook.loop;

/**
 * {@link Queue#getNowait()} found the queue empty: asyncio's {@code asyncio.QueueEmpty}. Like
 * Python's, it carries no message (its repr is {@code QueueEmpty()}).
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception, without a message. */
    public QueueEmpty() {
        super();
    }
}
