package io.github.asyncioworkbook.loop.internal;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A fiber that is a {@link Continuation} mounted on the thread that resumes it. Resuming costs a
 * copy of the frames the body needs back onto that thread's stack; suspending freezes them into a
 * heap chunk. No thread, no scheduler and no park/unpark are involved.
 *
 * <p>The fiber is the continuation itself (a subclass, not a wrapper): every pending task holds one,
 * so one object fewer per task.
 */
public final class ContinuationFiber extends Continuation implements Fiber {
    /**
     * The scope of every coroutine continuation. A body suspends with
     * {@code Continuation.yield(SCOPE)}, after {@link #checkSuspend()}: {@link #suspend()} does both,
     * and the await path does both itself (see {@link Fiber#yieldsDirectly()}), so that no frame of this class stays in a suspended
     * task's stack chunk.
     */
    public static final ContinuationScope SCOPE = new ContinuationScope("loopcore-coroutine");

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    /** The thread running the body, set by resume (null before the first resume). */
    private Thread thread;
    private boolean running;
    /** The body's interrupt status while it is suspended. */
    private boolean interrupted;

    ContinuationFiber(Runnable body) {
        super(SCOPE, body);
    }

    @Override
    public boolean resume() {
        if (running || isDone()) {
            throw new IllegalStateException(isDone() ? "fiber is done" : "fiber is already running");
        }
        Thread me = Thread.currentThread();
        boolean resumerInterrupted = Thread.interrupted();
        thread = me;
        running = true;
        if (interrupted) {
            interrupted = false;
            me.interrupt();
        }
        try {
            run();
        } finally {
            running = false;
            // The flag set by the body stays with the body: it is restored on the next resume.
            if (Thread.interrupted() && !isDone()) {
                interrupted = true;
            }
            if (resumerInterrupted) {
                me.interrupt();
            }
        }
        return isDone();
    }

    @Override
    public void suspend() {
        checkSuspend();
        Continuation.yield(SCOPE);
    }

    @Override
    public boolean yieldsDirectly() {
        return true;
    }

    @Override
    public void checkSuspend() {
        if (!running || Thread.currentThread() != thread) {
            throw new IllegalStateException("suspend() called outside the fiber's body");
        }
    }

    @Override
    public boolean isStarted() {
        return thread != null;
    }

    @Override
    public Thread bodyThread() {
        return thread;
    }

    @Override
    public StackTraceElement[] stackTrace() {
        if (thread == null || isDone()) {
            return NO_FRAMES;
        }
        if (running) {
            return Thread.currentThread() == thread ? new Throwable().getStackTrace() : NO_FRAMES;
        }
        return getStackTrace();
    }

    /** A clear error where the JVM cannot freeze the body's frames. */
    @Override
    protected void onPinned(Continuation.Pinned reason) {
        throw new IllegalStateException("a coroutine cannot be suspended here: its stack holds "
                + switch (reason) {
                    case NATIVE -> "a native frame (a static initializer, or a call through JNI)";
                    case MONITOR -> "a monitor the JVM cannot release";
                    case CRITICAL_SECTION -> "a JVM critical section";
                    default -> "a frame the JVM cannot freeze";
                } + " (Continuation pinned: " + reason + "); await outside of it");
    }
}
