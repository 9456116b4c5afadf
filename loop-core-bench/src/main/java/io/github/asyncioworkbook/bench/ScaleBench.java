package io.github.asyncioworkbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scale rows of {@code ./bench}: many tasks at once, each measurement a whole, fresh process
 * ({@link ScaleMain} in a JVM started with the given options, {@code bench_scale.py} on CPython's
 * asyncio and on uvloop), run one after another in the same session so that the sides of a ratio
 * share the machine's state. The runs of one scenario are interleaved (asyncio, uvloop, loop-core,
 * then again), and each figure is the median of its runs.
 *
 * <p>Rows, for N tasks (100k, or 10k with {@code --quick}) and a big N (1M, or 100k):
 * <ul>
 * <li>N tasks awaiting one Future: {@code setResult} until all have resumed; and the whole run;</li>
 * <li>N tasks each sleeping a seeded random 0-1 s on the real clock: whole run; peak RSS;</li>
 * <li>peak RSS per 100k pending tasks: (peak RSS with N tasks parked on a Future - peak RSS of
 *     the empty run) / N x 100,000, both read by the process itself ({@code VmHWM});</li>
 * <li>big N tasks sleeping a random 0-1 s: whole run; peak RSS.</li>
 * </ul>
 * Targets: loop-core at least 3x CPython asyncio and 1.5x uvloop on each targeted time row, and
 * memory per pending task no more than CPython asyncio's. Every row is "lower is better", so each
 * ratio is the other side's figure over loop-core's: above 1 = loop-core is better.
 */
final class ScaleBench {

    /** The key of loop-core's side; the others are named after their Python role. */
    static final String LOOP_CORE = "loop-core";
    static final double ASYNCIO_TARGET = 3.0;
    static final double UVLOOP_TARGET = 1.5;
    /** loop-core's memory per pending task over CPython's: at most 1, i.e. ratio (CPython / loop-core) >= 1. */
    static final double MEMORY_TARGET = 1.0;

    /** Task counts, runs per process kind, and the seed of the sleep delays. */
    record Settings(int n, int bigN, int repeats, int bigRepeats, long seed) {
        /** 100k and 1M tasks, 3 runs (1 of the 1M run); quick: 10k and 100k tasks, one run each. */
        static Settings of(boolean quick, int repeatsOverride) {
            Settings s = quick ? new Settings(10_000, 100_000, 1, 1, 1) : new Settings(100_000, 1_000_000, 3, 1, 1);
            return repeatsOverride > 0 ? new Settings(s.n, s.bigN, repeatsOverride, repeatsOverride, s.seed) : s;
        }
    }

    /** One side of the comparison and the command that starts its scenario program. */
    record Side(String key, String title, List<String> command) {
    }

    /** One kind of process: a scenario with a task count, run {@code repeats} times per side. */
    private record Job(String scenario, int n, int repeats) {
        String text() {
            return scenario + " " + String.format(Locale.ROOT, "%,d", n);
        }
    }

    /** What one process reported; {@code processSeconds} is its wall time seen from here. */
    private record Run(String label, Map<String, Double> seconds, long peakKib, double processSeconds) {
    }

