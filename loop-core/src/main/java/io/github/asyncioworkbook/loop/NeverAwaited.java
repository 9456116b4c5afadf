package io.github.asyncioworkbook.loop;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one {@link Coroutine} until it starts or is closed; if the JVM collects it before, reports
 * CPython's {@code RuntimeWarning: coroutine 'f' was never awaited}, with the stack that created it
 * when it was created while a loop in debug mode ran on the thread ({@code cr_origin},
 * "Coroutine created at (most recent call last)"). Holds the coroutine's name and origin, never the
 * coroutine or its body (whatever a body captures might lead back to the coroutine and keep it).
 *
 * <p>Following costs a {@link Cleaner} registration, too much for every coroutine of a program that
 * makes 100k tasks. Most coroutines made while a loop runs are handed to a task or awaited at once,
 * so those are first kept in the loop's {@link Young} list, and only the ones still neither started
 * nor owned by a task when the loop's next iteration begins (or the loop closes) are followed. A
 * coroutine made with no loop running on the thread is followed at once.
 */
final class NeverAwaited implements Runnable {
    private final String name;
    private final ObjectOrigin origin;
    private volatile boolean consumed;
    private final Cleaner.Cleanable cleanable;

    private NeverAwaited(Coroutine<?> coroutine, String name, ObjectOrigin origin) {
        this.name = name;
        this.origin = origin;
        this.cleanable = CollectedObjects.CLEANER.register(coroutine, this);
    }

    /**
     * Starts following a coroutine.
     *
     * @param coroutine the coroutine
     * @param body the lambda or method reference its name is read from
     * @param explicitName its explicit name, or {@code null}
     * @param origin where it was created, or {@code null}
     * @return the follower, to be {@linkplain #consumed() told} when the coroutine starts or closes
     */
    static NeverAwaited follow(Coroutine<?> coroutine, Object body, String explicitName, ObjectOrigin origin) {
        // the name now, so that the follower holds no body: what a body captures may lead back to its coroutine
        String name = explicitName != null ? explicitName : FunctionInfo.ofCoroutineBody(body).name();
        return new NeverAwaited(coroutine, name, origin);
    }

    /** The coroutine started or was closed: nothing to report, and it is followed no longer. */
    void consumed() {
        if (!consumed) {
            consumed = true;
            cleanable.clean();
        }
    }

    /** Runs on the cleaner's thread once the coroutine is collected (or on {@link #consumed()}). */
    @Override
    public void run() {
        if (consumed) {
            return;
        }
        Warnings.warn(Warnings.Category.RUNTIME_WARNING, "coroutine '" + name + "' was never awaited",
                origin, "Coroutine created at (most recent call last)");
    }

    /**
     * The coroutines one loop's callbacks and tasks made since its current iteration began, not yet
     * followed. Owned by the thread that runs the loop's code.
     */
    static final class Young {
        private final List<Coroutine<?>> made = new ArrayList<>();

        void add(Coroutine<?> coroutine) {
            made.add(coroutine);
        }

        /**
         * A task has claimed {@code coroutine}: forgets it if it is the last one made, the usual
         * {@code createTask(Coroutine.of(...))}, so that a loop iteration creating 100k tasks does
         * not also grow a list of 100k coroutines it would only skip at the end.
         */
        void claimed(Coroutine<?> coroutine) {
            int last = made.size() - 1;
            if (last >= 0 && made.get(last) == coroutine) {
                made.remove(last);
            }
        }

        /** Follows those still neither started nor owned by a task, and forgets them all. */
        void flush() {
            if (made.isEmpty()) {
                return;
            }
            for (Coroutine<?> c : made) {
                c.followIfUnclaimed();
            }
            made.clear();
        }
    }
}
