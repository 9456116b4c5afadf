///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Send text through tr with communicate(): stdin and stdout are both pipes, read and written without deadlock.
// Port of asyncio_subprocess_coroutine_write.py, PyMOTW-3 page https://pymotw.com/3/asyncio/subprocesses.html

// communicate(input) writes the input to the child's stdin and closes it, while it reads
// stdout (and stderr, when piped) to the end; then it waits for the child to exit. Doing all of
// that at once is what keeps a child that writes a lot from blocking on a full pipe.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the coroutine returns: Python's (return_code, results) tuple. */
record Upper(int returnCode, String results) {
}

Coroutine<Upper> toUpper(String input) {               // async def to_upper(input):
    return async(() -> {
        IO.println("in to_upper");

        IO.println("launching process");
        var proc = createSubprocessExec(
                List.of("tr", "[:lower:]", "[:upper:]"),
                Stdio.PIPE,                             // stdin=asyncio.subprocess.PIPE
                Stdio.PIPE,                             // stdout=asyncio.subprocess.PIPE
                Stdio.INHERIT);
        IO.println("pid " + proc.pid());

        IO.println("communicating with process");
        var output = proc.communicate(input.getBytes(StandardCharsets.UTF_8));

        IO.println("waiting for process to complete");
        proc.waitForExit();                             // await proc.wait()

        int returnCode = proc.returncode();
        IO.println("return code " + returnCode);
        String results = returnCode == 0 ? new String(output.stdout(), StandardCharsets.UTF_8) : "";

        return new Upper(returnCode, results);
    });
}

static final String MESSAGE = """

        This message will be converted
        to all caps.
        """;

void main() {
    var eventLoop = getEventLoop();
    Upper result;
    try {
        result = eventLoop.runUntilComplete(toUpper(MESSAGE));
    } finally {
        eventLoop.close();
    }

    if (result.returnCode() != 0) {
        IO.println("error exit " + result.returnCode());
    } else {
        IO.println("Original: " + repr(MESSAGE));
        IO.println("Changed : " + repr(result.results()));
    }
}
