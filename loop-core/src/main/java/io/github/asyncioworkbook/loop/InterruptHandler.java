package io.github.asyncioworkbook.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) while {@link Asyncio#run} runs its main task: CPython 3.11's
 * {@code asyncio.Runner._on_sigint}.
 * <ul>
 * <li>The first SIGINT cancels the main task (unless it is done), so every {@code finally} and
 *     {@code catch (CancelledError e)} of the program runs; {@code Asyncio.run} then raises
 *     {@link KeyboardInterrupt} if the cancellation was not taken back.</li>
 * <li>A second SIGINT raises {@link KeyboardInterrupt} in the loop at once, wherever the program is
 *     (in a {@code finally} that awaits, say); the loop lets it through.</li>
 * <li>After the second, the JVM's own SIGINT handling is back: a third Ctrl-C ends the JVM at once
 *     (status 130), for a program whose loop is stuck in a blocking call. Python needs no such step
 *     because its signal handler runs on the blocked thread.</li>
 * </ul>
 * The JVM delivers signals on a thread of its own, so each step reaches the loop through
 * {@link EventLoop#callSoonThreadsafe}, which also wakes a loop blocked in its poller. Installed only
 * when nothing else handles SIGINT (as CPython checks for {@code signal.default_int_handler}):
 * a loop's {@code addSignalHandler(SIGINT, ...)} or a second concurrent {@code Asyncio.run} keeps
 * its own.
 */
final class InterruptHandler {
    private final EventLoop loop;
    private final Task<?> mainTask;
    private final AtomicInteger interrupts = new AtomicInteger();
    private final boolean installed;

    private InterruptHandler(EventLoop loop, Task<?> mainTask) {
        this.loop = loop;
        this.mainTask = mainTask;
        this.installed = Signals.SIGINT > 0 && SignalHandlers.installIfDefault(Signals.SIGINT, this::onSigint);
    }

    /**
     * Installs the handler for {@code mainTask}, if SIGINT is free.
     *
     * @param loop the runner's loop
     * @param mainTask the task Ctrl-C cancels
     * @return the handler; {@link #remove()} it when the main task is over
     */
    static InterruptHandler install(EventLoop loop, Task<?> mainTask) {
        return new InterruptHandler(loop, mainTask);
    }

    /** {@return whether SIGINT arrived at least once ({@code _interrupt_count > 0})} */
    boolean interrupted() {
        return interrupts.get() > 0;
    }

    /** Gives SIGINT back to the JVM, as the runner puts back {@code default_int_handler}. */
    void remove() {
        if (installed) {
            SignalHandlers.restore(Signals.SIGINT);
        }
    }

    /** On the JVM's signal thread. */
    private void onSigint() {
        int n = interrupts.incrementAndGet();
        if (n == 1) {
            post(() -> {
                if (!mainTask.done()) {
                    mainTask.cancel();
                } else {
                    throw new KeyboardInterrupt();
                }
            });
            return;
        }
        if (n == 2) {
            SignalHandlers.restore(Signals.SIGINT);
        }
        post(() -> {
            throw new KeyboardInterrupt();
        });
    }

    private void post(Callback step) {
        try {
            loop.callSoonThreadsafe(step);
        } catch (IllegalStateException closed) {
            // the run is over; the JVM's handler is back
        }
    }
}
