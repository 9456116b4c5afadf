package io.github.asyncioworkbook.loop;

/** Run by {@link DebugModeTest} in a child JVM with a chosen environment: prints whether a new loop is in debug mode. */
final class DebugEnvChild {
    private DebugEnvChild() {
    }

    public static void main(String[] args) {
        System.out.println("debug=" + new EventLoop(new Clock.Virtual()).getDebug());
    }
}
