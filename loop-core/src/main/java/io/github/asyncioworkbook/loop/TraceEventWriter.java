package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what event loops do and writes it in the Chrome trace-event JSON format, which Perfetto
 * ({@code ui.perfetto.dev}) and {@code chrome://tracing} open. asyncio has no counterpart; this is
 * the kind of view {@code aiomonitor} or Trio's instruments give.
 *
 * <p>Use it in a program with the system property {@value #PROPERTY}{@code =FILE}: every event
 * loop the program creates is then recorded, standard output and error are captured line by line
 * with the source line that printed each, and the trace is written to {@code FILE} when the JVM
 * exits. Or by hand: {@link #record(EventLoop)} each loop, optionally {@link #capture} a stream,
 * then {@link #writeTo(Path)}.
 *
 * <h2>What the trace holds</h2>
 * One process ({@code pid}) per recorded loop, one thread track ({@code tid}) per lane: {@code 0}
 * for code outside the loop, {@code 1} for plain callbacks, then one per task in creation order,
 * named {@code Task-N coroName}. Times ({@code ts}, {@code dur}) are microseconds of real time since
 * the writer was made; the loop's own clock, which may be virtual, is in {@code args.loopTime}.
 * <ul>
 * <li>{@code "ph":"X"} a task step (category {@code step}) or a plain callback ({@code callback});
 *     {@code args.step} numbers steps and callbacks together in the order they ran,
 *     {@code args.iteration} is the loop iteration, {@code args.resumedBy} the step or callback in
 *     which the future the task waited for became done, {@code args.cancelDelivered} marks a step
 *     that started by receiving {@code CancelledError}, {@code args.timer} a timer firing;</li>
 * <li>{@code "ph":"i"} instants: {@code create} (a task was made), {@code await} (a task
 *     suspended; {@code args.awaiting} says on what: a task's name, {@code sleep until t=2.0}, or
 *     the future's class; {@code args.awaitingLane} names the task awaited), {@code cancel} (requested; {@code args.targetLane}), {@code CancelledError}
 *     (delivered), {@code done}, {@code timer} (scheduled; {@code args.when}), {@code print}
 *     (a line of output: {@code args.text}, {@code stream}, {@code file}, {@code line});</li>
 * <li>{@code "ph":"s"}/{@code "f"} flows (category {@code wakeup}) from the step that made a
 *     future done to the step of the task it woke;</li>
 * <li>{@code "ph":"M"} names of processes and tracks.</li>
 * </ul>
 *
 * <p>When no writer records a loop the loop has no instrument and pays nothing. Thread-safe: loops
 * on several threads may share one writer.
 */
public final class TraceEventWriter {
    /** The system property that makes every new event loop record into a trace written at exit. */
    public static final String PROPERTY = "loopcore.trace";

    /** Lane of code running outside any loop callback. */
    static final int OUTSIDE_LANE = 0;
    /** Lane of plain callbacks (not task steps). */
    static final int CALLBACK_LANE = 1;

    private final long origin = System.nanoTime();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private int loops;
    private int slots;
    private int flows;
    /** The step or callback running now, on whichever loop; read by output capture. */
    private volatile Slot active;
    private volatile int lastPid = 1;

    /** A writer whose time zero is now. */
    public TraceEventWriter() {
    }

    /**
     * Records {@code loop} from now on, as its own process in the trace.
     *
     * @param loop the loop
     */
    public void record(EventLoop loop) {
        int pid;
        synchronized (this) {
            pid = ++loops;
            metadata(pid, null, "process_name", "event loop " + pid + " (" + loop.getClock().kind() + " clock)");
        }
        loop.addInstrument(new TraceRecorder(this, loop, pid));
    }

    /**
     * A stream that writes to {@code target} and records each complete line it receives, with the
     * source line that printed it (the innermost caller outside the JDK and loop-core).
     *
     * @param target where the bytes go
     * @param stream the name recorded with each line ({@code stdout}, {@code stderr})
     * @return a stream to install with {@link System#setOut} or {@link System#setErr}
     */
    public PrintStream capture(PrintStream target, String stream) {
        return new PrintStream(new LineCapture(target, target.charset(), stream, this), true, target.charset());
    }

    /**
     * @return the trace as one JSON object: {@code {"traceEvents":[...],"displayTimeUnit":"ms"}}
     */
    public synchronized String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("traceEvents", events);
        root.put("displayTimeUnit", "ms");
        root.put("otherData", Map.of("producer", "loop-core TraceEventWriter", "lanes",
                "tid 0: outside the loop, 1: callbacks, 2+: tasks in creation order"));
        StringBuilder sb = new StringBuilder(events.size() * 160);
        TraceJson.append(sb, root);
        return sb.append('\n').toString();
    }

    /**
     * Writes {@link #toJson()} to a file (UTF-8), replacing it.
     *
     * @param file the file
     * @throws IOException if it cannot be written
     */
    public void writeTo(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    // --- used by TraceRecorder and LineCapture ---------------------------------------------------

    /** A step or callback while it runs. */
    static final class Slot {
        final int id;
        final int pid;
        final int tid;
        final double startMicros;
        final Map<String, Object> args = new LinkedHashMap<>();

        Slot(int id, int pid, int tid, double startMicros) {
            this.id = id;
            this.pid = pid;
            this.tid = tid;
            this.startMicros = startMicros;
        }
    }

    double now() {
        return Math.round((System.nanoTime() - origin) / 1e3 * 1000) / 1000.0;
    }

    synchronized Slot open(int pid, int tid) {
        Slot s = new Slot(++slots, pid, tid, now());
        s.args.put("step", s.id);
        active = s;
        lastPid = pid;
        return s;
    }

    synchronized void close(Slot s, String name, String category) {
        Map<String, Object> e = event("X", name, category, s.pid, s.tid, s.startMicros);
        e.put("dur", Math.max(0.0, now() - s.startMicros));
        e.put("args", s.args);
        events.add(e);
        if (active == s) {
            active = null;
        }
    }

    synchronized int nextFlow() {
        return ++flows;
    }

    /** An instant on {@code tid}, inside {@code within} when a step or callback runs. */
    synchronized void instant(int pid, int tid, String name, String category, Slot within, Map<String, Object> args) {
        Map<String, Object> e = event("i", name, category, pid, tid, now());
        e.put("s", "t");
        if (within != null) {
            args.put("step", within.id);
        }
        e.put("args", args);
        events.add(e);
    }

    synchronized void flow(String phase, int id, int pid, int tid, double ts) {
        Map<String, Object> e = event(phase, "wake-up", "wakeup", pid, tid, ts);
        e.put("id", id);
        if (phase.equals("f")) {
            e.put("bp", "e");
        }
        events.add(e);
    }

    /** Names a process ({@code tid == null}) or a track, and orders tracks by tid. */
    synchronized void metadata(int pid, Integer tid, String kind, String name) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", kind);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid == null ? 0 : tid);
        e.put("args", Map.of("name", name));
        events.add(e);
        if (tid != null) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("name", "thread_sort_index");
            order.put("ph", "M");
            order.put("pid", pid);
            order.put("tid", tid);
            order.put("args", Map.of("sort_index", tid));
            events.add(order);
        }
    }

    /** A line printed on {@code stream}: attributed to the step or callback running now. */
    void line(String stream, String text, StackWalker.StackFrame site) {
        Slot s = active;
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("text", text);
        args.put("stream", stream);
        args.put("file", site == null ? null : site.getFileName());
        args.put("line", site == null ? null : site.getLineNumber());
        args.put("method", site == null ? null : site.getMethodName());
        if (s == null) {
            args.put("lane", OUTSIDE_LANE);
        }
        instant(s == null ? lastPid : s.pid, s == null ? OUTSIDE_LANE : s.tid, "print", "output", s, args);
    }

    private static Map<String, Object> event(String phase, String name, String category, int pid, int tid, double ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("cat", category);
        e.put("ph", phase);
        e.put("ts", ts);
        e.put("pid", pid);
        e.put("tid", tid);
        return e;
    }
}
