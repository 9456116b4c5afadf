package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The transport of a UDP endpoint: asyncio's {@code _SelectorDatagramTransport} (with
 * {@code _SelectorTransport}'s close and abort, and {@link WriteFlowControl}).
 *
 * <p>In asyncio's order:
 * <ul>
 * <li>Creation schedules the protocol's {@code connectionMade}, then the start of reading, then the
 *     waiter's result, in three {@code callSoon}s; no datagram arrives before connectionMade.</li>
 * <li>Each readable event receives one datagram (at most {@value SocketTransport#MAX_SIZE} bytes)
 *     and calls {@code datagramReceived(data, addr)}; an I/O error calls {@code errorReceived(exc)}
 *     instead and the endpoint stays open; anything else is fatal ("Fatal read error on datagram
 *     transport").</li>
 * <li>{@code sendto} sends at once when nothing is queued; a datagram the socket does not take is
 *     copied into the queue with its address, and a writer callback sends the queue in order.
 *     The queue's byte count ({@code getWriteBufferSize}) drives pauseWriting/resumeWriting.</li>
 * <li>{@code close} stops reading at once and calls {@code connectionLost(null)} once the queue is
 *     empty; {@code abort} drops the queue (as CPython 3.11, without resetting the byte count) and
 *     calls {@code connectionLost(null)} on the next iteration. The channel is closed right after
 *     connectionLost, which runs once.</li>
 * </ul>
 */
final class SelectorDatagramTransport implements DatagramTransport {
    private record Queued(ByteBuffer data, InetSocketAddress addr) {
    }

    /** One send attempt on the channel: the bytes taken, 0 when the socket had no room. */
    @FunctionalInterface
    interface Sender {
        int send(ByteBuffer data, InetSocketAddress target) throws IOException;
    }

    private final EventLoop loop;
    private final DatagramChannel sock;
    /** The remote address given at creation ({@code _address}), or null. */
    private final InetSocketAddress address;
    private final Map<String, Object> extra = new HashMap<>();
    private final ArrayDeque<Queued> buffer = new ArrayDeque<>();
    private final WriteFlowControl flow;
    private DatagramProtocol protocol;
    private long bufferSize;
    /** Set when connectionLost is scheduled, then counts sends made after it. */
    private int connLost;
    private boolean closing;
    private boolean sockClosed;
    /** How datagrams go out; tests put a full socket in its place (loopback never is one). */
    private Sender sender = this::sendOnChannel;

    /**
     * {@code _make_datagram_transport(sock, protocol, address, waiter)}.
     *
     * @param address the remote address of a connected (or broadcasting) endpoint, or null
     * @param waiter completed after connectionMade ran, or null
     */
    SelectorDatagramTransport(EventLoop loop, DatagramChannel sock, DatagramProtocol protocol, InetSocketAddress address,
            Future<Void> waiter) throws IOException {
        loop.checkNoTransport(sock);
        this.loop = loop;
        this.sock = sock;
        this.address = address;
        this.flow = new WriteFlowControl(loop, this);
        extra.put("socket", sock);
        extra.put("sockname", sock.getLocalAddress());
        extra.put("peername", sock.getRemoteAddress());
        this.protocol = java.util.Objects.requireNonNull(protocol, "protocol");
        loop.transportOpened(sock, this);
        DatagramProtocol p = protocol;
        loop.callSoon(() -> p.connectionMade(this));
        // Read only once connectionMade has run.
        loop.callSoon(this::startReading);
        if (waiter != null) {
            loop.callSoon(() -> {
                if (!waiter.cancelled()) {
                    waiter.setResult(null);
                }
            });
        }
    }

    /**
     * Gives an endpoint that is not bound yet the name Python shows for it ({@code ('0.0.0.0', 0)}),
     * where Java has none.
     *
     * @param wildcard the wildcard address of the channel's family, or null to leave it
     */
    void nameIfUnbound(InetSocketAddress wildcard) {
        if (wildcard != null && extra.get("sockname") == null) {
            extra.put("sockname", wildcard);
        }
    }

    // --- reading ----------------------------------------------------------------------------------

    private void startReading() {
        if (!closing) {
            loop.selector().addReader(sock, loop.ioHandle(this::readReady, "SelectorDatagramTransport.readReady()"));
        }
    }

    /** asyncio's {@code _read_ready}: one datagram, one protocol call. */
    private void readReady() {
        if (connLost != 0) {
            return;
        }
        ByteBuffer buf = loop.ioBuffer();
        buf.clear();
        InetSocketAddress from = attempt(() -> (InetSocketAddress) sock.receive(buf), "Fatal read error on datagram transport");
        if (from == null) {
            return; // failed, or nothing after all (asyncio's BlockingIOError)
        }
        byte[] data = new byte[buf.position()];
        buf.flip().get(data);
        protocol.datagramReceived(data, from);
    }

    // --- writing ----------------------------------------------------------------------------------

    @Override
    public void sendto(byte[] data, InetSocketAddress addr) {
        java.util.Objects.requireNonNull(data, "data argument must be a bytes-like object, not 'NoneType'");
        if (data.length == 0) {
            return;
        }
        InetSocketAddress target = SocketAddresses.literal(addr);
        if (address != null) {
            if (addr != null && !addr.equals(address)) {
                throw new IllegalArgumentException("Invalid address: must be None or " + SocketAddresses.repr(address));
            }
            target = address;
        }
        if (connLost != 0 && address != null) {
            if (connLost >= SocketTransport.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                Log.warning("asyncio", "socket.send() raised exception.");
            }
            connLost++;
            return;
        }
        if (buffer.isEmpty()) {
            // Send now; queue only what the socket does not take.
            InetSocketAddress to = target;
            Boolean sent = attempt(() -> send(ByteBuffer.wrap(data), to), WRITE_FAILED);
            if (sent == null || sent) {
                return;
            }
            loop.selector().addWriter(sock, loop.ioHandle(this::sendtoReady, "SelectorDatagramTransport.sendtoReady()"));
        }
        buffer.addLast(new Queued(ByteBuffer.wrap(data.clone()), target));
        bufferSize += data.length;
        flow.maybePause(bufferSize, () -> protocol.pauseWriting(), protocol);
    }

    private static final String WRITE_FAILED = "Fatal write error on datagram transport";

    /** A socket call. */
    @FunctionalInterface
    private interface SocketCall<T> {
        T call() throws IOException;
    }

    /**
     * Makes one socket call the way asyncio's datagram transport does: an I/O error goes to the
     * protocol's {@code errorReceived} and the endpoint stays open; anything else is fatal.
     *
     * @return the call's result, or null when it failed
     */
    private <T> T attempt(SocketCall<T> call, String fatalMessage) {
        try {
            return call.call();
        } catch (IOException e) {
            protocol.errorReceived(e);
        } catch (RuntimeException e) {
            fatalError(e, fatalMessage);
        }
        return null;
    }

    /** One send; {@code false} when the socket had no room (asyncio's BlockingIOError). */
    private boolean send(ByteBuffer data, InetSocketAddress target) throws IOException {
        int sent = sender.send(data, target);
        return sent > 0 || !data.hasRemaining();
    }

    private int sendOnChannel(ByteBuffer data, InetSocketAddress target) throws IOException {
        return extra.get("peername") != null ? sock.write(data) : sock.send(data, resolve(target));
    }

    /**
     * A host name in a destination is looked up here, blocking the loop, as CPython's
     * {@code sock.sendto(data, ('name', port))} does; a failure is a {@link GaiError}, which
     * reaches the protocol's {@code errorReceived} as {@code socket.gaierror} does.
     */
    private static InetSocketAddress resolve(InetSocketAddress target) throws GaiError {
        if (target == null || !target.isUnresolved()) {
            return target;
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(target.getHostString()), target.getPort());
        } catch (java.net.UnknownHostException e) {
            throw new GaiError(GaiError.EAI_NONAME, e);
        }
    }

    /** For tests: replaces how datagrams are sent (to simulate a socket without room). */
    void sendWith(Sender replacement) {
        sender = java.util.Objects.requireNonNull(replacement, "replacement");
    }

    /** asyncio's {@code _sendto_ready}: sends queued datagrams in order until the socket is full. */
    private void sendtoReady() {
        while (!buffer.isEmpty()) {
            Queued next = buffer.pollFirst();
            bufferSize -= next.data.remaining();
            Boolean sent = attempt(() -> send(next.data.duplicate(), next.addr), WRITE_FAILED);
            if (sent == null) {
                return;
            }
            if (!sent) {
                buffer.addFirst(next); // try again later
                bufferSize += next.data.remaining();
                break;
            }
        }
        flow.maybeResume(bufferSize, () -> protocol.resumeWriting(), protocol); // may queue more
        if (buffer.isEmpty()) {
            loop.removeIoWriter(sock);
            if (closing) {
                callConnectionLost(null);
            }
        }
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(bufferSize, Integer.MAX_VALUE);
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        flow.setLimits(high, low);
        flow.maybePause(bufferSize, () -> protocol.pauseWriting(), protocol);
    }

    @Override
    public int[] getWriteBufferLimits() {
        return flow.limits();
    }

    // --- closing ----------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeIoReader(sock);
        if (buffer.isEmpty()) {
            connLost++;
            loop.removeIoWriter(sock);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /** asyncio's {@code _fatal_error}: I/O errors close quietly; anything else is reported first. */
    private void fatalError(Exception exc, String message) {
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                Log.log(Log.Level.DEBUG, "asyncio", this + ": " + message, exc);
            }
        } else {
            SocketTransport.report(loop, message, exc, this, protocol);
        }
        forceClose(exc);
    }

    /** asyncio's {@code _force_close}. */
    private void forceClose(Exception exc) {
        if (connLost != 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            loop.removeIoWriter(sock);
        }
        if (!closing) {
            closing = true;
            loop.removeIoReader(sock);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    /** asyncio's {@code _call_connection_lost}: tells the protocol once, then closes the channel. */
    private void callConnectionLost(Exception exc) {
        if (sockClosed) {
            return;
        }
        try {
            protocol.connectionLost(exc);
        } finally {
            sockClosed = true;
            loop.removeIoReader(sock);
            loop.removeIoWriter(sock);
            SocketTransport.closeQuietly(sock);
            loop.transportClosed(sock, this);
        }
    }

    // --- the rest ---------------------------------------------------------------------------------

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return extra.containsKey(name) ? extra.get(name) : defaultValue;
    }

    @Override
    public void setProtocol(DatagramProtocol protocol) {
        this.protocol = java.util.Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public DatagramProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SelectorDatagramTransport");
        if (sockClosed) {
            s.append(" closed");
        } else if (closing) {
            s.append(" closing");
        }
        if (!loop.isClosed() && !sockClosed) {
            SelectorPoller p = loop.selector();
            s.append(p.hasReader(sock) ? " read=polling" : " read=idle");
            s.append(" write=<").append(p.hasWriter(sock) ? "polling" : "idle").append(", bufsize=")
                    .append(bufferSize).append('>');
        }
        return s.append('>').toString();
    }
}
