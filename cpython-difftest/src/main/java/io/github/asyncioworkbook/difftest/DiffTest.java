package io.github.asyncioworkbook.difftest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./difftest N [--seed S]}: generates N programs (seeds S, S+1, ...), runs each under CPython and
 * on loop-core, compares the traces after {@link Rules}, saves every program whose traces differ under
 * {@code target/difftest/<verdict>/<name>/}, the first divergent one of each kind shrunk. Ends with the line {@code programs: N, divergences: D}; the exit status
 * is 1 when D is not 0.
 */
public final class DiffTest {
    private static final int BATCH = 250;
    /** Programs of each batch whose rendered Java source is also compiled and run (RenderCheck). */
    private static final int RENDER_SAMPLE = 3;

    private final PrintStream console = System.out;
    private final Path outDir;
    private final String python;
    private final boolean shrink;
    /** Signatures of the divergences shrunk so far, with the seed shrunk. */
    private final Map<String, Long> shrunk = new java.util.HashMap<>();
    /** How many divergences one run shrinks at most. */
    static final int MAX_SHRINKS = 12;

    private DiffTest(Path outDir, String python, boolean shrink) {
        this.outDir = outDir;
        this.python = python;
        this.shrink = shrink;
    }

    /** Parsed command line. */
    record Options(int count, long seed, Path outDir, String python, boolean shrink) {
        static Options parse(String[] args) {
            Integer count = null;
            long seed = 1;
            Path out = Path.of("target", "difftest");
            String python = "python3";
            boolean shrink = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--seed" -> seed = parseLong(a, value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--python" -> python = value(args, ++i, a);
                    case "--no-shrink" -> shrink = false;
                    default -> {
                        if (a.startsWith("-") || count != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a
                                    + "'; usage: difftest N [--seed S] [--out DIR] [--python CMD] [--no-shrink]");
                        }
                        long n = parseLong("N", a);
                        if (n < 1 || n > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException("N must be a positive number of programs, not " + a);
                        }
                        count = (int) n;
                    }
                }
            }
            if (count == null) {
                throw new IllegalArgumentException("missing N; usage: difftest N [--seed S] [--out DIR] [--python CMD] [--no-shrink]");
            }
            return new Options(count, seed, out, python, shrink);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }

        private static long parseLong(String what, String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + text + "' is not a number");
            }
        }
    }

    /**
     * The command line: {@code N [--seed S] [--out DIR] [--python CMD] [--no-shrink]}. Exits with 0
     * when no program diverged, 1 when some did, 2 on a bad argument.
     *
     * @param args the arguments
     * @throws Exception when a runner cannot be started
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("difftest: " + e.getMessage());
            System.exit(2);
            return;
        }
        int divergences = new DiffTest(options.outDir(), options.python(), options.shrink()).run(options.count(), options.seed());
        System.exit(divergences == 0 ? 0 : 1);
    }

    /** @return the number of divergences (errors included) */
    int run(int count, long firstSeed) throws IOException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        Files.createDirectories(outDir);
        Map<Verdict.Kind, List<Long>> bySeed = new EnumMap<>(Verdict.Kind.class);
        List<String> found = new ArrayList<>();
        JavaSide javaSide = new JavaSide();
        try (PythonSide pythonSide = new PythonSide(python, outDir.resolve("work"));
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Shrinker shrinker = new Shrinker(pythonSide, javaSide);
            for (int done = 0; done < count; done += BATCH) {
                List<Program> batch = new ArrayList<>();
                for (int i = done; i < Math.min(count, done + BATCH); i++) {
                    batch.add(Generator.generate(firstSeed + i));
                }
                // CPython in its own process and loop-core in this JVM, at the same time.
                Future<List<Trace>> py = pool.submit(() -> batch.stream().map(pythonSide::run).toList());
                List<Trace> java = batch.stream().map(javaSide::interpret).toList();
                Map<Program, Trace> rendered = javaSide.run(batch.subList(0, Math.min(RENDER_SAMPLE, batch.size())));
                List<Trace> pyTraces = py.get();
                for (int i = 0; i < batch.size(); i++) {
                    Program p = batch.get(i);
                    Verdict v = Verdict.of(pyTraces.get(i), java.get(i));
                    if (rendered.containsKey(p) && !RenderCheck.agrees(java.get(i), rendered.get(p))) {
                        v = new Verdict(Verdict.Kind.ERROR, v.python(), v.java(), v.firstDifference());
                        found.add("ERROR seed " + p.seed() + ": the compiled Java source and the interpreter disagree\n"
                                + RenderCheck.explain(java.get(i), rendered.get(p)));
                    }
                    bySeed.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(p.seed());
                    if (v.kind() != Verdict.Kind.SAME) {
                        found.add(report(p, pyTraces.get(i), java.get(i), v, shrinker, javaSide));
                    }
                }
                console.printf("... %d/%d programs, %d divergent, %.0f s (java: compile %.0f s, run %.0f s)%n",
                        Math.min(count, done + BATCH), count, failures(bySeed), (System.nanoTime() - started) / 1e9,
                        javaSide.compileNanos / 1e9, javaSide.runNanos / 1e9);
            }
        }
        found.forEach(console::println);
        for (Verdict.Kind k : Verdict.Kind.values()) {
            List<Long> seeds = bySeed.getOrDefault(k, List.of());
            if (k != Verdict.Kind.SAME && !seeds.isEmpty()) {
                console.println(k + ": " + seeds.size() + " (seeds " + abbreviate(seeds) + ")");
            }
        }
        console.printf("time: %.1f s%n", (System.nanoTime() - started) / 1e9);
        int divergences = failures(bySeed);
        console.println("programs: " + count + ", divergences: " + divergences);
        return divergences;
    }

    private static int failures(Map<Verdict.Kind, List<Long>> bySeed) {
        return bySeed.getOrDefault(Verdict.Kind.DIVERGENT, List.of()).size()
                + bySeed.getOrDefault(Verdict.Kind.ERROR, List.of()).size();
    }

    private static String abbreviate(List<Long> seeds) {
        List<String> s = seeds.stream().limit(20).map(String::valueOf).toList();
        return String.join(" ", s) + (seeds.size() > 20 ? " ..." : "");
    }

    /**
     * Saves a program whose traces differ; shrinks it first when it is divergent and the first of its
     * kind ({@link #signature}), up to {@link #MAX_SHRINKS} per run: shrinking costs hundreds of runs,
     * and one divergence usually shows up in many programs. The shrunk program's rendered Java source is
     * compiled and run, and must agree with the interpreter.
     */
    private String report(Program p, Trace py, Trace java, Verdict v, Shrinker shrinker, JavaSide javaSide)
            throws IOException {
        String signature = signature(v);
        Long like = shrunk.get(signature);
        boolean doShrink = shrink && v.kind() == Verdict.Kind.DIVERGENT && like == null && shrunk.size() < MAX_SHRINKS;
        Shrinker.Result small = new Shrinker.Result(p, py, java, v, 0);
        String note = "";
        if (doShrink) {
            shrunk.put(signature, p.seed());
            small = shrinker.shrink(p, v);
            Program saved = small.program();
            Trace compiled = javaSide.run(List.of(saved)).get(saved);
            if (!RenderCheck.agrees(small.java(), compiled)) {
                note = "\n    ERROR: the compiled Java source disagrees with the interpreter:\n"
                        + RenderCheck.explain(small.java(), compiled);
            }
        } else if (v.kind() == Verdict.Kind.DIVERGENT) {
            note = like != null ? " (not shrunk: first lines differ like seed " + like + ")" : " (not shrunk)";
        }
        Path dir = Artifacts.save(outDir.resolve(v.kind().name().toLowerCase(Locale.ROOT)), p, py, java, v, small);
        Verdict sv = small.verdict();
        String line = sv.firstDifference() >= 0 && sv.firstDifference() < Math.max(sv.python().size(), sv.java().size())
                ? "\n    python: " + at(sv.python(), sv.firstDifference()) + "\n    java:   " + at(sv.java(), sv.firstDifference())
                : "";
        String size = doShrink ? " (shrunk to " + Artifacts.size(small.program()) + " statements)" : "";
        return v.kind() + " seed " + p.seed() + " -> " + dir + size + note + line;
    }

    /** The first differing lines with numbers and quoted text blotted out: what kind of divergence. */
    static String signature(Verdict v) {
        int i = v.firstDifference();
        return blot(i < v.python().size() ? v.python().get(i) : "<end>") + " | "
                + blot(i < v.java().size() ? v.java().get(i) : "<end>");
    }

    private static String blot(String line) {
        return line.replaceAll("'[^']*'", "S").replaceAll("\\d+", "#");
    }

    private static String at(List<String> lines, int i) {
        return i < lines.size() ? lines.get(i).replace(Trace.LOG_MARK, '@') : "<end of trace>";
    }
}
