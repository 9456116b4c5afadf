package io.github.asyncioworkbook.loop;

import java.lang.ref.Cleaner;

/**
 * Follows one {@link Coroutine} until it starts or is closed; if the JVM collects it before, reports
 * CPython's {@code RuntimeWarning: coroutine 'f' was never awaited}, with the stack that created it
 * when it was created while a loop in debug mode ran on the thread ({@code cr_origin},
 * "Coroutine created at (most recent call last)"). Holds the coroutine's body and name, never the
 * coroutine itself.
 */
final class NeverAwaited implements Runnable {
    private final Object body;
    private final String explicitName;
    private final ObjectOrigin origin;
    private volatile boolean consumed;
    private final Cleaner.Cleanable cleanable;

    private NeverAwaited(Coroutine<?> coroutine, Object body, String explicitName, ObjectOrigin origin) {
        this.body = body;
        this.explicitName = explicitName;
        this.origin = origin;
        this.cleanable = CollectedObjects.CLEANER.register(coroutine, this);
    }

    /**
     * Starts following a coroutine being constructed.
     *
     * @param coroutine the coroutine
     * @param body the lambda or method reference its name is read from
     * @param explicitName its explicit name, or {@code null}
     * @return the follower, to be {@linkplain #consumed() told} when the coroutine starts or closes
     */
    static NeverAwaited follow(Coroutine<?> coroutine, Object body, String explicitName) {
        EventLoop loop = EventLoop.runningOnThisThread();
        ObjectOrigin origin = loop != null && loop.getDebug() ? ObjectOrigin.capture() : null;
        return new NeverAwaited(coroutine, body, explicitName, origin);
    }

    /** The coroutine started or was closed: nothing to report, and it is followed no longer. */
    void consumed() {
        if (!consumed) {
            consumed = true;
            cleanable.clean();
        }
    }

    /** {@return the stack that created the coroutine, or {@code null} when it was not recorded} */
    ObjectOrigin origin() {
        return origin;
    }

    /** Runs on the cleaner's thread once the coroutine is collected (or on {@link #consumed()}). */
    @Override
    public void run() {
        if (consumed) {
            return;
        }
        String name = explicitName != null ? explicitName : FunctionInfo.ofCoroutineBody(body).name();
        Warnings.warn(Warnings.Category.RUNTIME_WARNING, "coroutine '" + name + "' was never awaited",
                origin, "Coroutine created at (most recent call last)");
    }
}
