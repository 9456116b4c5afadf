///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run df -hl with loop.subprocessExec; a SubprocessProtocol collects its output and parses it when the process exits.
// Port of asyncio_subprocess_protocol.py, PyMOTW-3 page https://pymotw.com/3/asyncio/subprocesses.html

// The protocol API for child processes: the loop starts df and calls DFProtocol back as
// things happen (started, data on a pipe, exited). Only stdout is a pipe; stdin and stderr
// are inherited (Python's None). process_exited parses what was read and completes a future
// that the coroutine waits for.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the coroutine returns: Python's (return_code, results) tuple. */
record DfResult(int returnCode, List<Map<String, String>> results) {
}

class DFProtocol implements SubprocessProtocol {   // class DFProtocol(asyncio.SubprocessProtocol):

    static final List<String> FD_NAMES = List.of("stdin", "stdout", "stderr");

    final Future<DfResult> done;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    SubprocessTransport transport;

    DFProtocol(Future<DfResult> doneFuture) {
        this.done = doneFuture;
    }

    @Override
    public void connectionMade(SubprocessTransport transport) {
        IO.println("process started " + transport.getPid());
        this.transport = transport;
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        IO.println("read " + data.length + " bytes from " + FD_NAMES.get(fd));
        if (fd == 1) {
            buffer.writeBytes(data);
        }
    }

    @Override
    public void processExited() {
        IO.println("process exited");
        int returnCode = transport.getReturncode();
        IO.println("return code " + returnCode);
        List<Map<String, String>> results;
        if (returnCode == 0) {
            String cmdOutput = buffer.toString(StandardCharsets.UTF_8);
            results = parseResults(cmdOutput);
        } else {
            results = List.of();
        }
        done.setResult(new DfResult(returnCode, results));
    }

    List<Map<String, String>> parseResults(String output) {
        IO.println("parsing results");
        // Output has one row of headers, all single words.  The
        // remaining rows are one per filesystem, with columns
        // matching the headers (assuming that none of the
        // mount points have whitespace in the names).
        if (output.isEmpty()) {
            return List.of();
        }
        List<String> lines = output.lines().toList();
        String[] headers = lines.get(0).trim().split("\\s+");
        List<Map<String, String>> results = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            Map<String, String> row = new LinkedHashMap<>();   // dict(zip(headers, line.split()))
            for (int i = 0; i < Math.min(headers.length, fields.length); i++) {
                row.put(headers[i], fields[i]);
            }
            results.add(row);
        }
        return results;
    }
}

Coroutine<DfResult> runDf(EventLoop loop) {            // async def run_df(loop):
    return async(() -> {
        IO.println("in run_df");

        Future<DfResult> cmdDone = loop.createFuture();
        SubprocessTransport transport = null;
        try {
            IO.println("launching process");
            var proc = loop.subprocessExec(
                    () -> new DFProtocol(cmdDone),
                    List.of("df", "-hl"),
                    Stdio.INHERIT,                      // stdin=None
                    Stdio.PIPE,
                    Stdio.INHERIT);                     // stderr=None
            transport = proc.transport();
            IO.println("waiting for process to complete");
            cmdDone.await();
        } finally {
            if (transport != null) {
                transport.close();
            }
        }

        return cmdDone.result();
    });
}

void main() {
    var eventLoop = getEventLoop();
    DfResult result;
    try {
        result = eventLoop.runUntilComplete(runDf(eventLoop));
    } finally {
        eventLoop.close();
    }

    if (result.returnCode() != 0) {
        IO.println("error exit " + result.returnCode());
    } else {
        IO.println("\nFree space:");
        for (var r : result.results()) {
            IO.println(String.format("%-25s: %s", r.get("Mounted"), r.get("Avail")));
        }
    }
}
