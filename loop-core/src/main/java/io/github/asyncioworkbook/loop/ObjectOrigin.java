package io.github.asyncioworkbook.loop;

import java.util.List;

/**
 * Where user code created an object, as a short call stack: the counterpart of CPython's
 * {@code cr_origin} (kept for coroutines while a loop runs in debug mode,
 * {@code sys.set_coroutine_origin_tracking_depth}) and of the allocation traceback a warning shows
 * for its {@code source} object. Frames of loop-core and of the JDK are left out; at most
 * {@value #DEPTH} frames are kept, asyncio's {@code DEBUG_STACK_DEPTH}.
 *
 * @param frames the frames, most recent first, as {@code File "X.java", line 12, in X.main}
 */
record ObjectOrigin(List<String> frames) {
    /** asyncio's {@code constants.DEBUG_STACK_DEPTH}. */
    static final int DEPTH = 10;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Copies the list. */
    ObjectOrigin {
        frames = List.copyOf(frames);
    }

    /** {@return the caller's stack outside loop-core and the JDK, or {@code null} if it has no such frame} */
    static ObjectOrigin capture() {
        List<String> frames = WALKER.walk(s -> s
                .filter(f -> f.getFileName() != null && !CreationPlace.isLoopCore(f.getDeclaringClass())
                        && !isJdk(f.getDeclaringClass()))
                .limit(DEPTH)
                .map(f -> "File \"" + f.getFileName() + "\", line " + f.getLineNumber() + ", in "
                        + f.getDeclaringClass().getSimpleName() + "." + f.getMethodName())
                .toList());
        return frames.isEmpty() ? null : new ObjectOrigin(frames);
    }

    private static boolean isJdk(Class<?> c) {
        Module m = c.getModule();
        return m.isNamed() && m.getLayer() == ModuleLayer.boot() && m.getName().startsWith("java.")
                || c.getName().startsWith("jdk.") || c.getName().startsWith("sun.");
    }

    /**
     * The stack under a heading, oldest call first, as Python's {@code traceback.format_list}
     * lays it out (without the source lines).
     *
     * @param heading e.g. {@code Coroutine created at (most recent call last)}
     * @return the heading and one indented line per frame, without a final newline
     */
    String format(String heading) {
        StringBuilder s = new StringBuilder(heading);
        for (int i = frames.size() - 1; i >= 0; i--) {
            s.append("\n  ").append(frames.get(i));
        }
        return s.toString();
    }
}
