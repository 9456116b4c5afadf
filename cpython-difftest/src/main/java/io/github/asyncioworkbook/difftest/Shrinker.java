package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.difftest.Op.Aw;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrinks a divergent program to a small one that still diverges: repeatedly tries programs with one
 * statement removed, one block replaced by its body, one item of a gather / wait / as_completed or
 * one TaskGroup child removed, and keeps the first that still diverges, until none does (greedy
 * delta debugging). Candidates that refer to a task slot before it is spawned are skipped.
 */
final class Shrinker {
    /** Upper bound of candidate programs run for one divergence. */
    static final int MAX_ATTEMPTS = 600;
    /** Candidates generated per step. */
    private static final int CHUNK = 20;

    private final Predicate<Program> diverges;
    private final PythonSide python;
    private final JavaSide java;
    private int variant;

    Shrinker(PythonSide python, JavaSide java) {
        this.python = python;
        this.java = java;
        this.diverges = null;
    }

    /** For tests: shrinks against any predicate instead of running programs. */
    Shrinker(Predicate<Program> diverges) {
        this.python = null;
        this.java = null;
        this.diverges = diverges;
    }

    /** The smallest program found, its traces and verdict, and how many candidates were run. */
    record Result(Program program, Trace python, Trace java, Verdict verdict, int attempts) { }

    Result shrink(Program original, Verdict verdict) {
        Program current = original;
        int attempts = 0;
        boolean progress = true;
        while (progress && attempts < MAX_ATTEMPTS) {
            progress = false;
            List<Program> all = candidates(current);
            for (int from = 0; from < all.size() && attempts < MAX_ATTEMPTS; from += CHUNK) {
                List<Program> chunk = new ArrayList<>();
                for (Program c : all.subList(from, Math.min(all.size(), from + CHUNK))) {
                    chunk.add(c.named(original.name() + "_s" + (++variant)));
                }
                attempts += chunk.size();
                Program smaller = firstDivergent(chunk);
                if (smaller != null) {
                    current = smaller;
                    progress = true;
                    break;
                }
            }
        }
        Program result = current.named(original.name() + "_min");
        if (diverges != null) {
            return new Result(result, null, null, verdict, attempts);
        }
        Trace py = python.run(result);
        Trace jv = java.interpret(result);
        return new Result(result, py, jv, Verdict.of(py, jv), attempts);
    }

    /** The first candidate, in order, that still diverges, or null. */
    private Program firstDivergent(List<Program> chunk) {
        if (diverges != null) {
            return chunk.stream().filter(diverges).findFirst().orElse(null);
        }
        for (Program c : chunk) {
            if (Verdict.of(python.run(c), java.interpret(c)).kind() == Verdict.Kind.DIVERGENT) {
                return c;
            }
        }
        return null;
    }

    /** Smaller variants of {@code p}, valid ones only, biggest cuts first. */
    static List<Program> candidates(Program p) {
        List<Program> out = new ArrayList<>();
        for (List<Op> main : variants(p.main())) {
            out.add(new Program(p.name(), p.seed(), p.workers(), main, p.futures(), p.semaphoreValue(),
                    p.queueSize(), p.watchdog()));
        }
        for (int k = 0; k < p.workers().size(); k++) {
            Program.Worker w = p.workers().get(k);
            for (List<Op> body : variants(w.body())) {
                List<Program.Worker> workers = new ArrayList<>(p.workers());
                workers.set(k, new Program.Worker(w.id(), body, w.raises()));
                out.add(new Program(p.name(), p.seed(), workers, p.main(), p.futures(), p.semaphoreValue(),
                        p.queueSize(), p.watchdog()));
            }
            if (w.raises()) {
                List<Program.Worker> workers = new ArrayList<>(p.workers());
                workers.set(k, new Program.Worker(w.id(), w.body(), false));
                out.add(new Program(p.name(), p.seed(), workers, p.main(), p.futures(), p.semaphoreValue(),
                        p.queueSize(), p.watchdog()));
            }
        }
        return out.stream().filter(Shrinker::valid).toList();
    }

