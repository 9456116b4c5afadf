/**
 * asyncio's model in Java 25: one concept per class, named after its asyncio counterpart.
 *
 * <table class="striped">
 * <caption>asyncio names and their Java counterparts</caption>
 * <tr><th>asyncio</th><th>here</th></tr>
 * <tr><td>{@code asyncio.AbstractEventLoop}, {@code BaseEventLoop}</td><td>{@link io.github.asyncioworkbook.loop.EventLoop}</td></tr>
 * <tr><td>{@code asyncio.Handle}, {@code asyncio.TimerHandle}</td><td>{@link io.github.asyncioworkbook.loop.Handle}, {@link io.github.asyncioworkbook.loop.TimerHandle}</td></tr>
 * <tr><td>{@code asyncio.Future}</td><td>{@link io.github.asyncioworkbook.loop.Future}</td></tr>
 * <tr><td>{@code asyncio.Task}</td><td>{@link io.github.asyncioworkbook.loop.Task}</td></tr>
 * <tr><td>a coroutine object ({@code async def f(): ...; f()})</td><td>{@link io.github.asyncioworkbook.loop.Coroutine}, made with {@link io.github.asyncioworkbook.loop.Asyncio#async}</td></tr>
 * <tr><td>{@code await x}</td><td>{@code x.await()}</td></tr>
 * <tr><td>module functions ({@code asyncio.sleep}, {@code run}, {@code ensure_future}, {@code get_event_loop}, {@code current_task}, {@code all_tasks})</td><td>static methods of {@link io.github.asyncioworkbook.loop.Asyncio}</td></tr>
 * <tr><td>{@code CancelledError}, {@code InvalidStateError}, {@code TimeoutError}</td><td>{@link io.github.asyncioworkbook.loop.CancelledError}, {@link io.github.asyncioworkbook.loop.InvalidStateError}, {@link io.github.asyncioworkbook.loop.TimeoutError}</td></tr>
 * <tr><td>{@code GeneratorExit} thrown by {@code coroutine.close()}</td><td>{@link io.github.asyncioworkbook.loop.CoroutineExit}</td></tr>
 * <tr><td>{@code repr()}, {@code reprlib.repr()}</td><td>{@link io.github.asyncioworkbook.loop.Repr}</td></tr>
 * <tr><td>{@code logging} as asyncio and the lessons use it</td><td>{@link io.github.asyncioworkbook.loop.Log}</td></tr>
 * <tr><td>{@code time.monotonic}; Trio's {@code MockClock}</td><td>{@link io.github.asyncioworkbook.loop.Clock}</td></tr>
 * <tr><td>Trio's {@code Instrument}</td><td>{@link io.github.asyncioworkbook.loop.Instrument}</td></tr>
 * </table>
 *
 * <h2 id="threading">Threading and memory effects</h2>
 * Each task's coroutine runs on a virtual thread of its own, and an event loop has a single turn that
 * exactly one thread holds at a time: only the holder runs callbacks or a coroutine body. The turn
 * passes through a volatile field, so all that one holder did is visible to the next. Objects of
 * this package are not thread-safe and belong to their loop; the one entry point for other threads
 * is {@link io.github.asyncioworkbook.loop.EventLoop#callSoonThreadsafe}.
 */
package io.github.asyncioworkbook.loop;
