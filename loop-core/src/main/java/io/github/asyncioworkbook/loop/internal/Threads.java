package io.github.asyncioworkbook.loop.internal;

/** Small thread helpers shared by the runners and the loop. */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits for {@code t} to end; an interrupt meanwhile does not end the wait and is kept for the
     * caller (its interrupt status is set again afterwards), not lost.
     *
     * @param t the thread to wait for
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
