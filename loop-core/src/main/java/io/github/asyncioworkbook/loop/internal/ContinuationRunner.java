package io.github.asyncioworkbook.loop.internal;

/**
 * The fast runner: coroutine bodies are continuations run on the loop's own thread (see
 * {@link CoroutineRunner}). The loop runs on the thread that called {@code runForever}, platform
 * or virtual; a body that blocks (Thread.sleep, blocking I/O) blocks that thread, as in asyncio.
 */
final class ContinuationRunner implements CoroutineRunner {

    @Override
    public Fiber newFiber(Runnable body) {
        return new ContinuationFiber(body);
    }

    @Override
    public void runLoop(Runnable loopBody) {
        loopBody.run();
    }

    @Override
    public String name() {
        return "continuation";
    }
}
