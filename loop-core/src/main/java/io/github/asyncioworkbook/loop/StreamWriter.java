package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.util.List;

/**
 * Writes a byte stream: asyncio's {@code asyncio.StreamWriter}, a thin layer over a
 * {@link Transport} plus {@link #drain()}, which waits while the transport's buffer is over its
 * high-water mark. Made by {@link Asyncio#openConnection} and {@link Asyncio#startServer}.
 *
 * <p>{@code write} never waits; call {@code drain()} after writing to let the buffer empty, as in
 * asyncio. {@code drain} and {@code waitClosed} wait where Python awaits, so call them from a
 * coroutine body.
 */
public final class StreamWriter {
    private final Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * @param transport the transport
     * @param protocol its protocol
     * @param reader the reader of the same connection, or null
     * @param loop the loop
     */
    public StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** @return the transport ({@code writer.transport}) */
    public Transport transport() {
        return transport;
    }

    /** @param data bytes to send ({@code write(data)}) */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** @param data chunks to send ({@code writelines(data)}) */
    public void writelines(List<byte[]> data) {
        transport.writelines(data);
    }

    /** Closes the write side after the buffer is sent: {@code write_eof()}. */
    public void writeEof() {
        transport.writeEof();
    }

    /** @return whether the transport can half-close ({@code can_write_eof()}) */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport: {@code close()}. */
    public void close() {
        transport.close();
    }

    /** @return whether the transport is closing ({@code is_closing()}) */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is closed: {@code await wait_closed()}.
     *
     * @throws IOException the error the connection was lost with
     */
    public void waitClosed() throws IOException {
        protocol.closeWaiter().await();
    }

    /**
     * @param name a key of {@link Transport#getExtraInfo(String)}
     * @return its value ({@code get_extra_info(name)})
     */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /**
     * @param name a key
     * @param defaultValue for unknown keys
     * @return its value ({@code get_extra_info(name, default)})
     */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * Waits while the write buffer is over its high-water mark: {@code await drain()}.
     *
     * @throws IOException the reader's error, or {@code "Connection lost"} once the connection is
     *     gone (asyncio's ConnectionResetError)
     */
    public void drain() throws IOException {
        if (reader != null) {
            Exception exc = reader.exception();
            if (exc != null) {
                throw io.github.asyncioworkbook.loop.internal.Sneaky.rethrow(exc);
            }
        }
        if (transport.isClosing()) {
            // Let connectionLost run first, so the drain below sees it (asyncio's sleep(0)).
            Asyncio.sleep(0);
        }
        protocol.drainHelper();
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader == null ? "" : " reader=" + reader) + ">";
    }
}
