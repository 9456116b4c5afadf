package io.github.asyncioworkbook.bench;

import static io.github.asyncioworkbook.loop.Asyncio.async;
import static io.github.asyncioworkbook.loop.Asyncio.sleep;

import io.github.asyncioworkbook.loop.Clock;
import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.Future;
import io.github.asyncioworkbook.loop.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The Java side of the scale rows of {@code ./bench}: one scenario with many tasks, run once in a
 * fresh JVM so that its time includes everything a one-shot program pays (class loading, JIT
 * warm-up, heap growth) and its peak RSS belongs to that scenario alone. The twin of
 * {@code loop-core-bench/python/bench_scale.py}, whose JSON document it writes; uses only
 * loop-core's public API.
 *
 * <pre>
 * java [JVM options] -cp benchmarks.jar io.github.asyncioworkbook.bench.ScaleMain SCENARIO N
 *     [--seed 1] [--json result.json]
 * </pre>
 * <ul>
 * <li>{@code wake N}: N tasks await one {@link Future}; {@code setResult} wakes them all. Seconds:
 *     {@code create} (create the tasks and let each run up to its await), {@code wake}
 *     ({@code setResult} until the last task has resumed), {@code total} (create + wake + awaiting
 *     every task).</li>
 * <li>{@code park N}: N tasks parked on one Future; memory is read while all of them are parked,
 *     then the Future is resolved so that the run ends cleanly. N = 0 is the empty run.</li>
 * <li>{@code sleep N}: N tasks each sleep a random 0-1 s (delays drawn from
 *     {@code SplittableRandom(seed)} before the clock starts; real clock). Seconds: {@code total}
 *     (create the tasks until the last one has finished).</li>
 * </ul>
 * Memory: {@code VmHWM} (peak resident set size) and {@code VmRSS} of this process, read from
 * {@code /proc/self/status} in KiB; for {@code park} while the tasks are parked, otherwise at the
 * end of the run. With them, {@code cpu}: the CPU time (user + system, all threads) the whole
 * process has used so far, in seconds.
 */
public final class ScaleMain {

    private ScaleMain() {
    }

    /** What one scenario measured: named durations in seconds, and the memory figures. */
    record Outcome(Map<String, Double> seconds, Memory memory) {
    }

    /** Peak and current resident set size of this process, in KiB. */
    record Memory(long peakKib, long rssKib) {
        static Memory read() {
            try {
                Map<String, Long> found = new LinkedHashMap<>();
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    int colon = line.indexOf(':');
                    String key = colon < 0 ? "" : line.substring(0, colon);
                    if (key.equals("VmHWM") || key.equals("VmRSS")) {
                        found.put(key, Long.parseLong(line.substring(colon + 1).trim().split("\\s+")[0]));
                    }
                }
                if (found.size() != 2) {
                    throw new IllegalStateException("/proc/self/status has no VmHWM or VmRSS line");
                }
                return new Memory(found.get("VmHWM"), found.get("VmRSS"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/self/status (the scale rows need Linux)", e);
            }
        }
    }

    /**
     * Runs one scenario; see the class comment for the arguments.
     *
     * @param args {@code SCENARIO N [--seed S] [--json FILE]}
     * @throws IOException if the result file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ScaleMain wake|park|sleep N [--seed S] [--json FILE]");
        }
        String scenario = args[0];
        int n = parseCount(args[1]);
        long seed = 1;
        Path json = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(valueOf(args, ++i));
                case "--json" -> json = Path.of(valueOf(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        EventLoop loop = new EventLoop(new Clock.Real());
        Outcome outcome;
        try {
            long s = seed;
            outcome = switch (scenario) {
                case "wake" -> loop.runUntilComplete(async(() -> wake(loop, n)));
                case "park" -> loop.runUntilComplete(async(() -> park(loop, n)));
                case "sleep" -> loop.runUntilComplete(async(() -> sleepRandomly(loop, n, s)));
                default -> throw new IllegalArgumentException(
                        "unknown scenario: " + scenario + " (expected wake, park or sleep)");
            };
        } finally {
            loop.close();
        }
        String label = "loop-core on JDK " + Runtime.version();
        String times = outcome.seconds().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.3f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "[ScaleMain] %s: %s %,d: %s; peak RSS %.1f MiB%n", label, scenario, n, times,
                outcome.memory().peakKib() / 1024.0);
        if (json != null) {
            Files.writeString(json, toJson(scenario, n, seed, label, outcome));
        }
    }

    private static int parseCount(String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("N must be a whole number, 0 or more, not '" + text + "'");
    }

    private static String valueOf(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    // --- the scenarios; each runs inside the loop ------------------------------------------------

    /** The tasks parked on {@code gate} and their counters (only touched by loop-core's tasks). */
    private static final class Parked {
        final Future<Void> gate;
        final List<Task<Void>> tasks;
        int parked;
        int woken;
        long allWokenNanos;

