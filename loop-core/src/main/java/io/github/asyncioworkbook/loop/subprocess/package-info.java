/**
 * The high-level subprocess API: asyncio's {@code asyncio.subprocess} module. {@link
 * io.github.asyncioworkbook.loop.subprocess.Process} is what
 * {@link io.github.asyncioworkbook.loop.Asyncio#createSubprocessExec} and
 * {@link io.github.asyncioworkbook.loop.Asyncio#createSubprocessShell} return: a child process whose
 * pipes are streams ({@link io.github.asyncioworkbook.loop.StreamWriter} for stdin,
 * {@link io.github.asyncioworkbook.loop.StreamReader} for stdout and stderr), with
 * {@code waitForExit} and {@code communicate}.
 *
 * <p>It sits on the low-level API of the event loop
 * ({@link io.github.asyncioworkbook.loop.EventLoop#subprocessExec},
 * {@link io.github.asyncioworkbook.loop.SubprocessTransport}), as {@code asyncio/subprocess.py}
 * sits on {@code loop.subprocess_exec}. It is a package of its own so that its {@code Process}
 * does not clash with {@code java.lang.Process} inside the loop's package; code that imports
 * {@code io.github.asyncioworkbook.loop.*} can hold a process in a {@code var}.
 */
package io.github.asyncioworkbook.loop.subprocess;
