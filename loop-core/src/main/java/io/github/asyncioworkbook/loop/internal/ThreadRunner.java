package io.github.asyncioworkbook.loop.internal;

/**
 * The portable runner: each coroutine body on a virtual thread of its own (see
 * {@link CoroutineRunner}). A platform thread parking and unparking on every step would cost tens
 * of microseconds per switch, so a loop started from a platform thread runs on a virtual thread that
 * the caller joins.
 */
final class ThreadRunner implements CoroutineRunner {

    @Override
    public Fiber newFiber(Runnable body) {
        return new ThreadFiber(body);
    }

    @Override
    public void runLoop(Runnable loopBody) {
        if (Thread.currentThread().isVirtual()) {
            loopBody.run();
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread loopThread = Thread.ofVirtual().name("asyncio-event-loop").start(() -> {
            try {
                loopBody.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        Threads.joinUninterruptibly(loopThread);
        if (failure[0] != null) {
            throw Sneaky.rethrow(failure[0]);
        }
    }

    @Override
    public String name() {
        return "threads";
    }

    static int carrierParallelism() {
        String configured = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        if (configured != null) {
            try {
                return Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
