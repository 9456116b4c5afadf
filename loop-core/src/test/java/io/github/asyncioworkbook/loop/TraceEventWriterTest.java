package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TraceEventWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The line number of the caller's statement. */
    static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }

    /** Checks the fields the trace-event format requires and returns the events. */
    static List<JsonNode> validEvents(String json) throws Exception {
        JsonNode root = JSON.readTree(json);
        assertTrue(root.get("traceEvents").isArray(), "traceEvents is an array");
        List<JsonNode> events = new ArrayList<>();
        Map<Integer, Integer> flowStarts = new HashMap<>();
        Map<Integer, Integer> flowEnds = new HashMap<>();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.path("ph").asText("");
            assertTrue(e.path("name").isTextual(), "name in " + e);
            assertTrue(e.path("pid").isInt() && e.path("tid").isInt(), "pid and tid in " + e);
            switch (ph) {
                case "M" -> assertTrue(e.path("args").path("name").isTextual() || e.path("args").path("sort_index").isInt(), e.toString());
                case "X" -> {
                    assertTrue(e.path("ts").isNumber() && e.path("dur").isNumber() && e.path("dur").asDouble() >= 0, e.toString());
                    assertTrue(e.path("cat").isTextual(), e.toString());
                }
                case "i" -> assertTrue(e.path("ts").isNumber() && e.path("s").asText().equals("t"), e.toString());
                case "s" -> flowStarts.merge(e.path("id").asInt(), 1, Integer::sum);
                case "f" -> {
                    flowEnds.merge(e.path("id").asInt(), 1, Integer::sum);
                    assertEquals("e", e.path("bp").asText(), e.toString());
                }
                default -> throw new AssertionError("unexpected phase " + ph + " in " + e);
            }
            events.add(e);
        }
        assertEquals(flowStarts, flowEnds, "every flow that starts ends once");
        return events;
    }

    static List<JsonNode> select(List<JsonNode> events, Predicate<JsonNode> p) {
        return events.stream().filter(p).toList();
    }

    static Predicate<JsonNode> ph(String phase, String name) {
        return e -> e.path("ph").asText().equals(phase) && (name == null || e.path("name").asText().equals(name));
    }

    @Test
    @DisplayName("create and await a task: lanes in creation order, steps in order, the awaiting step resumed by the task's last step, lines at their steps and source lines")
    void createTask() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        TraceEventWriter writer = new TraceEventWriter();
        writer.record(loop);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = writer.capture(new PrintStream(bytes, true, StandardCharsets.UTF_8), "stdout");
        int[] lines = new int[3];
        String[] names = new String[2];
        Task<String> main = loop.createTask(Coroutine.named("main", () -> {
            out.println("creating task"); lines[0] = here();
            Task<String> inner = loop.createTask(Coroutine.named("taskFunc", () -> {
                out.println("in taskFunc"); lines[1] = here();
                return "the result";
            }));
            names[1] = inner.getName();
            String r = inner.await();
            out.print("return value: "); out.println(r); lines[2] = here();
            return r;
        }));
        names[0] = main.getName();
        loop.runUntilComplete(main);
        loop.close();
        assertEquals("creating task\nin taskFunc\nreturn value: the result\n", bytes.toString(StandardCharsets.UTF_8));

        List<JsonNode> events = validEvents(writer.toJson());
        List<String> lanes = select(events, e -> e.path("name").asText().equals("thread_name"))
                .stream().map(e -> e.path("tid").asInt() + " " + e.path("args").path("name").asText()).toList();
        assertEquals(List.of("0 outside the loop", "2 " + names[0] + " main", "3 " + names[1] + " taskFunc", "1 callbacks"), lanes,
                "the callbacks lane is named when its first callback runs: runUntilComplete's stopper");

        List<JsonNode> steps = select(events, e -> e.path("ph").asText().equals("X") && e.path("cat").asText().equals("step"));
        assertEquals(List.of("2 1", "3 2", "2 3"), steps.stream()
                .map(e -> e.path("tid").asInt() + " " + e.path("args").path("step").asInt()).toList());
        assertEquals(List.of(1L, 2L, 3L), steps.stream().map(e -> e.path("args").path("iteration").asLong()).toList());
        assertEquals(2, steps.get(2).path("args").path("resumedBy").asInt(), "main resumes because taskFunc's step finished it");
        assertEquals(names[1], steps.get(0).path("args").path("suspended").asText());
        assertEquals("result", steps.get(1).path("args").path("outcome").asText());

        JsonNode suspend = select(events, ph("i", "await")).getFirst();
        assertEquals(3, suspend.path("args").path("awaitingLane").asInt());
        JsonNode create = select(events, ph("i", "create")).get(1);
        assertEquals(2, create.path("tid").asInt(), "taskFunc is created on main's lane");
        assertEquals(1, create.path("args").path("step").asInt());

        List<JsonNode> prints = select(events, ph("i", "print"));
        assertEquals(List.of("creating task", "in taskFunc", "return value: the result"),
                prints.stream().map(e -> e.path("args").path("text").asText()).toList());
        assertEquals(List.of(1, 2, 3), prints.stream().map(e -> e.path("args").path("step").asInt()).toList());
        assertEquals(List.of(lines[0], lines[1], lines[2]), prints.stream().map(e -> e.path("args").path("line").asInt()).toList());
        assertTrue(prints.stream().allMatch(e -> e.path("args").path("file").asText().equals("TraceEventWriterTest.java")));
    }

    @Test
    @DisplayName("a cancellation: requested on the canceller's lane, delivered at the target's next step, which the canceller's step woke; timers scheduled and fired")
    void cancellationAndTimers() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        TraceEventWriter writer = new TraceEventWriter();
        writer.record(loop);
        loop.runUntilComplete(Coroutine.named("outer", () -> {
            Task<Void> inner = loop.createTask(Coroutine.named("inner", () -> {
                Asyncio.sleep(10);
                return null;
            }));
            Asyncio.sleep(1);
            inner.cancel("enough");
            try {
                inner.await();
            } catch (CancelledError e) {
                return "cancelled";
            }
            return "no";
        }));
        loop.close();
        List<JsonNode> events = validEvents(writer.toJson());
        List<JsonNode> slots = select(events, ph("X", null));
        assertEquals(List.of("step 2", "step 3", "callback 1", "step 2", "step 3", "step 2", "callback 1"), slots.stream()
                .map(e -> e.path("cat").asText() + " " + e.path("tid").asInt()).toList());
        JsonNode timerFired = slots.get(2);
        assertEquals(1.0, timerFired.path("args").path("loopTime").asDouble());
        assertEquals(1.0, timerFired.path("args").path("when").asDouble());
        assertEquals(4, slots.get(3).path("args").path("step").asInt());
        assertEquals(3, slots.get(3).path("args").path("resumedBy").asInt(), "outer's sleep ended by the timer callback");

        JsonNode cancel = select(events, ph("i", "cancel")).getFirst();
        assertEquals(2, cancel.path("tid").asInt());
        assertEquals(3, cancel.path("args").path("targetLane").asInt());
        assertEquals("enough", cancel.path("args").path("message").asText());
        assertEquals(4, cancel.path("args").path("step").asInt());

        JsonNode delivered = slots.get(4);
        assertTrue(delivered.path("args").path("cancelDelivered").asBoolean());
        assertEquals(4, delivered.path("args").path("resumedBy").asInt(), "the cancel made inner's sleep future done");
        assertEquals("cancelled", delivered.path("args").path("outcome").asText());
        assertFalse(slots.get(1).path("args").has("cancelDelivered"));

        List<JsonNode> timers = select(events, ph("i", "timer"));
        assertEquals(List.of(1.0, 10.0), timers.stream().map(e -> e.path("args").path("when").asDouble()).toList(),
                "outer's sleep(1) is scheduled in step 1, inner's sleep(10) in step 2; the second never fires");
        assertEquals(1, select(events, ph("X", null).and(e -> e.path("args").has("timer"))).size());
        assertTrue(slots.get(6).path("args").path("callback").asText().startsWith("runUntilCompleteCb("),
                "runUntilComplete's done callback stops the loop: " + slots.get(6));
        assertNotNull(select(events, ph("i", "CancelledError")).getFirst());
        assertEquals(List.of("sleep until t=1.0", "sleep until t=10.0", "Task-" + innerName(slots)),
                select(events, ph("i", "await")).stream().map(e -> e.path("args").path("awaiting").asText()).toList(),
                "a sleep is named by its timer's deadline, a task by its name");
    }

    private static String innerName(List<JsonNode> slots) {
        String task = slots.get(1).path("args").path("task").asText();
        return task.substring("Task-".length());
    }

    @Test
    @DisplayName("a line printed outside any step goes on the 'outside the loop' lane with no step")
    void outsideTheLoop() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        TraceEventWriter writer = new TraceEventWriter();
        writer.record(loop);
        PrintStream out = writer.capture(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "stderr");
        out.println("before");
        loop.close();
        JsonNode print = select(validEvents(writer.toJson()), ph("i", "print")).getFirst();
        assertEquals(0, print.path("tid").asInt());
        assertFalse(print.path("args").has("step"));
        assertEquals("stderr", print.path("args").path("stream").asText());
    }

    @Test
    @DisplayName("a callback that raises an exit (KeyboardInterrupt on Ctrl-C) is still a finished step; what main prints after the run belongs to no step")
    void anExitFromACallbackEndsItsStep() throws Exception {
        EventLoop loop = Loops.virtualLoop();
        TraceEventWriter writer = new TraceEventWriter();
        writer.record(loop);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = writer.capture(new PrintStream(bytes, true, StandardCharsets.UTF_8), "stdout");
        loop.callSoon(() -> out.println("before"));
        loop.callSoon(() -> {
            throw new KeyboardInterrupt();
        });
        try {
            loop.runForever();
            throw new AssertionError("KeyboardInterrupt should escape runForever");
        } catch (KeyboardInterrupt expected) {
            out.println("main: closing");
        } finally {
            loop.close();
        }
        List<JsonNode> events = validEvents(writer.toJson());
        List<JsonNode> callbacks = select(events, e -> e.path("ph").asText().equals("X") && e.path("cat").asText().equals("callback"));
        assertEquals(2, callbacks.size(), "both callbacks are steps: " + callbacks);
        int raising = callbacks.get(1).path("args").path("step").asInt();
        JsonNode after = select(events, e -> e.path("name").asText().equals("print")
                && e.path("args").path("text").asText().equals("main: closing")).getFirst();
        assertFalse(after.path("args").has("step") && after.path("args").path("step").asInt() == raising,
                "a line printed after the run is not the raising callback's: " + after);
    }
}