    /** Variants of a statement list with one thing taken away. */
    static List<List<Op>> variants(List<Op> ops) {
        List<List<Op>> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            List<Op> without = new ArrayList<>(ops);
            without.remove(i);
            out.add(without);
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            List<Op> body = Op.bodyOf(op);
            if (!body.isEmpty()) {
                List<Op> inlined = new ArrayList<>(ops.subList(0, i));
                inlined.addAll(body);
                inlined.addAll(ops.subList(i + 1, ops.size()));
                out.add(inlined);
                for (List<Op> smaller : variants(body)) {
                    out.add(replaced(ops, i, Op.withBody(op, smaller)));
                }
            }
            for (Op simpler : simpler(op)) {
                out.add(replaced(ops, i, simpler));
            }
        }
        return out;
    }

    private static List<Op> replaced(List<Op> ops, int i, Op op) {
        List<Op> copy = new ArrayList<>(ops);
        copy.set(i, op);
        return copy;
    }

    /** The statement with one item or child fewer. */
    private static List<Op> simpler(Op op) {
        List<Op> out = new ArrayList<>();
        switch (op) {
            case Op.Gather g -> {
                for (List<Aw> items : withoutOne(g.items())) {
                    out.add(new Op.Gather(g.label(), items, g.returnExceptions(), g.c()));
                }
            }
            case Op.Wait w -> {
                for (List<Aw> items : withoutOne(w.items())) {
                    if (!items.isEmpty()) {
                        out.add(new Op.Wait(w.label(), items, w.timeout(), w.returnWhen()));
                    }
                }
            }
            case Op.AsCompleted a -> {
                for (List<Aw> items : withoutOne(a.items())) {
                    if (!items.isEmpty()) {
                        out.add(new Op.AsCompleted(a.label(), items, a.timeout(), a.c()));
                    }
                }
            }
            case Op.Group g -> {
                for (List<Op.Child> children : withoutOne(g.children())) {
                    out.add(new Op.Group(g.label(), children, g.body(), g.c()));
                }
            }
            default -> { }
        }
        return out;
    }

    private static <T> List<List<T>> withoutOne(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> copy = new ArrayList<>(items);
            copy.remove(i);
            out.add(copy);
        }
        return out;
    }

    /** Every task slot main refers to was spawned by an earlier top-level statement. */
    static boolean valid(Program p) {
        Set<Integer> spawned = new HashSet<>();
        for (Op op : p.main()) {
            if (!slotsUsed(op).stream().allMatch(spawned::contains)) {
                return false;
            }
            if (op instanceof Op.Spawn s) {
                spawned.add(s.slot());
            }
        }
        return true;
    }

    private static Set<Integer> slotsUsed(Op op) {
        Set<Integer> slots = new HashSet<>();
        switch (op) {
            case Op.AwaitTask a -> slots.add(a.slot());
            case Op.Cancel c -> slots.add(c.slot());
            case Op.Uncancel u -> slots.add(u.slot());
            case Op.ShowTask s -> slots.add(s.slot());
            case Op.DoneCallback d -> addSlot(slots, d.target());
            case Op.Gather g -> g.items().forEach(a -> addSlot(slots, a));
            case Op.Wait w -> w.items().forEach(a -> addSlot(slots, a));
            case Op.WaitFor w -> addSlot(slots, w.item());
            case Op.Shield s -> addSlot(slots, s.item());
            case Op.AsCompleted a -> a.items().forEach(x -> addSlot(slots, x));
            default -> { }
        }
        for (Op inner : Op.bodyOf(op)) {
            slots.addAll(slotsUsed(inner));
        }
        return slots;
    }

    private static void addSlot(Set<Integer> slots, Aw a) {
        if (a instanceof Aw.TaskRef t) {
            slots.add(t.slot());
        }
    }
}
