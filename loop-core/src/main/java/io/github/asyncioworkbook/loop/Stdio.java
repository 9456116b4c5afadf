package io.github.asyncioworkbook.loop;

/**
 * Where a child's stdin, stdout or stderr goes: the constants of asyncio's {@code asyncio.subprocess}
 * module ({@code PIPE}, {@code STDOUT}, {@code DEVNULL}) and {@code None}.
 */
public enum Stdio {
    /** {@code asyncio.subprocess.PIPE}: a pipe to the loop (data reaches the protocol). */
    PIPE,
    /** {@code asyncio.subprocess.STDOUT}: stderr only, into the same pipe or file as stdout. */
    STDOUT,
    /** {@code asyncio.subprocess.DEVNULL}: {@code /dev/null}. */
    DEVNULL,
    /** {@code None}: the child shares this JVM's stream. */
    INHERIT
}
