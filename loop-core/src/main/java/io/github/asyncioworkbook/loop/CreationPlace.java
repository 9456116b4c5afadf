package io.github.asyncioworkbook.loop;

/**
 * Where user code created a future, task or handle: the first stack frame outside loop-core, as
 * {@code File.java:LINE}. asyncio records the creation traceback in debug mode and shows its last
 * frame in reprs ({@code <Future pending created at Lesson.java:12>}); so do we, only when the
 * loop's debug mode is on, since walking the stack costs microseconds.
 */
final class CreationPlace {
    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Where loop-core's own classes were loaded from; frames from there are not the user's. */
    private static final Object OWN_CODE = codeSource(CreationPlace.class);

    private CreationPlace() {
    }

    /** {@return the creation place, or {@code null} when debug mode is off or no frame is found} */
    static String capture(EventLoop loop) {
        if (loop == null || !loop.getDebug()) {
            return null;
        }
        return WALKER.walk(frames -> frames
                .filter(f -> f.getFileName() != null && !isLoopCore(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse(null));
    }

    private static boolean isLoopCore(Class<?> c) {
        return c.getPackageName().equals(CreationPlace.class.getPackageName())
                && java.util.Objects.equals(codeSource(c), OWN_CODE);
    }

    private static Object codeSource(Class<?> c) {
        var domain = c.getProtectionDomain();
        var source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
