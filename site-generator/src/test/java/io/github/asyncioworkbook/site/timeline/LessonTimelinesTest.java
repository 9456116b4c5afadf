package io.github.asyncioworkbook.site.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.runner.ClockMode;
import io.github.asyncioworkbook.runner.Lesson;
import io.github.asyncioworkbook.runner.LessonRunner;
import io.github.asyncioworkbook.runner.RunOptions;
import io.github.asyncioworkbook.runner.RunResult;
import io.github.asyncioworkbook.runner.Workbook;
import io.github.asyncioworkbook.site.timeline.Timeline.Cancel;
import io.github.asyncioworkbook.site.timeline.Timeline.Kind;
import io.github.asyncioworkbook.site.timeline.Timeline.Print;
import io.github.asyncioworkbook.site.timeline.Timeline.Slot;
import io.github.asyncioworkbook.site.timeline.Timeline.Timer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timelines of CreateTask, CancelTask and GatherDemo, from one real traced run of each (the
 * runner's ordinary run, as the site build makes it): lanes, step order, suspensions, wake-ups,
 * cancellations, timers and which step and source line printed each output line, then the drawing
 * against a snapshot in {@code src/test/resources/timeline-snapshots/}. After an intended change of
 * the drawing, run once with {@code -Dsnapshots.update=true} and review the diff of those files.
 */
class LessonTimelinesTest {
    private static final Path LESSONS = Path.of("../lessons");
    private static final Path SNAPSHOTS = Path.of("src/test/resources/timeline-snapshots");
    private static final List<String> NAMES = List.of("CreateTask", "CancelTask", "GatherDemo");

    @TempDir
    static Path work;
    private static final Map<String, RunResult> RUNS = new HashMap<>();
    private static final Map<String, String> TRACES = new HashMap<>();
    private static final Map<String, String> SOURCES = new HashMap<>();

    @BeforeAll
    static void runLessons() throws IOException {
        List<Lesson> lessons = Workbook.load(LESSONS).lessons().stream().filter(l -> NAMES.contains(l.name())).toList();
        assertEquals(NAMES.size(), lessons.size(), "lessons listed under " + LESSONS.toAbsolutePath());
        LessonRunner runner = new LessonRunner(lessons, RunOptions.defaults(work));
        for (RunResult r : runner.runAll(ClockMode.VIRTUAL)) {
            assertTrue(r.succeeded(), r.describe());
            RUNS.put(r.lesson().name(), r);
            TRACES.put(r.lesson().name(), Files.readString(runner.tracePath(r.lesson())));
            SOURCES.put(r.lesson().name(), Files.readString(r.lesson().source()));
        }
    }

    private static Timeline timeline(String name) {
        return TraceReader.read(TRACES.get(name), name + ".trace.json");
    }

    /** The 1-based line of the lesson's source that contains {@code snippet} (exactly one must). */
    private static int lineOf(String name, String snippet) {
        List<String> lines = SOURCES.get(name).lines().toList();
        List<Integer> found = java.util.stream.IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(snippet))
                .boxed().toList();
        assertEquals(1, found.size(), snippet + " in " + name);
        return found.getFirst() + 1;
    }

    private static String lane(Timeline t, String label) {
        return t.lanes().stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow().id();
    }

    private static List<String> laneLabels(Timeline t) {
        return t.lanes().stream().map(l -> l.kind() + " " + l.label()).toList();
    }

    private static List<String> slotsInOrder(Timeline t) {
        return t.slots().stream().map(s -> s.step() + " " + s.label() + " #" + s.iteration() + " t=" + TimelineSvg.time(s.loopTime()))
                .toList();
    }

    @Test
    @DisplayName("CreateTask: main creates taskFunc, awaits it, and resumes when taskFunc's only step finishes")
    void createTask() {
        Timeline t = timeline("CreateTask");
        assertEquals(List.of("TASK Task-1 main", "TASK Task-2 taskFunc", "CALLBACKS callbacks"), laneLabels(t),
                "no lane for outside the loop: nothing printed there");
        assertEquals(List.of("1 Task-1 main #1 t=0", "2 Task-2 taskFunc #2 t=0", "3 Task-1 main #3 t=0",
                "4 runUntilCompleteCb() #4 t=0"), slotsInOrder(t));
        Slot first = t.slots().get(0);
        assertEquals("Task-2", first.suspendedOn());
        assertEquals(lane(t, "Task-2 taskFunc"), first.awaitingLane());
        assertEquals(2, t.slots().get(2).resumedBy());
        assertEquals("Task-2", t.slots().get(2).awaited());
        assertEquals("result", t.slots().get(1).outcome());
        assertEquals("result", t.slots().get(2).outcome());
        assertTrue(t.cancels().isEmpty());
        assertEquals(List.of("null Task-1", "1 Task-2"), t.creations().stream().map(c -> c.step() + " " + c.task()).toList(),
                "runUntilComplete makes main outside the loop; main's first step makes taskFunc");
        assertPrints("CreateTask", t, List.of(1, 1, 2, 3, 3), List.of(
                "IO.println(\"creating task\")", "IO.println(\"waiting for \"", "IO.println(\"in taskFunc\")",
                "IO.println(\"task completed \"", "IO.println(\"return value: \""));
    }

    @Test
    @DisplayName("CancelTask: main cancels taskFunc before it starts; its one step receives CancelledError and its body never runs")
    void cancelTask() {
        Timeline t = timeline("CancelTask");
        assertEquals(List.of("1 Task-1 main #1 t=0", "2 Task-2 taskFunc #2 t=0", "3 Task-1 main #3 t=0",
                "4 runUntilCompleteCb() #4 t=0"), slotsInOrder(t));
        Cancel cancel = t.cancels().getFirst();
        assertEquals(1, t.cancels().size());
        assertEquals(1, cancel.step());
        assertEquals(lane(t, "Task-2 taskFunc"), cancel.targetLane());
        assertEquals(lane(t, "Task-1 main"), cancel.lane());
        assertNull(cancel.message());
        Slot taskFunc = t.slots().get(1);
        assertTrue(taskFunc.cancelDelivered());
        assertEquals("cancelled", taskFunc.outcome());
        assertNull(taskFunc.suspendedOn());
        assertFalse(t.slots().get(0).cancelDelivered());
        assertEquals(2, t.slots().get(2).resumedBy(), "main's await of the cancelled task ends after taskFunc's step");
        assertTrue(t.prints().stream().noneMatch(p -> p.text().equals("in taskFunc")));
        assertPrints("CancelTask", t, List.of(1, 1, 1, 3), List.of(
                "IO.println(\"creating task\")", "IO.println(\"canceling task\")", "IO.println(\"canceled task \"",
                "IO.println(\"caught error from canceled task\")"));
    }

    @Test
    @DisplayName("GatherDemo: both phases start in iteration 2 and sleep on timers; phase2 ends at t=1, phase1 at t=2; gather's last done callback wakes main")
    void gatherDemo() {
        Timeline t = timeline("GatherDemo");
        assertEquals(List.of("TASK Task-1 main", "TASK Task-2 phase1", "TASK Task-3 phase2", "CALLBACKS callbacks"), laneLabels(t));
        List<Slot> steps = t.slots().stream().filter(s -> !s.callback()).toList();
        assertEquals(List.of("Task-1 main t=0 GatheringFuture", "Task-2 phase1 t=0 sleep until t=2.0", "Task-3 phase2 t=0 sleep until t=1.0",
                        "Task-3 phase2 t=1 null", "Task-2 phase1 t=2 null", "Task-1 main t=2 null"),
                steps.stream().map(s -> s.label() + " t=" + TimelineSvg.time(s.loopTime()) + " " + s.suspendedOn()).toList());
        assertEquals(steps.get(1).iteration(), steps.get(2).iteration(), "both phases take their first step in the same iteration");
        List<Timer> timers = t.timers();
        assertEquals(List.of(2.0, 1.0), timers.stream().map(Timer::when).toList());
        for (Timer timer : timers) {
            Slot fired = t.slot(timer.firedIn()).orElseThrow();
            assertTrue(fired.callback());
            assertEquals(timer.when(), fired.loopTime());
            assertEquals(timer.number(), fired.timer());
        }
        Slot phase2End = steps.get(3);
        assertEquals(timers.get(1).firedIn(), phase2End.resumedBy(), "phase2 is woken by the callback of its 1 s timer");
        Slot mainEnd = steps.get(5);
        Slot waker = t.slot(mainEnd.resumedBy()).orElseThrow();
        assertTrue(waker.callback(), "gather's outer future is completed in a done callback, not in a task step");
        assertTrue(waker.step() > steps.get(4).step(), "after phase1's last step");
        assertEquals("GatheringFuture", mainEnd.awaited());
        List<Long> iterations = t.slots().stream().map(Slot::iteration).toList();
        assertEquals(iterations.stream().sorted().toList(), iterations, "steps are drawn in iteration order");
        assertEquals(List.of("1 Task-1 main #1 t=0", "2 Task-2 phase1 #2 t=0", "3 Task-3 phase2 #2 t=0",
                "4 setResultUnlessCancelled() #3 t=1", "5 Task-3 phase2 #4 t=1", "6 gather.doneCallback() #5 t=1",
                "7 setResultUnlessCancelled() #6 t=2", "8 Task-2 phase1 #7 t=2", "9 gather.doneCallback() #8 t=2",
                "10 Task-1 main #9 t=2", "11 runUntilCompleteCb() #10 t=2"), slotsInOrder(t),
                "as CPython 3.11: a timer's callback completes the sleep future in one iteration, the task wakes in the next");
        assertPrints("GatherDemo", t, List.of(1, 1, 2, 3, 5, 8, 10), List.of(
                "IO.println(\"starting main\")", "IO.println(\"waiting for phases to complete\")", "IO.println(\"in phase1\")",
                "IO.println(\"in phase2\")", "IO.println(\"done with phase2\")", "IO.println(\"done with phase1\")",
                "IO.println(\"results: \""));
    }

    /** Every output line pairs with a recorded line, printed in {@code steps} from the source lines containing {@code snippets}. */
    private static void assertPrints(String name, Timeline t, List<Integer> steps, List<String> snippets) {
        String output = RUNS.get(name).output();
        List<Print> paired = OutputLinks.pair(output, t.prints());
        assertEquals(OutputLinks.lines(output).size(), paired.size());
        assertTrue(paired.stream().allMatch(p -> p != null), "every shown line is linked: " + paired);
        assertEquals(steps, paired.stream().map(Print::step).toList());
        assertEquals(snippets.stream().map(s -> lineOf(name, s)).toList(), paired.stream().map(Print::line).toList());
        assertTrue(paired.stream().allMatch(p -> p.file().equals(name + ".java")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreateTask", "CancelTask", "GatherDemo"})
    @DisplayName("the drawing matches its snapshot")
    void snapshot(String name) throws IOException {
        String svg = TimelineSvg.render(timeline(name), "tl-" + name, name + ".java 的事件循环时间线", TimelineText.summary(timeline(name)));
        Path file = SNAPSHOTS.resolve(name + ".svg");
        if (Boolean.getBoolean("snapshots.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(file, svg + "\n");
        }
        assertTrue(Files.isRegularFile(file), file + " is missing; run with -Dsnapshots.update=true to create it");
        assertEquals(Files.readString(file).stripTrailing(), svg, "drawing of " + name + " differs from " + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreateTask", "CancelTask", "GatherDemo"})
    @DisplayName("the trace has the trace-event format's required fields, a track name per lane and paired flows")
    void traceFormat(String name) {
        TraceFormat.check(TRACES.get(name), name + ".trace.json");
        Set<String> laneIds = new java.util.HashSet<>();
        timeline(name).lanes().forEach(l -> laneIds.add(l.id()));
        assertTrue(timeline(name).slots().stream().allMatch(s -> laneIds.contains(s.lane())));
        assertTrue(timeline(name).lanes().stream().filter(l -> l.kind() == Kind.TASK).count() >= 2);
    }
}
