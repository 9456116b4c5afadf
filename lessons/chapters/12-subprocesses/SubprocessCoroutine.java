///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run df -hl with createSubprocessExec and read its output line by line from the process's stdout stream.
// Port of asyncio_subprocess_coroutine.py, PyMOTW-3 page https://pymotw.com/3/asyncio/subprocesses.html

// The same df run as SubprocessProtocolDemo, written with coroutines: createSubprocessExec
// returns a Process whose stdout is a StreamReader, so the coroutine reads one line at a time
// and waits for the process to end, with no protocol class of its own.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the coroutine returns: Python's (return_code, results) tuple. */
record DfResult(int returnCode, List<Map<String, String>> results) {
}

List<Map<String, String>> parseResults(String output) {   // def _parse_results(output):
    IO.println("parsing results");
    // Output has one row of headers, all single words.  The
    // remaining rows are one per filesystem, with columns more or
    // less matching the headers (assuming that none of the mount
    // points have whitespace in the names).
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

Coroutine<DfResult> runDf() {                          // async def run_df():
    return async(() -> {
        IO.println("in run_df");

        var buffer = new ByteArrayOutputStream();

        IO.println("launching process");
        var proc = createSubprocessExec(
                List.of("df", "-hl"),
                Stdio.INHERIT,
                Stdio.PIPE,                             // stdout=asyncio.subprocess.PIPE
                Stdio.INHERIT);
        IO.println("process started " + proc.pid());

        while (true) {
            byte[] line = proc.stdout().readline();
            IO.println("read " + repr(line));
            if (line.length == 0) {
                IO.println("no more output from command");
                break;
            }
            buffer.writeBytes(line);
        }

        IO.println("waiting for process to complete");
        proc.waitForExit();                             // await proc.wait()

        int returnCode = proc.returncode();
        IO.println("return code " + returnCode);
        List<Map<String, String>> results;
        if (returnCode == 0) {
            String cmdOutput = buffer.toString(StandardCharsets.UTF_8);
            results = parseResults(cmdOutput);
        } else {
            results = List.of();
        }

        return new DfResult(returnCode, results);
    });
}

void main() {
    var eventLoop = getEventLoop();
    DfResult result;
    try {
        result = eventLoop.runUntilComplete(runDf());
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
