package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.loop.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs rendered Java programs inside this JVM: compiles many at once ({@link InMemoryCompiler}), then
 * calls each class's {@code main} with {@code System.out} and {@code System.err} captured, in the
 * order they were written, into one trace. Needs {@code -Dloopcore.clock=virtual} (checked).
 *
 * <p>loop-core's log records (the {@code asyncio} logger of {@link Log}) are marked by a format set
 * here, so that the trace keeps each record's message lines ({@code key: repr} lines included) and
 * drops the Java stack trace printed after it; Python's side likewise keeps messages, not tracebacks.
 * Any other output on {@code System.err} stays in the trace.
 */
final class JavaSide {
    /** How long one program may run in real time before it counts as hung. */
    static final long TIMEOUT_MILLIS = 5_000;
    private static final Pattern RECORD_KEY = Pattern.compile("^[a-z_]+: .*");

    private final InMemoryCompiler compiler = new InMemoryCompiler();
    /** Nanoseconds spent compiling and running, for the progress line. */
    long compileNanos;
    long runNanos;

    JavaSide() {
        String clock = System.getProperty("loopcore.clock");
        if (!"virtual".equals(clock)) {
            throw new IllegalStateException("run with -Dloopcore.clock=virtual (system property loopcore.clock is "
                    + clock + ")");
        }
        Log.basicConfig(Log.Level.WARNING, Trace.LOG_MARK + "%(message)s");
    }

    /**
     * Compiles and runs programs.
     *
     * @return each program's trace, in the order given
     */
    Map<Program, Trace> run(List<Program> programs) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Program p : programs) {
            sources.put(p.name(), JavaRenderer.render(p));
        }
        long t0 = System.nanoTime();
        InMemoryCompiler.Result compiled = compiler.compile(sources);
        compileNanos += System.nanoTime() - t0;
        Map<Program, Trace> traces = new LinkedHashMap<>();
        if (!compiled.ok()) {
            if (programs.size() == 1) {
                traces.put(programs.getFirst(), new Trace(List.of("JAVA COMPILE ERROR", compiled.errors()), Set.of("error")));
                return traces;
            }
            for (Program p : programs) {
                traces.putAll(run(List.of(p)));
            }
            return traces;
        }
        long t1 = System.nanoTime();
        for (Program p : programs) {
            traces.put(p, runCompiled(compiled.loader(), p.name()));
        }
        runNanos += System.nanoTime() - t1;
        return traces;
    }

    /** Runs the program from its model ({@link Interpreter}), without compiling it. */
    Trace interpret(Program p) {
        long t0 = System.nanoTime();
        try {
            return capture(p.name(), () -> Interpreter.main(p));
        } finally {
            runNanos += System.nanoTime() - t0;
        }
    }

    private Trace runCompiled(ClassLoader loader, String className) {
        return capture(className, () -> {
            try {
                Method main = loader.loadClass(className).getMethod("main", String[].class);
                main.invoke(null, (Object) new String[0]);
            } catch (InvocationTargetException e) {
                sneakyThrow(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    /** Runs a program's main on a thread of its own, with its output captured, for at most the timeout. */
    private Trace capture(String name, Runnable main) {
        Capture capture = new Capture();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Set<String> flags = new HashSet<>();
        Throwable[] failure = new Throwable[1];
        Thread runner = Thread.ofPlatform().name("difftest-" + name).daemon().unstarted(() -> {
            try {
                main.run();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
        });
        System.setOut(capture.stream('O'));
        System.setErr(capture.stream('E'));
        try {
            runner.start();
            runner.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        List<String> lines = capture.traceLines();
        // A loop-core that detects the deadlock itself raises DeadlockError out of run(): the same
        // outcome as a program left parked.
        if (lines.removeIf(l -> l.startsWith("run raised DeadlockError("))) {
            lines.add("DEADLOCK");
            flags.add("hang");
            flags.add("deadlock-raised");
        }
        if (runner.isAlive()) {
            // On the virtual clock a program that is still running after this long is parked with no
            // timer left: a deadlock (its threads stay parked; nothing wakes them).
            lines.add("DEADLOCK");
            flags.add("hang");
        }
        if (failure[0] != null) {
            lines.add("JAVA HARNESS ERROR " + failure[0]);
            flags.add("error");
        }
        return new Trace(lines, flags);
    }

    /** Collects lines written to two streams, in order, each tagged with its stream. */
    private static final class Capture {
        private final List<String> tagged = new ArrayList<>();

        synchronized void add(char stream, String line) {
            tagged.add(stream + line);
        }

        PrintStream stream(char tag) {
            OutputStream lines = new OutputStream() {
                private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

                @Override
                public synchronized void write(int b) {
                    if (b == '\n') {
                        add(tag, partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }

                @Override
                public synchronized void flush() {
                    if (partial.size() > 0) {
                        add(tag, partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    }
                }
            };
            return new PrintStream(lines, true, StandardCharsets.UTF_8);
        }

        /** stdout lines, log records with their key lines; stack traces after a record dropped. */
        synchronized List<String> traceLines() {
            List<String> result = new ArrayList<>();
            boolean inRecord = false;
            boolean inKeys = false;
            for (String t : tagged) {
                char stream = t.charAt(0);
                String line = t.substring(1);
                if (stream == 'O') {
                    inRecord = false;
                    result.add(line);
                } else if (!line.isEmpty() && line.charAt(0) == Trace.LOG_MARK) {
                    inRecord = true;
                    inKeys = true;
                    result.add(line);
                } else if (inRecord) {
                    if (inKeys && RECORD_KEY.matcher(line).matches()) {
                        result.add(line);
                    } else {
                        inKeys = false;
                    }
                } else {
                    result.add("STDERR " + line);
                }
            }
            return result;
        }
    }
}
