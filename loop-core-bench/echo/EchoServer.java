import io.github.asyncioworkbook.loop.Asyncio;
import io.github.asyncioworkbook.loop.BufferedProtocol;
import io.github.asyncioworkbook.loop.Coroutine;
import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.Protocol;
import io.github.asyncioworkbook.loop.Server;
import io.github.asyncioworkbook.loop.StreamReader;
import io.github.asyncioworkbook.loop.StreamWriter;
import io.github.asyncioworkbook.loop.Transport;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * Echo servers for ./bench-echo: loop-core's three flavours (protocol, streams, sock_* calls), the
 * same as echo_server.py's, a BufferedProtocol server (no allocation per read), and a bare
 * single-threaded java.nio Selector server (the JVM's floor).
 * Prints "ready PORT" once listening; runs until killed.
 *
 * usage: java -cp loop-core.jar EchoServer.java {protocol|buffered|streams|sockets|nio} PORT
 */
class EchoServer {
    static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        String flavour = args[0];
        int port = Integer.parseInt(args[1]);
        switch (flavour) {
            case "protocol" -> Asyncio.run(Coroutine.of(() -> {
                Server server = Asyncio.getRunningLoop().createServer(EchoProtocol::new, HOST, port);
                ready(port);
                server.serveForever();
            }));
            case "buffered" -> Asyncio.run(Coroutine.of(() -> {
                Server server = Asyncio.getRunningLoop().createServer(BufferedEcho::new, HOST, port);
                ready(port);
                server.serveForever();
            }));
            case "streams" -> Asyncio.run(Coroutine.of(() -> {
                Server server = Asyncio.startServer(EchoServer::streamEcho, HOST, port);
                ready(port);
                server.serveForever();
            }));
            case "sockets" -> Asyncio.run(Coroutine.of(() -> sockets(port)));
            case "nio" -> bareNio(port);
            default -> throw new IllegalArgumentException("unknown flavour " + flavour);
        }
    }

    static void ready(int port) {
        System.out.println("ready " + port);
        System.out.flush();
    }

    /** asyncio.Protocol echo: write back what arrives. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** asyncio.BufferedProtocol echo: reads into its own direct buffer, writes from it. */
    static final class BufferedEcho implements BufferedProtocol {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int nbytes) {
            transport.write(buffer.flip());
        }
    }

    static Coroutine<Void> streamEcho(StreamReader reader, StreamWriter writer) {
        return Coroutine.of(() -> {
            for (;;) {
                byte[] data = reader.read(256 * 1024);
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                writer.drain();
            }
            writer.close();
        });
    }

    static void sockets(int port) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.bind(new InetSocketAddress(HOST, port), 128);
        listener.configureBlocking(false);
        ready(port);
        for (;;) {
            SocketChannel conn = loop.sockAccept(listener).conn();
            conn.setOption(StandardSocketOptions.TCP_NODELAY, true);
            loop.createTask(Coroutine.of(() -> {
                try (conn) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
                    for (;;) {
                        buf.clear();
                        if (loop.sockRecvInto(conn, buf) == 0) {
                            break;
                        }
                        loop.sockSendall(conn, buf.flip());
                    }
                }
                return null;
            }));
        }
    }

    /** The floor: one thread, one selector, read then write back, buffering what the socket refuses. */
    static void bareNio(int port) throws Exception {
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.bind(new InetSocketAddress(HOST, port), 128);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        ready(port);
        for (;;) {
            selector.select(key -> {
                try {
                    if (key.isAcceptable()) {
                        SocketChannel c;
                        while ((c = listener.accept()) != null) {
                            c.configureBlocking(false);
                            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            c.register(selector, SelectionKey.OP_READ, new ArrayDeque<ByteBuffer>());
                        }
                        return;
                    }
                    SocketChannel c = (SocketChannel) key.channel();
                    @SuppressWarnings("unchecked")
                    ArrayDeque<ByteBuffer> pending = (ArrayDeque<ByteBuffer>) key.attachment();
                    if (key.isWritable()) {
                        while (!pending.isEmpty()) {
                            c.write(pending.peekFirst());
                            if (pending.peekFirst().hasRemaining()) {
                                break;
                            }
                            pending.pollFirst();
                        }
                        if (pending.isEmpty()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isValid() && key.isReadable()) {
                        buf.clear();
                        int n = c.read(buf);
                        if (n < 0) {
                            key.cancel();
                            c.close();
                            return;
                        }
                        buf.flip();
                        if (pending.isEmpty()) {
                            c.write(buf);
                        }
                        if (buf.hasRemaining()) {
                            ByteBuffer rest = ByteBuffer.allocate(buf.remaining());
                            rest.put(buf).flip();
                            pending.addLast(rest);
                            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        }
                    }
                } catch (java.io.IOException e) {
                    key.cancel();
                    try {
                        key.channel().close();
                    } catch (java.io.IOException ignored) {
                        // already broken
                    }
                }
            });
        }
    }
}
