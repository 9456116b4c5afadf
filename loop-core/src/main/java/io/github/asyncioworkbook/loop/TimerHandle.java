package io.github.asyncioworkbook.loop;

import java.util.StringJoiner;

/**
 * A callback scheduled for a point in time, returned by {@link EventLoop#callLater} and
 * {@link EventLoop#callAt}: asyncio's {@code asyncio.TimerHandle}. Its repr shows the deadline:
 * {@code <TimerHandle when=0.1 callback(2) at Lesson.java:9>}.
 *
 * <p>Timers run in deadline order; timers with the same deadline run in the order they were
 * scheduled (CPython's heap does not promise that; see {@link EventLoop}).
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    private final double when;
    /** Tie-break for equal deadlines: FIFO. */
    private final long sequence;
    /** Whether the loop's timer queue holds this handle. Loop thread only. */
    boolean scheduled;

    TimerHandle(EventLoop loop, double when, long sequence, Runnable action, Object function, Object[] args) {
        super(loop, action, function, args, null, null);
        this.when = when;
        this.sequence = sequence;
    }

    /**
     * @return the absolute deadline in loop time ({@code TimerHandle.when()})
     */
    public double when() {
        return when;
    }

    @Override
    void onCancel() {
        if (scheduled) {
            loop.timerHandleCancelled();
        }
    }

    @Override
    public int compareTo(TimerHandle other) {
        int c = Double.compare(when, other.when);
        return c != 0 ? c : Long.compare(sequence, other.sequence);
    }

    @Override
    String reprInfo() {
        StringJoiner info = new StringJoiner(" ");
        if (cancelled()) {
            info.add("cancelled");
        }
        info.add("when=" + Repr.floatRepr(when));
        if (!cancelled()) {
            String cb = describeCallback();
            if (!cb.isEmpty()) {
                info.add(cb);
            }
        }
        if (createdAt() != null) {
            info.add("created at " + createdAt());
        }
        return info.toString();
    }
}
