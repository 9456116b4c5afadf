package io.github.asyncioworkbook.difftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves a divergence: the program as generated and as shrunk, each as Python and Java source with
 * its two raw traces, and a side-by-side of the shrunk program's normalised traces.
 */
final class Artifacts {
    private Artifacts() {
    }

    /** @return the directory written, {@code <dir>/<program name>} */
    static Path save(Path dir, Program original, Trace py, Trace java, Verdict verdict, Shrinker.Result small)
            throws IOException {
        Path d = dir.resolve(original.name());
        Files.createDirectories(d);
        write(d, original, py, java);
        if (small.python() != null && !small.program().name().equals(original.name())) {
            write(d, small.program(), small.python(), small.java());
        }
        Verdict v = small.verdict() != null ? small.verdict() : verdict;
        StringBuilder text = new StringBuilder();
        text.append("seed: ").append(original.seed()).append('\n');
        text.append("verdict: ").append(verdict.kind()).append('\n');
        text.append("shrunk: ").append(size(original)).append(" -> ").append(size(small.program()))
                .append(" statements in ").append(small.attempts()).append(" attempts (").append(small.program().name())
                .append(")\n");
        text.append("rerun: ./difftest 1 --seed ").append(original.seed()).append('\n');
        text.append("first difference at normalised line ").append(v.firstDifference()).append("\n\n");
        text.append(sideBySide(v.python(), v.java()));
        Files.writeString(d.resolve("README.txt"), text);
        return d;
    }

    private static void write(Path d, Program p, Trace py, Trace java) throws IOException {
        Files.writeString(d.resolve(p.name() + ".py"), PythonRenderer.render(p));
        Files.writeString(d.resolve(p.name() + ".java"), JavaRenderer.render(p));
        Files.writeString(d.resolve(p.name() + ".python.trace"), py.text());
        Files.writeString(d.resolve(p.name() + ".java.trace"), java.text());
    }

    /** Normalised lines, marked {@code =} where they agree and {@code !} where they do not. */
    static String sideBySide(List<String> python, List<String> java) {
        StringBuilder out = new StringBuilder("normalised traces, python | java:\n");
        for (int i = 0; i < Math.max(python.size(), java.size()); i++) {
            String p = i < python.size() ? python.get(i).replace(Trace.LOG_MARK, '@') : "<none>";
            String j = i < java.size() ? java.get(i).replace(Trace.LOG_MARK, '@') : "<none>";
            if (p.equals(j)) {
                out.append("= ").append(p).append('\n');
            } else {
                out.append("! py   ").append(p).append('\n').append("! java ").append(j).append('\n');
            }
        }
        return out.toString();
    }

    /** Statements in the program, nested ones included. */
    static int size(Program p) {
        int n = count(p.main());
        for (Program.Worker w : p.workers()) {
            n += count(w.body());
        }
        return n;
    }

    private static int count(List<Op> ops) {
        int n = 0;
        for (Op op : ops) {
            n += 1 + count(Op.bodyOf(op));
        }
        return n;
    }
}