        Parked(Future<Void> gate, int n) {
            this.gate = gate;
            this.tasks = new ArrayList<>(n);
        }
    }

    /** Creates {@code n} tasks that await one future and returns once every one of them is parked. */
    private static Parked parkAll(EventLoop loop, int n) {
        Parked p = new Parked(loop.createFuture(), n);
        for (int i = 0; i < n; i++) {
            p.tasks.add(loop.createTask(async(() -> {
                p.parked++;
                p.gate.await();
                if (++p.woken == n) {
                    p.allWokenNanos = System.nanoTime();
                }
            })));
        }
        while (p.parked < n) {
            sleep(0);
        }
        return p;
    }

    private static Outcome wake(EventLoop loop, int n) {
        long started = System.nanoTime();
        Parked p = parkAll(loop, n);
        long parked = System.nanoTime();
        p.gate.setResult(null);
        for (Task<Void> t : p.tasks) {
            t.await();
        }
        long ended = System.nanoTime();
        if (p.woken != n) {
            throw new IllegalStateException(p.woken + " of " + n + " tasks woke up");
        }
        long allWoken = n == 0 ? parked : p.allWokenNanos;
        return new Outcome(new Seconds().add("create", parked - started).add("wake", allWoken - parked)
                .add("total", ended - started).cpu().map, Memory.read());
    }

    private static Outcome park(EventLoop loop, int n) {
        long started = System.nanoTime();
        Parked p = parkAll(loop, n);
        long parked = System.nanoTime();
        Memory memory = Memory.read();
        Seconds seconds = new Seconds().add("create", parked - started).cpu();
        p.gate.setResult(null);
        for (Task<Void> t : p.tasks) {
            t.await();
        }
        return new Outcome(seconds.map, memory);
    }

    private static Outcome sleepRandomly(EventLoop loop, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] delays = new double[n];
        double longest = 0;
        for (int i = 0; i < n; i++) {
            delays[i] = random.nextDouble();
            longest = Math.max(longest, delays[i]);
        }
        long started = System.nanoTime();
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (double d : delays) {
            tasks.add(loop.createTask(async(() -> sleep(d))));
        }
        for (Task<Void> t : tasks) {
            t.await();
        }
        long ended = System.nanoTime();
        Seconds seconds = new Seconds().add("total", ended - started);
        seconds.map.put("longest_delay", longest);
        seconds.cpu();
        return new Outcome(seconds.map, Memory.read());
    }

    /** Named durations in seconds, in the order they were added. */
    private static final class Seconds {
        final Map<String, Double> map = new LinkedHashMap<>();

        Seconds add(String name, long nanos) {
            map.put(name, nanos / 1e9);
            return this;
        }

        /** Adds {@code cpu}: user + system time of the whole process (every thread) so far. */
        Seconds cpu() {
            var cpu = ProcessHandle.current().info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("this platform does not report process CPU time"));
            map.put("cpu", cpu.toNanos() / 1e9);
            return this;
        }
    }

    private static String toJson(String scenario, int n, long seed, String label, Outcome o) {
        String seconds = o.seconds().entrySet().stream()
                .map(e -> Json.quote(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return String.format(Locale.ROOT,
                "{\"scenario\": %s, \"n\": %d, \"seed\": %d, \"label\": %s, \"executable\": %s, "
                        + "\"seconds\": %s, \"memory_kib\": {\"peak\": %d, \"rss\": %d}}%n",
                Json.quote(scenario), n, seed, Json.quote(label),
                Json.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()), seconds,
                o.memory().peakKib(), o.memory().rssKib());
    }
}
