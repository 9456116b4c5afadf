package io.github.asyncioworkbook.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * The poller of a loop with no I/O registered: the loop's thread parks, and {@link #wakeup}
 * unparks it. A wake-up that comes before the park is not lost: {@code woken} stays set until the
 * next poll consumes it.
 */
final class ParkingPoller implements Poller {
    private volatile boolean woken;
    private volatile Thread parked;
    private boolean interrupted;

    @Override
    public void poll(double seconds) {
        if (woken) {
            woken = false;
            return;
        }
        if (seconds <= 0) {
            return;
        }
        Thread me = Thread.currentThread();
        parked = me;
        long deadline = Double.isInfinite(seconds) ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        while (!woken) {
            if (deadline == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        parked = null;
        woken = false;
    }

    @Override
    public void wakeup() {
        woken = true;
        Thread t = parked;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean takeInterrupt() {
        boolean i = interrupted;
        interrupted = false;
        return i;
    }

    @Override
    public void close() {
    }
}
