// Fixture: sends its message in two writes 0.2 s apart, so the server reads it in two parts.
//DESCRIPTION Fixture SplitClient.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
import java.net.*;

void main(String[] args) throws Exception {
    try (Socket s = new Socket("localhost", Integer.parseInt(args[0]))) {
        IO.println("client: connected to port " + s.getPort());
        s.getOutputStream().write("This is the message. ".getBytes());
        s.getOutputStream().flush();
        Thread.sleep(200);
        s.getOutputStream().write("It will be sent in parts.".getBytes());
        s.shutdownOutput();
        byte[] all = s.getInputStream().readAllBytes();
        IO.println("client: got " + new String(all));
    }
}
