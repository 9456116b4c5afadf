package io.github.asyncioworkbook.runner;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Finds, compiles and runs lessons.
 *
 * <p>The lessons come from the lesson list ({@link Workbook}); {@code <Name>.out} beside each is
 * its expected output (a missing or empty one is an error, see {@link Lesson#expectedOutput()}).
 *
 * <p>With {@link Launcher#JAVA} all lessons are compiled once, in one {@code javax.tools} run,
 * into {@code workDir/classes} against {@link RunOptions#classpath()}, and each is then run as
 * <pre>{@code <java.home>/bin/java -cp <classpath>:<classes> -Dloopcore.clock=<clock>
 *     -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 <Name>}</pre>
 * With {@link Launcher#JBANG} each is run as
 * {@code <repo>/jbang --quiet -Dloopcore.clock=<clock> -Dstdout.encoding=UTF-8
 * -Dstderr.encoding=UTF-8 <path to Name.java>}. Either way the process runs in the lesson's
 * folder with {@code LOOPCORE_CLOCK=<clock>} in its environment, stdin closed, stdout and stderr
 * merged, and is killed with all its descendants when {@link RunOptions#timeout()} passes.
 * Every run also gets {@code -Dloopcore.trace=<workDir>/traces/<Name>.trace.json}: loop-core then
 * records that very run (see {@link #tracePath(Lesson)}); a lesson with a {@code <Name>.hosts} file
 * also gets {@code -Djdk.net.hosts.file=<that file>} (see {@link LessonHosts}).
 *
 * <p>A lesson's run with arguments ({@link Lesson#runs()}, {@link ArgumentRun}) is run the same
 * way, with its arguments after the class or file name.
 *
 * <p>Instances are thread-safe; the compilation happens at most once per runner.
 */
public final class LessonRunner {

    /** The loop-core class whose code source tells where loop-core is. */
    public static final String LOOP_CORE_MARKER = "io.github.asyncioworkbook.loop.EventLoop";
    /** System property loop-core reads to choose its clock. */
    public static final String CLOCK_PROPERTY = "loopcore.clock";
    /** Environment variable loop-core reads to choose its clock. */
    public static final String CLOCK_ENV = "LOOPCORE_CLOCK";
    /** System property naming the file loop-core writes its trace to (loop-core's {@code TraceEventWriter.PROPERTY}). */
    public static final String TRACE_PROPERTY = "loopcore.trace";

    private static final List<String> UTF8_STREAMS = List.of("-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

    private final List<Lesson> lessons;
    private final RunOptions options;
    private Path compiled;
    private RuntimeException compileFailure;

    /**
     * Creates a runner; nothing is compiled or run yet.
     *
     * @param lessons the lessons this runner compiles together (see {@link #forWorkbook(Workbook, RunOptions)})
     * @param options how to compile and run them
     */
    public LessonRunner(List<Lesson> lessons, RunOptions options) {
        this.lessons = List.copyOf(lessons);
        this.options = options;
    }

    /**
     * Shorthand for {@code new LessonRunner(workbook.runs(), options)}: every lesson, and each of its
     * runs with arguments.
     *
     * @param workbook the lesson list, loaded
     * @param options  how to compile and run the lessons
     * @return a runner for every listed lesson, in list order
     */
    public static LessonRunner forWorkbook(Workbook workbook, RunOptions options) {
        return new LessonRunner(workbook.runs(), options);
    }

    /**
     * Where loop-core is: the code source of {@value #LOOP_CORE_MARKER} as loaded by this class's
     * class loader.
     *
     * @return loop-core's jar or classes directory, or empty if that class is not loadable
     */
    public static Optional<Path> loopCoreLocation() {
        try {
            Class<?> marker = Class.forName(LOOP_CORE_MARKER, false, LessonRunner.class.getClassLoader());
            CodeSource source = marker.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The classpath lessons get by default: {@link #loopCoreLocation()} if found, else every entry
     * of this JVM's {@code java.class.path} (so a lesson using loop-core then fails to compile with
     * a note saying loop-core is missing).
     *
     * @return the default classpath
     */
    public static List<Path> defaultClasspath() {
        return loopCoreLocation().map(List::of).orElseGet(() -> Arrays.stream(
                        System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList());
    }

    /** {@return the lessons, in the order given at construction} */
    public List<Lesson> lessons() {
        return lessons;
    }

    /** {@return the options} */
    public RunOptions options() {
        return options;
    }

    /**
     * Compiles all lessons together (once; later calls return the same directory or rethrow the
     * same failure).
     *
     * @return the directory holding the compiled classes
     * @throws LessonCompilationException listing every error as {@code file:line: error: message}
     */
    public synchronized Path compile() {
        if (compiled == null && compileFailure == null) {
            Path classes = options.workDir().resolve("classes");
            try {
                LessonCompiler.compile(lessons, options.classpath(), classes);
                compiled = classes;
            } catch (RuntimeException e) {
                compileFailure = e;
            }
        }
        if (compileFailure != null) {
            throw compileFailure;
        }
        return compiled;
    }

    /**
     * Runs one lesson (compiling all lessons first if the launcher is {@link Launcher#JAVA}).
     *
     * @param lesson one of {@link #lessons()} (for {@link Launcher#JBANG}, any lesson)
     * @param clock  the clock loop-core should use
     * @return what happened; a non-zero exit or a timeout is reported there, not thrown
     * @throws LessonCompilationException if the lessons do not compile
     */
    public RunResult run(Lesson lesson, ClockMode clock) {
        return runWithArguments(lesson, clock, List.of());
    }

    /**
     * Runs one lesson with command-line arguments (a pair's port, see {@link PairRun}), otherwise as
     * {@link #run(Lesson, ClockMode)}.
     *
     * @param lesson    one of {@link #lessons()}
     * @param clock     the clock loop-core should use
     * @param arguments the lesson's arguments
     * @return what happened; a non-zero exit or a timeout is reported there, not thrown
     */
    public RunResult runWithArguments(Lesson lesson, ClockMode clock, List<String> arguments) {
        prepareTrace(lesson);
        List<String> command = command(lesson, clock, arguments);
        Path directory = lesson.source().toAbsolutePath().getParent();
        ProcessRun.Outcome outcome = ProcessRun.run(command, directory, Map.of(CLOCK_ENV, clock.value()), options.timeout());
        return new RunResult(lesson, clock, outcome.exitCode(), outcome.output(), outcome.elapsed(), outcome.timedOut());
    }

    /**
     * Runs a lesson and matches its output against its {@code .out} file. The expected file is
     * read first, so a missing or malformed one fails before the lesson runs.
     *
     * @param lesson the lesson
     * @param clock  the clock loop-core should use
     * @return the run and the match
     * @throws ExpectedOutputException    if the {@code .out} file is missing, empty or malformed
     * @throws LessonCompilationException if the lessons do not compile
     */
    public Verification verify(Lesson lesson, ClockMode clock) {
        OutputMatcher expected = lesson.expectedOutput();
        RunResult run = run(lesson, clock);
        return new Verification(run, expected.match(lesson.id() + " (actual output)", run.output()));
    }

    /**
     * Starts every lesson in the background, at most {@link RunOptions#parallelism()} at a time,
     * roughly in list order; returns at once.
     *
     * @param clock the clock loop-core should use
     * @return one future per lesson, in the order of {@link #lessons()}; a future fails only
     *         for a compilation error or an unexpected problem
     */
    public List<CompletableFuture<RunResult>> startAll(ClockMode clock) {
        return start(lessons, clock);
    }

    /**
     * As {@link #startAll(ClockMode)}, for some of the lessons only (those that run alone, say).
     *
     * @param which lessons of this runner
     * @param clock the clock loop-core should use
     * @return one future per lesson, in the order of {@code which}
     */
    public List<CompletableFuture<RunResult>> start(List<Lesson> which, ClockMode clock) {
        Semaphore slots = new Semaphore(options.parallelism(), true);
        Executor executor = task -> Thread.ofVirtual().name("lesson-run").start(task);
        List<CompletableFuture<RunResult>> futures = new ArrayList<>();
        for (Lesson lesson : which) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    return run(lesson, clock);
                } finally {
                    slots.release();
                }
            }, executor));
        }
        return futures;
    }

    /**
     * Runs every lesson (in parallel as {@link #startAll(ClockMode)} does) and waits for all.
     *
     * @param clock the clock loop-core should use
     * @return the results, in the order of {@link #lessons()}
     * @throws LessonCompilationException if the lessons do not compile
     */
    public List<RunResult> runAll(ClockMode clock) {
        if (options.launcher() == Launcher.JAVA) {
            compile();
        }
        return startAll(clock).stream().map(CompletableFuture::join).toList();
    }

    /**
     * Where a run of {@code lesson} leaves loop-core's trace of itself (Chrome trace-event JSON,
     * with every output line and the source line that printed it). A run replaces it; it is absent
     * if the run made no event loop or loop-core predates tracing.
     *
     * @param lesson a lesson
     * @return {@code <workDir>/traces/<Name>.trace.json} ({@code <Name>.<label>.trace.json} for a
     *         run with arguments, see {@link Lesson#runKey()})
     */
    public Path tracePath(Lesson lesson) {
        return options.workDir().resolve("traces").resolve(lesson.runKey() + ".trace.json").toAbsolutePath();
    }

    void prepareTrace(Lesson lesson) {
        try {
            Files.createDirectories(tracePath(lesson).getParent());
            Files.deleteIfExists(tracePath(lesson));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare " + tracePath(lesson), e);
        }
    }

    /** The command that runs {@code lesson} with {@code arguments} (after its name or file). */
    List<String> command(Lesson lesson, ClockMode clock, List<String> arguments) {
        List<String> command = new ArrayList<>();
        String clockProperty = "-D" + CLOCK_PROPERTY + "=" + clock.value();
        String traceProperty = "-D" + TRACE_PROPERTY + "=" + tracePath(lesson);
        if (options.launcher() == Launcher.JBANG) {
            command.add(jbang(lesson).toString());
            command.add("--quiet");
            command.add(clockProperty);
            command.add(traceProperty);
            command.addAll(UTF8_STREAMS);
            command.addAll(LessonHosts.jvmOptions(lesson));
            command.add(lesson.source().toAbsolutePath().toString());
            command.addAll(lesson.arguments());
            command.addAll(arguments);
        } else {
            Path classes = compile();
            List<Path> classpath = new ArrayList<>(options.classpath());
            classpath.add(classes);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath.stream().map(p -> p.toAbsolutePath().toString()).toList()));
            command.addAll(javaOptions(lesson.source()));
            command.add(clockProperty);
            command.add(traceProperty);
            command.addAll(UTF8_STREAMS);
            command.addAll(LessonHosts.jvmOptions(lesson));
            command.add(lesson.name());
            command.addAll(lesson.arguments());
            command.addAll(arguments);
        }
        return command;
    }

    /**
     * The JVM options a lesson asks JBang for ({@code //JAVA_OPTIONS a b}), so that the java
     * launcher starts the lesson's JVM the way JBang does.
     */
    static List<String> javaOptions(Path source) {
        try (var lines = Files.lines(source)) {
            return lines.filter(l -> l.startsWith("//JAVA_OPTIONS "))
                    .flatMap(l -> Arrays.stream(l.substring("//JAVA_OPTIONS ".length()).trim().split("\\s+")))
                    .filter(o -> !o.isEmpty())
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + source, e);
        }
    }

    private Path jbang(Lesson lesson) {
        if (options.jbang() != null) {
            return options.jbang().toAbsolutePath();
        }
        for (Path dir = lesson.source().toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("jbang");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no executable 'jbang' launcher found in " + lesson.source().toAbsolutePath().getParent()
                + " or any folder above it (needed for -D" + RunOptions.LAUNCHER_PROPERTY + "=jbang)");
    }
}
