package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the command that runs a main class of the test class path in a child JVM. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The same {@code java}, class path and coroutine runner as this JVM, on a real clock.
     *
     * @param main the class with {@code main}
     * @param args its arguments
     * @return the command line
     */
    static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        String runner = System.getProperty("loopcore.runner", "continuation");
        if (runner.equals("continuation")) {
            command.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED");
        }
        command.add("-Dloopcore.runner=" + runner);
        command.add("-Dloopcore.clock=real");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
