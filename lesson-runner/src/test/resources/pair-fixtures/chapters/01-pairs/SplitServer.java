// Fixture: a plain-Java echo server (no loop-core). It logs every read and its echo, and ends on
// SIGINT through the JVM's own handler (status 130), printing its closing line from a shutdown hook.
//DESCRIPTION Fixture SplitServer.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
import java.net.*;

void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    var server = new ServerSocket();
    server.bind(new InetSocketAddress("localhost", port));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> IO.println("main: closing server")));
    IO.println("main: starting up on localhost port " + port);
    while (true) {
        try (Socket s = server.accept()) {
            String who = "echo_127.0.0.1_" + s.getPort();
            IO.println(who + ": connection accepted");
            byte[] buf = new byte[128];
            int n;
            while ((n = s.getInputStream().read(buf)) > 0) {
                String text = new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
                IO.println(who + ": received b'" + text + "'");
                s.getOutputStream().write(buf, 0, n);
                IO.println(who + ": sent b'" + text + "'");
            }
            IO.println(who + ": closing");
        }
    }
}
