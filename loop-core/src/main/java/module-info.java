/**
 * loop-core: Python's asyncio in Java 25. The package {@code io.github.asyncioworkbook.loop} is the
 * public API (event loop, futures, tasks, coroutines, synchronization, queues), with
 * {@code io.github.asyncioworkbook.loop.subprocess} for asyncio's {@code asyncio.subprocess}; the internal
 * package holds the coroutine runners and is not exported.
 *
 * <p>The fast coroutine runner uses the JDK's continuations, which {@code java.base} does not
 * export: run with {@code --add-exports java.base/jdk.internal.vm=io.github.asyncioworkbook.loop}
 * on the module path, or {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} on the class
 * path. Without it loop-core falls back to one virtual thread per task, with the same behaviour.
 */
module io.github.asyncioworkbook.loop {
    requires jdk.unsupported;

    exports io.github.asyncioworkbook.loop;
    exports io.github.asyncioworkbook.loop.subprocess;
}
