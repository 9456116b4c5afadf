package io.github.asyncioworkbook.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * The single turn of an {@link EventLoop}: at every moment at most one thread holds it, and only
 * that thread may run the loop's callbacks or a coroutine body. The turn changes hands only through
 * {@link #passTo}, which writes the volatile {@code holder} that the receiving thread reads in
 * {@link #await}: everything the old holder did happens-before what the new holder does.
 *
 * <p>Invariant: a thread runs loop code only between {@code await()} returning (or being handed
 * the turn at creation with {@link #give}) and its next {@code passTo}.
 */
final class Turn {
    /**
     * How often a thread that gave the turn away checks for it before parking. With two or more
     * carrier threads the turn often comes back within a microsecond (ping-pong between two tasks),
     * and checking first saves a park/unpark pair, which costs a cross-core wake-up. With a single
     * carrier the thread that would bring the turn back cannot run while we check, so we never spin.
     * Measured on 2 cores: Future ping-pong between two tasks 0.80 us/switch without, 0.43-0.53 with
     * 64 checks. The system property {@code loopcore.spins} overrides the count (0 turns it off).
     */
    private static final int HANDOFF_SPINS = carrierParallelism() > 1 ? Integer.getInteger("loopcore.spins", 64) : 0;

    private volatile Thread holder;

    /** The thread holding the turn, or {@code null} when no one runs the loop. */
    Thread holder() {
        return holder;
    }

    /** Whether the calling thread holds the turn. */
    boolean isMine() {
        return holder == Thread.currentThread();
    }

    /**
     * Gives the turn to {@code to} without waking it: for a thread about to be started, or to set
     * or clear the holder while no other thread is waiting.
     */
    void give(Thread to) {
        holder = to;
    }

    /** Hands the turn to {@code to} and wakes it. The caller must not touch loop state after this. */
    void passTo(Thread to) {
        holder = to;
        LockSupport.unpark(to);
    }

    /** Wakes the holder, if any (a thread-safe submission arrived). */
    void wakeHolder() {
        Thread t = holder;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits until the calling thread holds the turn. */
    void await() {
        Thread me = Thread.currentThread();
        for (int i = 0; i < HANDOFF_SPINS; i++) {
            if (holder == me) {
                return;
            }
            Thread.onSpinWait();
        }
        while (holder != me) {
            LockSupport.park(this);
        }
    }

    private static int carrierParallelism() {
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
