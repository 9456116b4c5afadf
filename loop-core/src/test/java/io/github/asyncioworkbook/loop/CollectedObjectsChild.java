package io.github.asyncioworkbook.loop;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The program {@link CollectedObjectsTest} runs in a child JVM (so that no other test's garbage is
 * reported in its output): it drops coroutines, loops and transports in the states the test names,
 * collects them, and waits for loop-core's reports. Its stderr holds the warnings; its stdout the
 * lines {@code peer saw EOF} (the dropped socket transport's channel was closed) and {@code done}.
 */
final class CollectedObjectsChild {
    private CollectedObjectsChild() {
    }

    public static void main(String[] args) throws Exception {
        Warnings.simplefilter(Warnings.Action.ALWAYS, Warnings.Category.RESOURCE_WARNING);
        dropCoroutines();
        dropLoops();
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        java.net.Socket peer = dropSocketTransport(listener);
        ServerSocketChannel otherListener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        SocketChannel otherPeer = abandonLoopWithOpenTransport(otherListener);
        dropSubprocessTransports();
        collect();
        peer.setSoTimeout(5000);
        try (InputStream in = peer.getInputStream()) {
            System.out.println(in.read() == -1 ? "peer saw EOF" : "peer read data");
        }
        listener.close();
        System.out.println("done");
    }

    /** A helper whose coroutine is named after it, as a lesson's coroutine function is. */
    static Coroutine<Void> forgottenHelper() {
        return Asyncio.async(() -> { });
    }

    private static void dropCoroutines() {
        Coroutine.named("forgottenOutsideLoop", () -> null);                 // reported, without origin
        forgottenHelper();                                                    // reported as 'forgottenHelper'
        Asyncio.run(Coroutine.named("awaitedMain", () -> null));            // ran: not reported
        Coroutine.named("closedBeforeStart", () -> null).close();            // closed: not reported
        Asyncio.run(Coroutine.named("debugMain", () -> {
            Coroutine.named("forgottenInDebug", () -> null);                 // reported with its origin
            Asyncio.getRunningLoop().createTask(Coroutine.named("taskRan", () -> null)).await();  // not reported
            return null;
        }), true);
        Asyncio.run(Coroutine.named("quietMain", () -> {
            Coroutine.named("forgottenWithoutDebug", () -> null);            // reported, no origin: debug is off
            return null;
        }), false);
        Asyncio.run(Coroutine.named("longMain", () -> {
            Coroutine.named("forgottenWhileRunning", () -> null);            // reported while the loop still runs
            Asyncio.sleep(0);                                                 // next iteration: followed from now on
            for (int i = 0; i < 10; i++) {
                System.gc();
                Thread.sleep(50);
            }
            System.err.println("--- longMain ends");
            return null;
        }));
    }

    private static void dropLoops() {
        EventLoop unclosed = new EventLoop(new Clock.Virtual());
        unclosed.setDebug(true);                                              // the report shows debug=True
        new EventLoop(new Clock.Real()).close();                              // closed: not reported
        unclosed = null;
    }

    /** A transport whose loop is closed but which is never closed itself; returns the accepted peer. */
    private static java.net.Socket dropSocketTransport(ServerSocketChannel listener) throws Exception {
        EventLoop loop = new EventLoop(new Clock.Real());
        loop.setDebug(true);                                                  // the report shows where it was made
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        loop.runUntilComplete(Coroutine.named("connect", () -> {
            loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port);
            return null;
        }));
        SocketChannel accepted = listener.accept();
        loop.close();
        return accepted.socket();
    }

    /**
     * A loop dropped without close() while its transport still reads: both must still be collected
     * and reported (the transport's report must not keep the loop alive through the channel's key).
     */
    private static SocketChannel abandonLoopWithOpenTransport(ServerSocketChannel listener) throws Exception {
        EventLoop loop = new EventLoop(new Clock.Real());
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        loop.runUntilComplete(Coroutine.named("connectAndLeave", () -> {
            loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port);
            return null;
        }));
        return listener.accept();
    }

    private static void dropSubprocessTransports() {
        EventLoop loop = new EventLoop(new Clock.Real());
        loop.runUntilComplete(Coroutine.named("children", () -> {
            for (String program : List.of("true", "false")) {
                SubprocessConnection<SubprocessProtocol> c = loop.subprocessExec(() -> new SubprocessProtocol() { }, List.of(program));
                c.transport().waitForExit();
                if (program.equals("false")) {
                    c.transport().close();                                    // closed: not reported
                }
            }
            return null;
        }));
        loop.close();
    }

    /** Collects until the cleaner has had time to report; a report comes from its own thread. */
    private static void collect() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }
}
