package io.github.asyncioworkbook.loop;

/**
 * Keeps the JVM alive while a pool has jobs queued or running, and only then: what Python's
 * {@code concurrent.futures} gets from its exit hook, which lets the pool's running and queued jobs
 * finish at interpreter exit and then ends the idle workers. The pools' own threads are daemons, so
 * an idle pool never holds the JVM; while any job is unfinished, one non-daemon thread of this class
 * waits for the count to reach zero.
 */
final class ExitKeeper {
    private final String name;
    /** Guarded by {@code this}. */
    private int unfinished;

    /**
     * @param name the waiting thread's name
     */
    ExitKeeper(String name) {
        this.name = name;
    }

    /** A job was queued. */
    synchronized void jobQueued() {
        if (unfinished++ == 0) {
            Thread.ofPlatform().name(name).start(this::holdUntilIdle);
        }
    }

    /**
     * Jobs ended (ran, failed or were dropped).
     *
     * @param count how many
     */
    synchronized void jobsEnded(int count) {
        unfinished -= count;
        if (unfinished <= 0) {
            unfinished = 0;
            notifyAll();
        }
    }

    private synchronized void holdUntilIdle() {
        while (unfinished > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