    /** A median with the smallest and largest run. */
    private record Figure(double value, double low, double high) {
        static Figure of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Figure(median, v[0], v[v.length - 1]);
        }
    }

    /** Turns one side's runs into a row's figure. */
    @FunctionalInterface
    private interface Metric {
        Figure of(Map<Job, List<Run>> runs);
    }

    /** A row; a target of 0 means none. */
    private record Row(String key, String title, String unit, Metric metric, double asyncioTarget,
            double uvloopTarget) {
    }

    /**
     * What {@link #run} produced: the report section, the JSON member, how many targets were
     * judged and missed, and how many runs failed (crashed, timed out or wrote no result).
     */
    record Outcome(String markdown, String json, int checked, int missed, int failedRuns) {
    }

    private final Settings settings;
    private final List<Side> sides;
    private final List<String> jvmOptions;
    private final Map<String, String> skipped;
    private final Path work;
    private final List<Job> jobs;
    private final List<Row> rows;

    /**
     * @param settings   task counts and repeats
     * @param sides      the sides, in the order each round runs them; one has the key {@value #LOOP_CORE}
     * @param jvmOptions the JVM options loop-core's side runs with (shown in the report)
     * @param skipped    side key -> why that side is not run (shown in the report)
     * @param work       where the per-run JSON files go
     */
    ScaleBench(Settings settings, List<Side> sides, List<String> jvmOptions, Map<String, String> skipped, Path work) {
        this.settings = settings;
        if (sides.stream().noneMatch(s -> s.key().equals(LOOP_CORE))) {
            throw new IllegalArgumentException("no " + LOOP_CORE + " side among " + sides);
        }
        this.sides = List.copyOf(sides);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.skipped = new LinkedHashMap<>(skipped);
        this.work = work;
        Job wake = new Job("wake", settings.n(), settings.repeats());
        Job park = new Job("park", settings.n(), settings.repeats());
        Job empty = new Job("park", 0, settings.repeats());
        Job sleep = new Job("sleep", settings.n(), settings.repeats());
        Job bigSleep = new Job("sleep", settings.bigN(), settings.bigRepeats());
        this.jobs = List.of(wake, park, empty, sleep, bigSleep);
        String n = count(settings.n());
        String big = count(settings.bigN());
        this.rows = List.of(
                new Row("wake", n + " tasks awaiting one Future: set_result until all woken", "s",
                        seconds(wake, "wake"), ASYNCIO_TARGET, UVLOOP_TARGET),
                new Row("wake_total", n + " tasks awaiting one Future: whole run (create, park, wake, await each)",
                        "s", seconds(wake, "total"), 0, 0),
                new Row("wake_cpu", n + " tasks awaiting one Future: CPU time of the process (user + sys)", "s",
                        seconds(wake, "cpu"), 0, 0),
                new Row("sleep", n + " tasks each sleeping a random 0-1 s: whole run", "s",
                        seconds(sleep, "total"), ASYNCIO_TARGET, UVLOOP_TARGET),
                new Row("sleep_overhead", n + " tasks each sleeping a random 0-1 s: whole run - longest sleep", "s",
                        overhead(sleep), 0, 0),
                new Row("sleep_cpu", n + " tasks each sleeping a random 0-1 s: CPU time of the process (user + sys)",
                        "s", seconds(sleep, "cpu"), 0, 0),
                new Row("sleep_rss", n + " tasks each sleeping a random 0-1 s: peak RSS", "MiB",
                        peakMib(sleep), 0, 0),
                new Row("pending_memory", "memory per 100k pending tasks (parked on a Future; peak RSS - empty run's)",
                        "MiB", perHundredThousand(park, empty), MEMORY_TARGET, 0),
                new Row("empty_rss", "empty run (loop, no task): peak RSS", "MiB", peakMib(empty), 0, 0),
                new Row("sleep_big", big + " tasks each sleeping a random 0-1 s: whole run", "s",
                        seconds(bigSleep, "total"), ASYNCIO_TARGET, UVLOOP_TARGET),
                new Row("sleep_big_overhead", big + " tasks each sleeping a random 0-1 s: whole run - longest sleep",
                        "s", overhead(bigSleep), 0, 0),
                new Row("sleep_big_cpu",
                        big + " tasks each sleeping a random 0-1 s: CPU time of the process (user + sys)", "s",
                        seconds(bigSleep, "cpu"), 0, 0),
                new Row("sleep_big_rss", big + " tasks each sleeping a random 0-1 s: peak RSS", "MiB",
                        peakMib(bigSleep), 0, 0));
    }

    private static Metric seconds(Job job, String name) {
        return runs -> Figure.of(runs.getOrDefault(job, List.of()).stream().map(r -> r.seconds().get(name)).toList());
    }

    /** The part of a sleep run's time that is not the longest sleep itself (the run's floor). */
    private static Metric overhead(Job job) {
        return runs -> Figure.of(runs.getOrDefault(job, List.of()).stream()
                .map(r -> r.seconds().get("total") - r.seconds().get("longest_delay")).toList());
    }

    private static Metric peakMib(Job job) {
        return runs -> Figure.of(runs.getOrDefault(job, List.of()).stream().map(r -> r.peakKib() / 1024.0).toList());
    }

    /** (peak of {@code loaded} - peak of {@code empty}) per 100,000 tasks of {@code loaded}, in MiB. */
    private static Metric perHundredThousand(Job loaded, Job empty) {
        return runs -> {
            Figure full = peakMib(loaded).of(runs);
            Figure none = peakMib(empty).of(runs);
            if (full == null || none == null || loaded.n() == 0) {
                return null;
            }
            double scale = 100_000.0 / loaded.n();
            return new Figure((full.value() - none.value()) * scale, (full.low() - none.high()) * scale,
                    (full.high() - none.low()) * scale);
        };
    }

    /** 100000 -> "100k", 1000000 -> "1M", 12345 -> "12,345". */
    static String count(int n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** How long one process may take before it is killed: 2 minutes plus 0.5 ms per task. */
    private static long timeoutSeconds(Job job) {
        return 120 + job.n() / 2_000;
    }

    // --- running ---------------------------------------------------------------------------------

    /**
     * Runs every process kind on every side and renders the section.
     *
     * @return the report section and JSON member
     * @throws IOException if a result file cannot be read
     * @throws InterruptedException if interrupted while waiting for a process
     */
    Outcome run() throws IOException, InterruptedException {
        Files.createDirectories(work);
        Map<String, Map<Job, List<Run>>> results = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> runLog = new ArrayList<>();
        String loadBefore = BenchMain.loadAverage();
        for (Job job : jobs) {
            for (int r = 1; r <= job.repeats(); r++) {
                for (Side side : sides) {
                    String failureKey = side.key() + " " + job.text();
                    if (failures.containsKey(failureKey)) {
                        continue;
                    }
                    try {
                        Run run = runOnce(side, job);
                        results.computeIfAbsent(side.key(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(job, k -> new ArrayList<>()).add(run);
                        labels.putIfAbsent(side.key(), run.label());
                        runLog.add(runJson(side, job, r, run));
                        System.out.printf(Locale.ROOT, "[bench] scale %-9s %-13s run %d/%d done (process %.1f s)%n",
                                side.key(), job.text(), r, job.repeats(), run.processSeconds());
                    } catch (RunFailed e) {
                        failures.put(failureKey, e.getMessage());
                        System.out.println("[bench] scale " + failureKey + ": " + e.getMessage());
                    }
                }
            }
        }
        String load = "load average (1, 5, 15 min) " + loadBefore + " before the scale rows, "
                + BenchMain.loadAverage() + " after";
        return render(results, labels, failures, runLog, load);
    }

    /** A process that failed, timed out or wrote no result. */
    private static final class RunFailed extends Exception {
        RunFailed(String message) {
            super(message);
        }
    }

    private Run runOnce(Side side, Job job) throws IOException, InterruptedException, RunFailed {
        Path json = work.resolve("scale-" + side.key() + "-" + job.scenario() + "-" + job.n() + ".json");
        Files.deleteIfExists(json);
        List<String> command = new ArrayList<>(side.command());
        command.addAll(List.of(job.scenario(), String.valueOf(job.n()), "--seed", String.valueOf(settings.seed()),
                "--json", json.toString()));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).inheritIO().start();
        // A run must not outlive this program (Ctrl-C, or a timeout around ./bench).
        Thread reaper = new Thread(() -> kill(p));
        Runtime.getRuntime().addShutdownHook(reaper);
        long timeout = timeoutSeconds(job);
        boolean finished;
        try {
            finished = p.waitFor(timeout, TimeUnit.SECONDS);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        if (!finished) {
            kill(p);
            p.waitFor();
            throw new RunFailed("timed out after " + timeout + " s: " + String.join(" ", command));
        }
        double processSeconds = (System.nanoTime() - started) / 1e9;
        if (p.exitValue() != 0 || !Files.isReadable(json)) {
            throw new RunFailed("failed (exit status " + p.exitValue() + "): " + String.join(" ", command));
        }
        return readRun(json, processSeconds);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @SuppressWarnings("unchecked")
    private static Run readRun(Path file, double processSeconds) throws IOException, RunFailed {
        try {
            Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(file));
            Map<String, Double> seconds = new LinkedHashMap<>();
            ((Map<String, Object>) doc.get("seconds")).forEach((k, v) -> seconds.put(k, ((Number) v).doubleValue()));
            Map<String, Object> memory = (Map<String, Object>) doc.get("memory_kib");
            return new Run(String.valueOf(doc.get("label")), seconds, ((Number) memory.get("peak")).longValue(),
                    processSeconds);
        } catch (RuntimeException e) {
            throw new RunFailed(file + " is not a scale result: " + e.getMessage());
        }
    }

    private static String runJson(Side side, Job job, int repeat, Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "{\"side\": %s, \"scenario\": %s, \"n\": %d, \"run\": %d, \"seconds\": {",
                Json.quote(side.key()), Json.quote(job.scenario()), job.n(), repeat));
        List<String> parts = new ArrayList<>();
        run.seconds().forEach((k, v) -> parts.add(Json.quote(k) + ": " + v));
        sb.append(String.join(", ", parts));
        sb.append(String.format(Locale.ROOT, "}, \"peak_kib\": %d, \"process_seconds\": %s}", run.peakKib(),
                run.processSeconds()));
        return sb.toString();
    }

    // --- the report ------------------------------------------------------------------------------

    /** The other side's figure over loop-core's (every row is lower-is-better), with its range. */
    private record Ratio(double value, double low, double high) {
        static Ratio of(Figure loopCore, Figure other) {
            if (loopCore == null || other == null || loopCore.value() <= 0 || loopCore.low() <= 0) {
                return null;
            }
            return new Ratio(other.value() / loopCore.value(), other.low() / loopCore.high(),
                    other.high() / loopCore.low());
        }

        String text() {
            return String.format(Locale.ROOT, "%.2fx [%.2f – %.2f]", value, low, high);
        }
    }

    private Outcome render(Map<String, Map<Job, List<Run>>> results, Map<String, String> labels,
            Map<String, String> failures, List<String> runLog, String load) {
        Map<String, Map<String, Figure>> figures = new LinkedHashMap<>();
        for (Side side : sides) {
            Map<Job, List<Run>> runs = results.getOrDefault(side.key(), Map.of());
            Map<String, Figure> column = new LinkedHashMap<>();
            for (Row row : rows) {
                Figure f = row.metric().of(runs);
                if (f != null) {
                    column.put(row.key(), f);
                }
            }
            figures.put(side.key(), column);
        }
        Side loopCore = sides.stream().filter(s -> s.key().equals(LOOP_CORE)).findFirst().orElseThrow();
        List<Side> others = sides.stream().filter(s -> s != loopCore).toList();
        List<Side> columns = new ArrayList<>(List.of(loopCore));
        columns.addAll(others);

        StringBuilder sb = new StringBuilder();
        sb.append("## Scale: many tasks at once, whole processes\n\n");
        sb.append(String.format(Locale.ROOT,
                "- one fresh process per run; %d run%s per side of every %s-task scenario and %d of the %s-task "
                        + "one, interleaved (%s); figure = median [min – max of the runs]%n",
                settings.repeats(), settings.repeats() == 1 ? "" : "s", count(settings.n()), settings.bigRepeats(),
                count(settings.bigN()),
                String.join(", ", sides.stream().map(Side::key).toList())));
        sb.append("- loop-core: `java ").append(String.join(" ", jvmOptions))
                .append(jvmOptions.isEmpty() ? "" : " ").append("-cp benchmarks.jar ")
                .append(ScaleMain.class.getName())
                .append(" SCENARIO N`; Python: `bench_scale.py SCENARIO N [--uvloop]`\n");
        sb.append("- times: measured inside the process around the scenario (the whole run: from creating the first "
                + "task until every task is done), so interpreter and JVM start-up are outside them; JIT warm-up "
                + "and GC are inside\n");
        sb.append("- CPU time: user + system time of the whole process (every thread, start-up included) when the "
                + "scenario ends, from getrusage / the JVM's process info; on a loaded machine a multi-threaded JVM "
                + "can take more of the cores than one Python thread, so compare it with the wall times\n");
        sb.append("- memory: peak RSS = VmHWM read by the process itself from /proc/self/status (for the pending "
                + "row while the tasks are parked, otherwise at the end); per 100k pending tasks = (median peak "
                + "RSS with N parked - median peak RSS of the empty run) / N x 100,000\n");
        sb.append(String.format(Locale.ROOT, "- sleep delays: seeded (seed %d; Java's SplittableRandom, Python's "
                + "random.Random: different draws from the same uniform 0-1 s); real clock%n", settings.seed()));
        sb.append("- ").append(load).append("; the machine is shared, so figures are noisy: read the ratios\n");
        skipped.forEach((k, why) -> sb.append("- ").append(k).append(": ").append(why).append('\n'));
        failures.forEach((k, why) -> sb.append("- FAILED ").append(k).append(": ").append(why).append('\n'));
        sb.append('\n');

        List<String> head = new ArrayList<>(List.of("scale row", "unit"));
        columns.forEach(s -> head.add(labels.getOrDefault(s.key(), s.title())));
        List<List<String>> body = new ArrayList<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.title(), row.unit()));
            for (Side side : columns) {
                Figure f = figures.get(side.key()).get(row.key());
                cells.add(f == null ? "n/a" : format(f.value(), row) + " [" + format(f.low(), row) + " – "
                        + format(f.high(), row) + "]");
            }
            body.add(cells);
        }
        sb.append(MarkdownTable.render(head, body)).append('\n');

        List<String> rhead = new ArrayList<>(List.of("scale row"));
        others.forEach(o -> rhead.add("loop-core vs " + shortName(labels.getOrDefault(o.key(), o.title()))));
        List<List<String>> rbody = new ArrayList<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.title()));
            for (Side o : others) {
                Ratio r = Ratio.of(figures.get(loopCore.key()).get(row.key()), figures.get(o.key()).get(row.key()));
                cells.add(r == null ? "n/a" : r.text());
            }
            rbody.add(cells);
        }
        sb.append("Ratios: the other side's figure / loop-core's (every row is lower-is-better, so above 1 = "
                + "loop-core is faster or smaller); in brackets, worst and best case from the runs' range.\n\n");
        sb.append(MarkdownTable.render(rhead, rbody)).append('\n');

        sb.append("### Scale targets\n\n");
        int checked = 0;
        int missed = 0;
        for (Row row : rows) {
            List<String> parts = new ArrayList<>();
            for (Side o : others) {
                double goal = targetAgainst(row, o);
                if (goal == 0) {
                    continue;
                }
                String name = shortName(labels.getOrDefault(o.key(), o.title()));
                String goalText = row.unit().equals("MiB")
                        ? "≤ " + name + "'s (ratio ≥ " + String.format(Locale.ROOT, "%.1f", goal) + ")"
                        : String.format(Locale.ROOT, "≥ %.1fx %s", goal, name);
                Ratio r = Ratio.of(figures.get(loopCore.key()).get(row.key()), figures.get(o.key()).get(row.key()));
                if (r == null) {
                    parts.add(goalText + ": not measured");
                    continue;
                }
                checked++;
                boolean met = r.value() >= goal;
                if (!met) {
                    missed++;
                }
                String verdict = met ? (r.low() < goal ? "met (within noise)" : "met")
                        : (r.high() >= goal ? "MISSED (within noise)" : "MISSED");
                parts.add(String.format(Locale.ROOT, "%s: %.2fx %s", goalText, r.value(), verdict));
            }
            if (!parts.isEmpty()) {
                sb.append("- ").append(row.title()).append(": ").append(String.join("; ", parts)).append('\n');
            }
            String floor = unreachable(row, figures, others);
            if (floor != null) {
                sb.append("  - ").append(floor).append('\n');
            }
        }
        sb.append('\n');
        sb.append(checked == 0 ? "Scale verdict: nothing to compare."
                : missed == 0 ? "Scale verdict: all " + checked + " targets met."
                : "Scale verdict: " + missed + " of " + checked + " targets missed.");
        sb.append(failures.isEmpty() ? "\n" : " " + failures.size() + " kind(s) of run FAILED (see above).\n");
        return new Outcome(sb.toString(), toJson(figures, labels, failures, runLog), checked, missed, failures.size());
    }

    /** The ratio a row must reach against a side; 0 = no target. */
    private static double targetAgainst(Row row, Side other) {
        return switch (other.key()) {
            case "asyncio" -> row.asyncioTarget();
            case "uvloop" -> row.uvloopTarget();
            default -> 0;
        };
    }

    /**
     * For a sleep row's whole-run target: a note when no loop could meet it because the run cannot
     * be shorter than its longest sleep (about 1 s); null otherwise.
     */
    private String unreachable(Row row, Map<String, Map<String, Figure>> figures, List<Side> others) {
        if (!row.key().equals("sleep") && !row.key().equals("sleep_big")) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        for (Side o : others) {
            double goal = targetAgainst(row, o);
            Figure f = figures.get(o.key()).get(row.key());
            if (goal > 0 && f != null && f.value() / goal < 1.0) {
                notes.add(String.format(Locale.ROOT, "%.1fx %s means a whole run of %.3f s", goal, o.key(),
                        f.value() / goal));
            }
        }
        return notes.isEmpty() ? null : "unreachable by construction: " + String.join(", ", notes)
                + ", shorter than the longest sleep (about 1 s); the whole run - longest sleep row shows the"
                + " loops' own share";
    }

    private String toJson(Map<String, Map<String, Figure>> figures, Map<String, String> labels,
            Map<String, String> failures, List<String> runLog) {
        StringBuilder sb = new StringBuilder("{\n    ");
        sb.append(String.format(Locale.ROOT,
                "\"settings\": {\"n\": %d, \"big_n\": %d, \"repeats\": %d, \"big_repeats\": %d, \"seed\": %d},%n",
                settings.n(), settings.bigN(), settings.repeats(), settings.bigRepeats(), settings.seed()));
        sb.append("    \"jvm_options\": [")
                .append(String.join(", ", jvmOptions.stream().map(Json::quote).toList())).append("],\n");
        sb.append("    \"columns\": {");
        boolean first = true;
        for (Side side : sides) {
            sb.append(first ? "\n" : ",\n").append("      ").append(Json.quote(side.key())).append(": {\"title\": ")
                    .append(Json.quote(labels.getOrDefault(side.key(), side.title())));
            first = false;
            if (skipped.containsKey(side.key())) {
                sb.append(", \"missing\": ").append(Json.quote(skipped.get(side.key())));
            }
            for (Row row : rows) {
                Figure f = figures.get(side.key()).get(row.key());
                if (f != null) {
                    sb.append(String.format(Locale.ROOT,
                            ", %s: {\"title\": %s, \"unit\": %s, \"value\": %s, \"low\": %s, \"high\": %s}",
                            Json.quote(row.key()), Json.quote(row.title()), Json.quote(row.unit()), f.value(),
                            f.low(), f.high()));
                }
            }
            sb.append('}');
        }
        sb.append("\n    },\n    \"failures\": {");
        sb.append(String.join(", ", failures.entrySet().stream()
                .map(e -> Json.quote(e.getKey()) + ": " + Json.quote(e.getValue())).toList()));
        sb.append("},\n    \"runs\": [");
        sb.append(String.join(",", runLog.stream().map(r -> "\n      " + r).toList()));
        return sb.append("\n    ]\n  }").toString();
    }

    private static String format(double v, Row row) {
        return String.format(Locale.ROOT, row.unit().equals("s") ? "%.3f" : "%.1f", v);
    }

    /** "asyncio on CPython 3.11.7" -> "asyncio 3.11.7"; "uvloop 0.17.0 on CPython 3.11.2" -> "uvloop 0.17.0". */
    private static String shortName(String title) {
        if (title.startsWith("uvloop")) {
            int on = title.indexOf(" on ");
            return on > 0 ? title.substring(0, on) : title;
        }
        return title.replace(" on CPython", "");
    }
}
