package io.github.asyncioworkbook.loop.subprocess;

import io.github.asyncioworkbook.loop.BaseProtocol;
import io.github.asyncioworkbook.loop.SubprocessPipe;
import io.github.asyncioworkbook.loop.Transport;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One pipe of a child seen as a stream {@link Transport}, so that a {@code StreamReader} can pause
 * and resume it and a {@code StreamWriter} can write to it. In asyncio the pipe transports are
 * transports already ({@code _UnixReadPipeTransport}, {@code _UnixWritePipeTransport}); here the
 * child's {@link SubprocessPipe} is wrapped. Writing to a read pipe fails as the pipe does
 * ({@code IllegalStateException}); changing the protocol or the buffer limits, which the pipes do
 * not support, fails with {@link UnsupportedOperationException} naming the pipe.
 */
final class PipeTransport implements Transport {
    private final SubprocessPipe pipe;

    PipeTransport(SubprocessPipe pipe) {
        this.pipe = pipe;
    }

    SubprocessPipe pipe() {
        return pipe;
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by " + pipe);
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "pipe".equals(name) ? pipe : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return pipe.isClosing();
    }

    @Override
    public void close() {
        pipe.close();
    }

    @Override
    public void abort() {
        pipe.close();
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        throw unsupported("set_protocol()");
    }

    @Override
    public BaseProtocol getProtocol() {
        return null;
    }

    @Override
    public boolean isReading() {
        return pipe.isReading();
    }

    @Override
    public void pauseReading() {
        pipe.pauseReading();
    }

    @Override
    public void resumeReading() {
        pipe.resumeReading();
    }

    @Override
    public void write(byte[] data) {
        pipe.write(data);
    }

    @Override
    public void write(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        pipe.write(bytes);
    }

    @Override
    public void writelines(List<byte[]> data) {
        data.forEach(pipe::write);
    }

    @Override
    public void writeEof() {
        pipe.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return pipe.fd() == 0;
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, pipe.getWriteBufferSize());
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        throw unsupported("set_write_buffer_limits()");
    }

    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {16 * 1024, 64 * 1024};
    }

    @Override
    public String toString() {
        return pipe.toString();
    }
}
