package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.difftest.Op.Aw;
import io.github.asyncioworkbook.difftest.Op.Catch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Makes a random, small, deterministic {@link Program} from a seed: the same seed gives the same
 * program on every machine. Statements are drawn from weighted menus that depend on where they go
 * (main's top level, a block, a worker), so that every statement refers only to what exists there:
 * main spawns tasks at its top level only and refers to a slot only after spawning it; worker k calls
 * only workers below k; {@code asyncio.wait} gets tasks and futures only (it rejects coroutines).
 */
public final class Generator {
    private static final double[] DELAYS = {0.0, 0.0, 0.25, 0.5, 1.0, 1.5};
    private static final Double[] TIMEOUTS = {null, 0.0, 0.25, 0.75, 1.25, 2.0};
    private static final String[] RETURN_WHEN = {"ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"};

    private final SplittableRandom random;
    private final long seed;
    private int nextLabel = 1;
    private int futures;

    private Generator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** @return the program of this seed, named {@code P<seed>} */
    public static Program generate(long seed) {
        return new Generator(seed).program();
    }

    /** Where statements are being generated. */
    private record Scope(boolean main, int worker, List<Integer> spawned, int depth) {
        /** Workers this scope may call: all of them from main, those below k from worker k. */
        int callable(int workers) {
            return main ? workers : worker;
        }
    }

    private Program program() {
        int workerCount = 1 + random.nextInt(3);
        futures = random.nextInt(3);
        List<Program.Worker> workers = new ArrayList<>();
        for (int k = 0; k < workerCount; k++) {
            Scope scope = new Scope(false, k, List.of(), 0);
            List<Op> body = statements(scope, workerCount, 1 + random.nextInt(4));
            workers.add(new Program.Worker(k, body, random.nextInt(5) == 0));
        }
        List<Integer> spawned = new ArrayList<>();
        List<Op> main = new ArrayList<>();
        int length = 3 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            if (spawned.size() < Program.TASK_SLOTS && (spawned.isEmpty() || random.nextInt(4) == 0)) {
                int slot = spawned.size();
                String name = random.nextInt(5) == 0 ? "n" + slot : null;
                main.add(new Op.Spawn(label(), slot, random.nextInt(workerCount), random.nextInt(10), name));
                spawned.add(slot);
            } else {
                main.add(statement(new Scope(true, -1, List.copyOf(spawned), 0), workerCount));
            }
        }
        String name = "P" + Long.toUnsignedString(seed);
        return new Program(name, seed, workers, main, futures, 1 + random.nextInt(2),
                random.nextInt(3), true);
    }

    private List<Op> statements(Scope scope, int workers, int count) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(statement(scope, workers));
        }
        return ops;
    }

    private int label() {
        return nextLabel++;
    }

    private Catch anyCatch() {
        int r = random.nextInt(10);
        return r < 3 ? Catch.NONE : r < 8 ? Catch.EXC : Catch.ALL;
    }

    private double delay() {
        return DELAYS[random.nextInt(DELAYS.length)];
    }

    private Double timeout() {
        return TIMEOUTS[random.nextInt(TIMEOUTS.length)];
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A task, a future or (where allowed) a coroutine call, or null when the scope has none. */
    private Aw awaitable(Scope scope, int workers, boolean coroutines) {
        List<Supplier<Aw>> kinds = new ArrayList<>();
        if (!scope.spawned().isEmpty()) {
            kinds.add(() -> new Aw.TaskRef(pick(scope.spawned())));
        }
        if (futures > 0) {
            kinds.add(() -> new Aw.FutureRef(random.nextInt(futures)));
        }
        if (coroutines && scope.callable(workers) > 0) {
            kinds.add(() -> new Aw.CoroCall(random.nextInt(scope.callable(workers)), random.nextInt(10)));
        }
        return kinds.isEmpty() ? null : pick(kinds).get();
    }

    private List<Aw> awaitables(Scope scope, int workers, boolean coroutines, boolean distinct) {
        List<Aw> items = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Aw a = awaitable(scope, workers, coroutines);
            if (a != null && !(distinct && items.contains(a))) {
                items.add(a);
            }
        }
        return items;
    }

    private Op statement(Scope scope, int workers) {
        while (true) {
            Op op = attempt(scope, workers);
            if (op != null) {
                return op;
            }
        }
    }

    /** One weighted draw; null when the drawn kind does not fit the scope (the caller draws again). */
    private Op attempt(Scope scope, int workers) {
        boolean hasTasks = !scope.spawned().isEmpty();
        boolean canBlock = scope.depth() < 2;
        int n = label();
        int r = random.nextInt(100);
        if (r < 12) {
            return new Op.Sleep(n, delay());
        } else if (r < 18) {
            return new Op.Say(n);
        } else if (r < 20) {
            return new Op.Now(n);
        } else if (r < 22) {
            return new Op.Raise(n);
        } else if (r < 28) {
            return hasTasks ? new Op.AwaitTask(n, pick(scope.spawned()), anyCatch()) : null;
        } else if (r < 32) {
            return hasTasks ? new Op.Cancel(n, pick(scope.spawned()), random.nextBoolean() ? null : "m" + n) : null;
        } else if (r < 33) {
            return hasTasks ? new Op.Uncancel(n, pick(scope.spawned())) : null;
        } else if (r < 34) {
            return new Op.UncancelSelf(n);
        } else if (r < 37) {
            return hasTasks ? new Op.ShowTask(n, pick(scope.spawned())) : null;
        } else if (r < 38) {
            return new Op.ShowSelf(n);
        } else if (r < 43) {
            return futures > 0 ? new Op.Resolve(n, random.nextInt(futures), random.nextInt(4) == 0 ? -1 : delay(),
                    Op.Outcome.values()[random.nextInt(3)]) : null;
        } else if (r < 46) {
            return futures > 0 ? new Op.AwaitFuture(n, random.nextInt(futures), anyCatch()) : null;
        } else if (r < 47) {
            return futures > 0 ? new Op.ShowFuture(n, random.nextInt(futures)) : null;
        } else if (r < 49) {
            Aw target = awaitable(scope, workers, false);
            return target == null ? null : new Op.DoneCallback(n, target);
        } else if (r < 53) {
            return new Op.Call(n, Op.When.values()[random.nextInt(3)], delay(), random.nextInt(4) == 0,
                    random.nextInt(4) == 0);
        } else if (r < 57) {
            return new Op.Gather(n, awaitables(scope, workers, true, false), random.nextBoolean(), anyCatch());
        } else if (r < 60) {
            List<Aw> items = awaitables(scope, workers, false, true);
            return items.isEmpty() ? null
                    : new Op.Wait(n, items, timeout(), RETURN_WHEN[random.nextInt(RETURN_WHEN.length)]);
        } else if (r < 63) {
            Aw item = awaitable(scope, workers, true);
            return item == null ? null : new Op.WaitFor(n, item, timeout(), anyCatch());
        } else if (r < 65) {
            Aw item = awaitable(scope, workers, true);
            return item == null ? null : new Op.Shield(n, item, anyCatch());
        } else if (r < 67) {
            List<Aw> items = awaitables(scope, workers, true, true);
            return items.isEmpty() ? null : new Op.AsCompleted(n, items, timeout(), anyCatch());
        } else if (r < 71) {
            if (!canBlock) {
                return null;
            }
            List<Op.Child> children = new ArrayList<>();
            int callable = scope.callable(workers);
            for (int i = callable == 0 ? 0 : random.nextInt(3); i > 0; i--) {
                children.add(new Op.Child(random.nextInt(callable), random.nextInt(10)));
            }
            return new Op.Group(n, children, block(scope, workers), anyCatch());
        } else if (r < 75) {
            return canBlock ? new Op.TimeoutBlock(n, timeout(), block(scope, workers), anyCatch()) : null;
        } else if (r < 77) {
            return canBlock ? new Op.LockBlock(n, block(scope, workers), anyCatch()) : null;
        } else if (r < 79) {
            return canBlock ? new Op.SemBlock(n, block(scope, workers), anyCatch()) : null;
        } else if (r < 81) {
            return new Op.EventWait(n, anyCatch());
        } else if (r < 84) {
            return new Op.EventSet(n);
        } else if (r < 85) {
            return new Op.EventClear(n);
        } else if (r < 87) {
            return new Op.CondWait(n, anyCatch());
        } else if (r < 89) {
            return new Op.CondNotify(n, random.nextInt(3));
        } else if (r < 91) {
            return new Op.QueuePut(n, random.nextInt(100), anyCatch());
        } else if (r < 94) {
            return new Op.QueuePutNowait(n, random.nextInt(100));
        } else if (r < 96) {
            return new Op.QueueGet(n, anyCatch());
        } else if (r < 97) {
            return new Op.QueueGetNowait(n);
        } else if (r < 99) {
            return new Op.QueueTaskDone(n);
        } else {
            return new Op.QueueJoin(n, anyCatch());
        }
    }

    private List<Op> block(Scope scope, int workers) {
        Scope inner = new Scope(scope.main(), scope.worker(), scope.spawned(), scope.depth() + 1);
        return statements(inner, workers, random.nextInt(4));
    }
}
