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

    /** {@return whether {@code c} is one of loop-core's classes, its internal package included} */
    static boolean isLoopCore(Class<?> c) {
        String own = CreationPlace.class.getPackageName();
        String p = c.getPackageName();
        return (p.equals(own) || p.startsWith(own + "."))
                && java.util.Objects.equals(codeSource(c), OWN_CODE);
    }

    private static Object codeSource(Class<?> c) {
        var domain = c.getProtectionDomain();
        var source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
