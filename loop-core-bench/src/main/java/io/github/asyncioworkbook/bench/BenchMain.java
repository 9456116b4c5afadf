package io.github.asyncioworkbook.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole comparison: for each measurement, {@code bench_asyncio.py} on each Python given,
 * then the matching {@link LoopBenchmarks} method under JMH in two JVM configurations (default, and
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}); then prints (and writes) one report with
 * the figures, the speed-ups and the project's targets: at least 3x CPython 3.11 asyncio on every
 * row, and at least 1.5x uvloop on task create+await and on Future ping-pong. With {@code --scale}
 * (or {@code --scale-only}, without the JMH rows) the {@link ScaleBench scale rows} follow: many
 * tasks at once, each run a whole process ({@link ScaleMain}, {@code bench_scale.py}).
 *
 * <pre>
 * java -jar benchmarks.jar [--quick] [--strict] [--out report.md] [--json-out results.json]
 *     [--work DIR] [--python-script bench_asyncio.py]
 *     [--python asyncio=PYTHON] [--python debian=PYTHON|@asyncio] [--python uvloop=PYTHON]
 *     [--skipped ROLE=REASON] [--configs default,p1] [--jvm-option OPTION]...
 *     [--scale | --scale-only] [--scale-script bench_scale.py] [--scale-repeats R]
 * </pre>
 * {@code --jvm-option} (repeatable) is given to every loop-core JVM: the JMH forks (before the
 * configuration's own options) and the scale runs.
 * Python roles: {@code asyncio} = asyncio on the pyenv CPython 3.11 (the reference for the 3x
 * target), {@code debian} = asyncio on Debian's python3 ({@code @asyncio}: the same interpreter as
 * {@code asyncio}, not run twice), {@code uvloop} = uvloop on Debian's python3 (run with
 * {@code --uvloop}). Their per-measurement JSON files go to {@code --work}. The verdict uses the
 * default JVM; the {@code parallelism=1} speed-ups are shown beside it. Exit status 0, or 3 with
 * {@code --strict} when a target is missed or a scale run failed.
 */
public final class BenchMain {

    private static final double ASYNCIO_TARGET = 3.0;
    private static final double UVLOOP_TARGET = 1.5;

