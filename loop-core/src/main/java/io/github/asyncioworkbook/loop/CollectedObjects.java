package io.github.asyncioworkbook.loop;

import java.lang.ref.Cleaner;

/**
 * The one {@link Cleaner} that reports loop-core objects the JVM collected in the wrong state
 * ({@link NeverAwaited}, {@link Unclosed}): asyncio issues these warnings from {@code __del__}
 * methods. Its daemon thread, {@code loopcore-collected-objects}, starts with the first coroutine.
 */
final class CollectedObjects {
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "loopcore-collected-objects");
        t.setDaemon(true);
        return t;
    });

    private CollectedObjects() {
    }
}
