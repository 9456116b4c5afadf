package io.github.asyncioworkbook.loop.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A fiber whose body runs on a virtual thread of its own. The resumer and the body pass a single
 * turn between them through the volatile {@link #turn} field: whoever does not hold it waits
 * (briefly spinning, then parked). Writing {@code turn} is the hand-over, so everything one side did
 * before it is visible to the other afterwards.
 */
final class ThreadFiber implements Fiber {
    private static final int RESUMER = 0;
    private static final int BODY = 1;
    private static final int DONE = 2;

    /**
     * With two or more carriers the turn often comes back within a microsecond, and checking first
     * saves a park/unpark pair; with one carrier the other side cannot run while we check.
     * {@code loopcore.spins} overrides the count (0 turns it off).
     */
    private static final int SPINS = ThreadRunner.carrierParallelism() > 1 ? Integer.getInteger("loopcore.spins", 64) : 0;

    private final Runnable body;
    private volatile int turn = RESUMER;
    private Thread thread;
    /** The thread waiting in resume(); written before the turn is handed to the body. */
    private volatile Thread resumer;
    private boolean started;

    ThreadFiber(Runnable body) {
        this.body = body;
    }

    @Override
    public boolean resume() {
        if (turn == DONE) {
            throw new IllegalStateException("fiber is done");
        }
        if (turn == BODY || resumer != null) {
            throw new IllegalStateException("fiber is already running");
        }
        Thread me = Thread.currentThread();
        resumer = me;
        if (!started) {
            started = true;
            thread = Thread.ofVirtual().name("loopcore-coroutine").unstarted(this::main);
            turn = BODY;
            thread.start();
        } else {
            turn = BODY;
            LockSupport.unpark(thread);
        }
        awaitTurn(RESUMER, DONE);
        resumer = null;
        if (turn == DONE) {
            Threads.joinUninterruptibly(thread);
            return true;
        }
        return false;
    }

    @Override
    public void suspend() {
        checkSuspend();
        Thread back = resumer;
        turn = RESUMER;
        LockSupport.unpark(back);
        awaitTurn(BODY, BODY);
    }

    @Override
    public void checkSuspend() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("suspend() called outside the fiber's body");
        }
    }

    private void main() {
        try {
            body.run();
        } finally {
            Thread back = resumer;
            turn = DONE;
            LockSupport.unpark(back);
        }
    }

    /**
     * Waits until {@code turn} is {@code a} or {@code b}. An interrupt does not end the wait (it
     * would make park return at once, forever); the interrupt status is restored afterwards, so it
     * stays with the thread that had it.
     */
    private void awaitTurn(int a, int b) {
        for (int i = 0; i < SPINS; i++) {
            int t = turn;
            if (t == a || t == b) {
                return;
            }
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        for (int t = turn; t != a && t != b; t = turn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isDone() {
        return turn == DONE;
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public Thread bodyThread() {
        return thread;
    }

    @Override
    public StackTraceElement[] stackTrace() {
        Thread t = thread;
        if (t == null || turn == DONE) {
            return new StackTraceElement[0];
        }
        return t == Thread.currentThread() ? new Throwable().getStackTrace() : t.getStackTrace();
    }
}