    /**
     * One benchmark row: {@code key} names the Python measurement; {@code benchmark} the JMH method.
     * {@code uvloopTarget} is 0 where no uvloop target applies. A row that is not
     * {@code compared} is a Java-only reference figure.
     */
    private record Row(String key, String title, String unit, boolean higherIsBetter, double uvloopTarget,
            String benchmark, boolean compared) {
        Row(String key, String title, String unit, boolean higherIsBetter, double uvloopTarget) {
            this(key, title, unit, higherIsBetter, uvloopTarget, LoopBenchmarks.class.getName() + "." + key, true);
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row("tasks", "create + await trivial tasks (batches of 1,000)", "tasks/s", true, UVLOOP_TARGET),
            new Row("pingpong", "Future ping-pong between two tasks", "µs/switch", false, UVLOOP_TARGET),
            new Row("sleep0", "sleep(0) steps of one task", "µs/step", false, 0),
            new Row("callsoon", "callSoon, 1,000 per loop run", "callbacks/s", true, 0),
            new Row("handoff", "(floor) bare virtual-thread hand-off, no loop-core", "µs/switch", false, 0,
                    HandoffBaseline.class.getName() + ".vtPingpong", false));

    /**
     * A measured value; {@code low}..{@code high} = slowest..fastest JMH iteration or Python run;
     * {@code spread} = the text shown next to the value (JMH's 99.9% error, or the Python min..max).
     */
    private record Figure(double value, double low, double high, String spread) {
        /** The same figure as a "speed" (bigger is faster) for rows measured as a time. */
        Figure asSpeed(boolean higherIsBetter) {
            return higherIsBetter ? this : new Figure(1 / value, 1 / high, 1 / low, spread);
        }
    }

    /** One column of results: a JVM configuration or a Python implementation. */
    private record Column(String title, Map<String, Figure> figures, String missing) {
        Figure get(String key) {
            return figures == null ? null : figures.get(key);
        }
    }

    /** A JVM configuration to run the benchmarks in. */
    private record JvmConfig(String key, String title, List<String> jvmArgs) {
    }

    private static final List<JvmConfig> CONFIGS = List.of(
            new JvmConfig("default", "Java, default JVM", List.of()),
            new JvmConfig("p1", "Java, parallelism=1",
                    List.of("-Djdk.virtualThreadScheduler.parallelism=1")));

    /** Python columns: pyenv python3 asyncio, Debian python3 asyncio, Debian python3 uvloop. */
    private static final List<String> PY_ROLES = List.of("asyncio", "debian", "uvloop");
    private static final Map<String, String> DEFAULT_TITLES = Map.of(
            "asyncio", "asyncio, python3", "debian", "asyncio, Debian python3", "uvloop", "uvloop");

    private BenchMain() {
    }

    /**
     * Entry point; see the class comment for the arguments.
     *
     * @param args command-line arguments
     * @throws Exception if JMH fails or a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean strict = false;
        boolean jmh = true;
        boolean scale = false;
        Path scaleScript = null;
        List<String> jvmOptions = new ArrayList<>();
        int scaleRepeats = 0;
        Path out = null;
        Path jsonOut = null;
        Path script = null;
        Path work = Path.of("target");
        List<String> configKeys = List.of("default", "p1");
        Map<String, String> interpreters = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--strict" -> strict = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--json-out" -> jsonOut = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--python-script" -> script = Path.of(args[++i]);
                case "--configs" -> configKeys = List.of(args[++i].split(","));
                case "--scale" -> scale = true;
                case "--scale-only" -> {
                    scale = true;
                    jmh = false;
                }
                case "--scale-script" -> scaleScript = Path.of(args[++i]);
                case "--jvm-option" -> jvmOptions.add(args[++i]);
                case "--scale-repeats" -> scaleRepeats = Integer.parseInt(args[++i]);
                case "--python", "--skipped" -> {
                    String[] kv = args[++i].split("=", 2);
                    if (!PY_ROLES.contains(kv[0]) || kv.length < 2) {
                        throw new IllegalArgumentException(a + " takes ROLE=VALUE with ROLE one of " + PY_ROLES);
                    }
                    (a.equals("--python") ? interpreters : missing).put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (!interpreters.isEmpty() && jmh && script == null) {
            throw new IllegalArgumentException("--python needs --python-script");
        }
        if (!interpreters.isEmpty() && scale && scaleScript == null) {
            throw new IllegalArgumentException("--scale with --python needs --scale-script");
        }
        Map<String, String> skippedAtStart = new LinkedHashMap<>(missing);

        // Three forks: on this kind of machine one JVM can settle 2x slower than the next (seen on
        // the tasks row), so the spread between forks matters more than many iterations in one.
        int forks = quick ? 1 : 3;
        int warmups = quick ? 2 : 3;
        int measurements = quick ? 3 : 4;
        long iterationMillis = quick ? 500 : 1000;
        String method = String.format(Locale.ROOT,
                "JMH %s, %d fork%s x (%d warm-up + %d measured iterations of %s s), executor VIRTUAL; "
                        + "%,d operations per invocation",
                jmhVersion(), forks, forks == 1 ? "" : "s", warmups, measurements,
                iterationMillis % 1000 == 0 ? String.valueOf(iterationMillis / 1000) : String.valueOf(iterationMillis / 1000.0),
                LoopBenchmarks.OPS)
                + (jvmOptions.isEmpty() ? "" : "; JVM options " + String.join(" ", jvmOptions));
        String loadBefore = loadAverage();

        // Row by row, Python first and then Java, so that both sides of a ratio are measured
        // within a minute of each other on a machine whose load changes.
        Map<String, Map<String, Figure>> javaFigures = new LinkedHashMap<>();
        Map<String, Map<String, Figure>> pyFigures = new LinkedHashMap<>();
        Map<String, String> pyLabels = new LinkedHashMap<>();
        for (Row row : jmh ? ROWS : List.<Row>of()) {
            for (String role : PY_ROLES) {
                String interpreter = interpreters.get(role);
                if (!row.compared() || interpreter == null || interpreter.startsWith("@") || missing.containsKey(role)) {
                    continue;
                }
                Path json = work.resolve("python-" + role + "-" + row.key() + ".json");
                List<String> command = new ArrayList<>(List.of(interpreter, script.toString(), "--only", row.key(),
                        "--json", json.toString()));
                if (quick) {
                    command.add("--quick");
                }
                if (role.equals("uvloop")) {
                    command.add("--uvloop");
                }
                Files.createDirectories(work);
                Files.deleteIfExists(json);
                int status = new ProcessBuilder(command).inheritIO().start().waitFor();
                if (status != 0 || !Files.isReadable(json)) {
                    missing.put(role, String.join(" ", command) + " failed (exit status " + status + ")");
                    System.out.println("[bench] " + missing.get(role));
                    continue;
                }
                var doc = readPython(json, row);
                pyLabels.put(role, doc.label() + (role.equals("debian") ? " (Debian)" : ""));
                pyFigures.computeIfAbsent(role, k -> new LinkedHashMap<>()).put(row.key(), doc.figure());
            }
            for (JvmConfig config : CONFIGS) {
                if (!configKeys.contains(config.key())) {
                    continue;
                }
                long t0 = System.nanoTime();
                Figure f = runJmh(row, config, jvmOptions, forks, warmups, measurements, iterationMillis);
                javaFigures.computeIfAbsent(config.key(), k -> new LinkedHashMap<>()).put(row.key(), f);
                System.out.printf(Locale.ROOT, "[bench] %-22s %-9s %16s %-12s (JMH %.0f s)%n", config.title(),
                        row.key(), format(f.value(), row) + " " + f.spread(), row.unit(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }

        Map<String, Column> javaColumns = new LinkedHashMap<>();
        for (JvmConfig config : CONFIGS) {
            if (javaFigures.containsKey(config.key())) {
                javaColumns.put(config.key(), new Column(config.title(), javaFigures.get(config.key()), null));
            }
        }
        Map<String, Column> pyColumns = new LinkedHashMap<>();
        for (String role : PY_ROLES) {
            String interpreter = interpreters.get(role);
            String source = interpreter != null && interpreter.startsWith("@") ? interpreter.substring(1) : role;
            String title = pyLabels.getOrDefault(source, DEFAULT_TITLES.get(role));
            if (!source.equals(role) && role.equals("debian")) {
                title += " (Debian)";
            }
            if (missing.containsKey(role) || !pyFigures.containsKey(source)) {
                pyColumns.put(role, new Column(title, null, missing.getOrDefault(role, "not run")));
            } else {
                pyColumns.put(role, new Column(title, pyFigures.get(source), null));
            }
        }

        Section jmhSection = jmh ? renderJmh(method, javaColumns, pyColumns) : null;
        ScaleBench.Outcome scaleOutcome = null;
        if (scale) {
            scaleOutcome = scaleBench(quick, scaleRepeats, jvmOptions, scaleScript, interpreters,
                    skippedAtStart, work).run();
        }
        int checked = (jmh ? jmhSection.checked() : 0) + (scale ? scaleOutcome.checked() : 0);
        int missed = (jmh ? jmhSection.missed() : 0) + (scale ? scaleOutcome.missed() : 0);
        String report = header("load average (1, 5, 15 min) " + loadBefore + " at the start, "
                + loadAverage() + " at the end")
                + (jmh ? jmhSection.markdown() : "")
                + (scale ? scaleOutcome.markdown() + "\n" : "")
                + (checked == 0 ? "Verdict: nothing to compare (a side has no results).\n"
                        : missed == 0 ? "Verdict: all " + checked + " targets met.\n"
                        : "Verdict: " + missed + " of " + checked + " targets missed.\n");
        System.out.println();
        System.out.print(report);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("[bench] report written to " + out);
        }
        if (jsonOut != null) {
            Files.createDirectories(jsonOut.toAbsolutePath().getParent());
            Files.writeString(jsonOut, toJson(jmh ? method : null, javaColumns, pyColumns,
                    scale ? scaleOutcome.json() : null));
        }
        if (strict && (missed > 0 || (scale && scaleOutcome.failedRuns() > 0))) {
            System.exit(3);
        }
    }

    /** The scale rows' runner: loop-core in this JVM's {@code java}, the Pythons of the JMH rows. */
    private static ScaleBench scaleBench(boolean quick, int repeats, List<String> jvmOptions, Path script,
            Map<String, String> interpreters, Map<String, String> skipped, Path work) throws URISyntaxException {
        Path jar = Path.of(ScaleMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> java = new ArrayList<>(List.of(javaCommand.toString()));
        java.addAll(jvmOptions);
        java.addAll(List.of("-cp", jar.toString(), ScaleMain.class.getName()));
        List<ScaleBench.Side> sides = new ArrayList<>();
        sides.add(new ScaleBench.Side(ScaleBench.LOOP_CORE, "loop-core", java));
        Map<String, String> notRun = new LinkedHashMap<>();
        for (String role : List.of("asyncio", "uvloop")) {
            String interpreter = interpreters.get(role);
            if (skipped.containsKey(role) || interpreter == null || interpreter.startsWith("@")) {
                notRun.put(role, skipped.getOrDefault(role, "no interpreter given (--python " + role + "=...)"));
                continue;
            }
            List<String> command = new ArrayList<>(List.of(interpreter, script.toString()));
            if (role.equals("uvloop")) {
                command.add("--uvloop");
            }
            sides.add(new ScaleBench.Side(role, DEFAULT_TITLES.get(role), command));
        }
        // The Pythons first, as in the JMH rows; loop-core last in each round.
        sides.add(sides.removeFirst());
        return new ScaleBench(ScaleBench.Settings.of(quick, repeats), sides, jvmOptions, notRun, work);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    // --- JMH -------------------------------------------------------------------------------------

    private static Figure runJmh(Row row, JvmConfig config, List<String> jvmOptions, int forks, int warmups,
            int measurements,
            long iterationMillis) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>();
        // The benchmark thread is virtual, so runForever/runUntilComplete run the loop in place.
        jvmArgs.add("-Djmh.executor=VIRTUAL");
        // JMH 1.37 reads field offsets with sun.misc.Unsafe, which JDK 24+ warns about on stderr.
        jvmArgs.add("--sun-misc-unsafe-memory-access=allow");
        jvmArgs.addAll(jvmOptions);
        jvmArgs.addAll(config.jvmArgs());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(row.benchmark()) + "$")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(measurements)
                .measurementTime(TimeValue.milliseconds(iterationMillis))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        var results = new Runner(options.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one JMH result for " + row.key() + ", got " + results.size());
        }
        RunResult run = results.iterator().next();
        Result<?> primary = run.getPrimaryResult();
        double score = primary.getScore();
        double error = primary.getScoreError();
        String spread = Double.isNaN(error) ? "± n/a" : "± " + format(error, row);
        // The ratio ranges use the slowest and fastest measured iteration: the 99.9% interval of a
        // handful of samples is wide enough to cross zero.
        var stats = primary.getStatistics();
        return new Figure(score, stats.getMin(), stats.getMax(), spread);
    }

    private static String jmhVersion() {
        Package p = Runner.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "1.37" : v;
    }

    // --- Python results --------------------------------------------------------------------------

    /** One measurement read from a bench_asyncio.py result file. */
    private record PythonResult(String label, Figure figure) {
    }

    @SuppressWarnings("unchecked")
    private static PythonResult readPython(Path file, Row row) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(file));
        Map<String, Object> results = (Map<String, Object>) doc.get("results");
        Map<String, Object> r = (Map<String, Object>) results.get(row.key());
        if (r == null) {
            throw new IOException(file + " has no result for " + row.key());
        }
        double count = ((Number) r.get("count")).doubleValue();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Object s : (List<Object>) r.get("runs_seconds")) {
            double seconds = ((Number) s).doubleValue();
            double v = row.higherIsBetter() ? count / seconds : seconds / count * 1e6;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double value = ((Number) r.get("value")).doubleValue();
        return new PythonResult(String.valueOf(doc.get("label")),
                new Figure(value, lo, hi, "[" + format(lo, row) + " – " + format(hi, row) + "]"));
    }

    // --- the report ------------------------------------------------------------------------------

    /** How many times faster {@code a} is than {@code b}, with the range their spreads allow. */
    private record Ratio(double value, double low, double high) {
        static Ratio of(Figure a, Figure b, Row row) {
            if (a == null || b == null) {
                return null;
            }
            Figure sa = a.asSpeed(row.higherIsBetter());
            Figure sb = b.asSpeed(row.higherIsBetter());
            return new Ratio(sa.value() / sb.value(), sa.low() / sb.high(), sa.high() / sb.low());
        }

        String text() {
            return String.format(Locale.ROOT, "%.2fx [%.2f – %.2f]", value, low, high);
        }
    }

    /** A part of the report with the number of targets it judged and missed. */
    private record Section(String markdown, int checked, int missed) {
    }

    private static String header(String load) {
        return "# loop-core benchmark\n\n"
                + String.format(Locale.ROOT, "- when: %s; machine: %d CPUs, %s %s; JDK %s (%s)%n",
                        ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                        System.getProperty("os.arch"), Runtime.version(), System.getProperty("java.vm.name"))
                + "- " + load + "\n\n";
    }

    private static Section renderJmh(String method, Map<String, Column> java, Map<String, Column> py) {
        StringBuilder sb = new StringBuilder();
        sb.append("## JMH rows (two tasks at a time)\n\n");
        sb.append("- Java: ").append(method).append(". Figures are JMH scores ± the 99.9% confidence half-width.\n");
        sb.append("- Python: bench_asyncio.py, median of 3 runs [min – max of the runs].\n");
        sb.append("- Java, parallelism=1 = -Djdk.virtualThreadScheduler.parallelism=1 (one carrier thread).\n");
        for (Column c : py.values()) {
            if (c.missing() != null) {
                sb.append("- ").append(c.title()).append(": ").append(c.missing()).append('\n');
            }
        }
        sb.append('\n');

        // Figures.
        List<Column> all = new ArrayList<>(java.values());
        all.addAll(py.values());
        List<String> head = new ArrayList<>(List.of("benchmark", "unit"));
        all.forEach(c -> head.add(c.title()));
        List<List<String>> body = new ArrayList<>();
        for (Row row : ROWS) {
            List<String> cells = new ArrayList<>(List.of(row.title(), row.unit()));
            for (Column c : all) {
                Figure f = c.get(row.key());
                cells.add(f != null ? format(f.value(), row) + " " + f.spread()
                        : row.compared() ? "n/a" : "–");
            }
            body.add(cells);
        }
        sb.append("### Figures\n\n").append(MarkdownTable.render(head, body)).append('\n');
        List<String> overhead = new ArrayList<>();
        for (Column j : java.values()) {
            Figure pp = j.get("pingpong");
            Figure floor = j.get("handoff");
            if (pp != null && floor != null) {
                overhead.add(String.format(Locale.ROOT, "%s %.3f µs (%.0f%% of the switch)", j.title(),
                        pp.value() - floor.value(), 100 * (pp.value() - floor.value()) / pp.value()));
            }
        }
        if (!overhead.isEmpty()) {
            sb.append("The floor row is the JDK mechanism under loop-core's task switch (two virtual threads passing ")
                    .append("a turn with park/unpark); Future ping-pong minus the floor = loop-core's own cost per ")
                    .append("switch: ").append(String.join("; ", overhead)).append(".\n\n");
        }

        // Speed-ups.
        Column jd = java.get("default");
        Column jp = java.get("p1");
        Column asy = py.get("asyncio");
        Column deb = py.get("debian");
        Column uv = py.get("uvloop");
        List<String> rhead = new ArrayList<>(List.of("benchmark"));
        if (jd != null) {
            rhead.add("Java default / " + shortName(asy));
            rhead.add("Java default / " + shortName(uv));
        }
        if (jp != null) {
            rhead.add("Java p=1 / " + shortName(asy));
            rhead.add("Java p=1 / " + shortName(uv));
        }
        rhead.add("uvloop / Debian asyncio");
        List<List<String>> rbody = new ArrayList<>();
        for (Row row : compared()) {
            List<String> cells = new ArrayList<>(List.of(row.title()));
            for (Column j : new Column[] {jd, jp}) {
                if (j == null) {
                    continue;
                }
                cells.add(ratioText(Ratio.of(j.get(row.key()), get(asy, row), row)));
                cells.add(ratioText(Ratio.of(j.get(row.key()), get(uv, row), row)));
            }
            cells.add(ratioText(Ratio.of(get(uv, row), get(deb, row), row)));
            rbody.add(cells);
        }
        sb.append("### Speed-ups (how many times faster; above 1 = the first one is faster)\n\n");
        sb.append("In brackets: worst and best case, from the slowest and fastest measured JMH iteration and "
                + "the slowest and fastest Python run.\n\n");
        sb.append(MarkdownTable.render(rhead, rbody)).append('\n');

        // Targets.
        Column basis = jd != null ? jd : jp;
        String basisName = basis == jd ? "the default JVM" : "parallelism=1";
        sb.append("### Targets (judged on ").append(basisName)
                .append(jd != null && jp != null ? "; parallelism=1 in brackets" : "").append(")\n\n");
        int missed = 0;
        int checked = 0;
        for (Row row : compared()) {
            List<String> parts = new ArrayList<>();
            record Target(Column ref, double goal, String name) {
            }
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(asy, ASYNCIO_TARGET, shortName(asy)));
            if (row.uvloopTarget() > 0) {
                targets.add(new Target(uv, row.uvloopTarget(), shortName(uv)));
            }
            for (Target t : targets) {
                Ratio r = Ratio.of(basis == null ? null : basis.get(row.key()), get(t.ref(), row), row);
                String goal = String.format(Locale.ROOT, "≥ %.1fx %s", t.goal(), t.name());
                if (r == null) {
                    parts.add(goal + ": not measured");
                    continue;
                }
                checked++;
                boolean met = r.value() >= t.goal();
                if (!met) {
                    missed++;
                }
                String verdict = met ? (r.low() < t.goal() ? "met (within noise)" : "met")
                        : (r.high() >= t.goal() ? "MISSED (within noise)" : "MISSED");
                String text = String.format(Locale.ROOT, "%s: %.2fx %s", goal, r.value(), verdict);
                if (basis == jd && jp != null) {
                    Ratio rp = Ratio.of(jp.get(row.key()), get(t.ref(), row), row);
                    if (rp != null) {
                        text += String.format(Locale.ROOT, " [p=1: %.2fx %s]", rp.value(),
                                rp.value() >= t.goal() ? "met" : "missed");
                    }
                }
                parts.add(text);
            }
            sb.append("- ").append(row.title()).append(": ").append(String.join("; ", parts)).append('\n');
        }
        sb.append('\n');
        return new Section(sb.toString(), checked, missed);
    }

    private static List<Row> compared() {
        return ROWS.stream().filter(Row::compared).toList();
    }

    private static Figure get(Column c, Row row) {
        return c == null ? null : c.get(row.key());
    }

    private static String shortName(Column c) {
        if (c == null || c.title() == null) {
            return "n/a";
        }
        // "asyncio on CPython 3.11.7" -> "asyncio 3.11.7"; "uvloop 0.17.0 on CPython 3.11.2" -> "uvloop 0.17.0"
        String t = c.title().replace(" (Debian)", "");
        if (t.startsWith("uvloop")) {
            int on = t.indexOf(" on ");
            return on > 0 ? t.substring(0, on) : t;
        }
        return t.replace(" on CPython", "");
    }

    private static String ratioText(Ratio r) {
        return r == null ? "n/a" : r.text();
    }

    private static String format(double v, Row row) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return row.higherIsBetter() ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    // --- JSON output -----------------------------------------------------------------------------

    /**
     * The results as JSON: {@code method} and {@code columns} for the JMH rows (absent when
     * {@code method} is null), {@code scale} for the scale rows (absent when {@code scale} is null).
     */
    private static String toJson(String method, Map<String, Column> java, Map<String, Column> py, String scale) {
        StringBuilder sb = new StringBuilder("{");
        if (method != null) {
            sb.append("\n  \"method\": ").append(Json.quote(method)).append(",\n  \"columns\": {");
            appendJmhColumns(sb, java, py);
            sb.append("\n  }").append(scale != null ? "," : "");
        }
        if (scale != null) {
            sb.append("\n  \"scale\": ").append(scale);
        }
        return sb.append("\n}\n").toString();
    }

    private static void appendJmhColumns(StringBuilder sb, Map<String, Column> java, Map<String, Column> py) {
        List<Map.Entry<String, Column>> cols = new ArrayList<>();
        java.forEach((k, v) -> cols.add(Map.entry("java-" + k, v)));
        py.forEach((k, v) -> cols.add(Map.entry("python-" + k, v)));
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i).getValue();
            sb.append(i == 0 ? "\n" : ",\n").append("    ").append(Json.quote(cols.get(i).getKey()))
                    .append(": {\"title\": ").append(Json.quote(c.title()));
            if (c.missing() != null) {
                sb.append(", \"missing\": ").append(Json.quote(c.missing()));
            } else {
                for (Row row : ROWS) {
                    Figure f = c.get(row.key());
                    if (f != null) {
                        sb.append(String.format(Locale.ROOT,
                                ", %s: {\"unit\": %s, \"value\": %s, \"low\": %s, \"high\": %s}",
                                Json.quote(row.key()), Json.quote(row.unit()), f.value(), f.low(), f.high()));
                    }
                }
            }
            sb.append('}');
        }
    }
}
