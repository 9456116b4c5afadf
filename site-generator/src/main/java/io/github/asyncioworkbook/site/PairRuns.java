package io.github.asyncioworkbook.site;

import java.util.List;
import java.util.Objects;

/**
 * The verified run of a server/client pair, as a reader sees it in two terminals: what the server
 * printed from its start to its end on Ctrl-C, and each client run. Carried by the {@link LessonRun}
 * of both sides; the server's lesson block shows the two terminals side by side.
 *
 * @param port          the port both were given
 * @param server        whether the lesson carrying this is the server (else the client)
 * @param serverName    the server lesson's class name
 * @param clientName    the client lesson's class name
 * @param serverOutput  everything the server printed
 * @param serverExit    the server's exit status after Ctrl-C (0, or 130 for an uncaught KeyboardInterrupt)
 * @param interruptedAt how much of {@code serverOutput} (chars) came before Ctrl-C, or -1 if unknown
 * @param clientOutputs what each client run printed, in order
 */
public record PairRuns(int port, boolean server, String serverName, String clientName, String serverOutput, int serverExit,
                       int interruptedAt, List<String> clientOutputs) {

    /** Checks and copies. */
    public PairRuns {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(serverOutput, "serverOutput");
        clientOutputs = List.copyOf(clientOutputs);
    }

    /** {@return the same pair run, as carried by the other side} */
    public PairRuns otherSide() {
        return new PairRuns(port, !server, serverName, clientName, serverOutput, serverExit, interruptedAt, clientOutputs);
    }
}
