package io.github.asyncioworkbook.bench;

import static io.github.asyncioworkbook.loop.Asyncio.async;
import static io.github.asyncioworkbook.loop.Asyncio.sleep;

import io.github.asyncioworkbook.loop.Callback;
import io.github.asyncioworkbook.loop.Clock;
import io.github.asyncioworkbook.loop.Coroutine;
import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.Future;
import io.github.asyncioworkbook.loop.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of loop-core's public API, the Java twins of the four measurements of
 * {@code loop-core-bench/python/bench_asyncio.py}. Every figure is per operation, so the
 * per-invocation work only has to be large enough to make the fixed cost of starting and stopping
 * the loop negligible: each invocation does {@value #OPS} operations with
 * {@link OperationsPerInvocation} set accordingly.
 *
 * <ul>
 * <li>{@link #tasks}: create and await trivial tasks, {@value #TASK_BATCH} per batch -> tasks/s;</li>
 * <li>{@link #pingpong}: two tasks hand the turn back and forth through a fresh
 *     {@link EventLoop#createFuture()} per hop -> microseconds per task switch;</li>
 * <li>{@link #sleep0}: one task calls {@code sleep(0)} in a loop -> microseconds per step;</li>
 * <li>{@link #callsoon}: rounds of {@value #CALLBACK_ROUND} {@link EventLoop#callSoon} callbacks,
 *     each round run by {@code callSoon(stop)} + {@link EventLoop#runForever()} -> callbacks/s.</li>
 * </ul>
 *
 * <p>{@link BenchMain} runs them with JMH's virtual-thread executor ({@code -Djmh.executor=VIRTUAL}),
 * so {@code runForever} runs the loop on the benchmark's own thread, as when it is called from a
 * coroutine thread, rather than on a new virtual thread that a platform thread joins.
 */
@State(Scope.Thread)
public class LoopBenchmarks {

    /** Operations (tasks, switches, steps, callbacks) per benchmark invocation. */
    public static final int OPS = 20_000;
    /** Tasks created before the first of them is awaited. */
    public static final int TASK_BATCH = 1_000;
    /** Callbacks scheduled per {@code runForever} round. */
    public static final int CALLBACK_ROUND = 1_000;

    private EventLoop loop;
    private long callbacksRun;

    /** A loop on the real clock, whatever {@code loopcore.clock} says. */
    @Setup(Level.Trial)
    public void openLoop() {
        loop = new EventLoop(new Clock.Real());
    }

    /** Closes the loop; it must have no pending task left. */
    @TearDown(Level.Trial)
    public void closeLoop() {
        if (!loop.allTasks().isEmpty()) {
            throw new IllegalStateException("tasks left pending: " + loop.allTasks().size());
        }
        loop.close();
    }

    // --- (a) create + await trivial tasks --------------------------------------------------------

    private static Coroutine<Void> trivial() {
        return async(() -> null);
    }

    /**
     * {@value #OPS} trivial tasks: batches of {@value #TASK_BATCH} made with {@code createTask},
     * then awaited one after another (asyncio's bench awaits them with {@code gather}).
     *
     * @return the number of tasks awaited
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(OPS)
    public int tasks() {
        EventLoop l = loop;
        return l.runUntilComplete(async(() -> {
            @SuppressWarnings("unchecked")
            Task<Void>[] batch = (Task<Void>[]) new Task<?>[TASK_BATCH];
            int awaited = 0;
            for (int b = 0; b < OPS / TASK_BATCH; b++) {
                for (int i = 0; i < TASK_BATCH; i++) {
                    batch[i] = l.createTask(trivial());
                }
                for (Task<Void> t : batch) {
                    t.await();
                    awaited++;
                }
            }
            return awaited;
        }));
    }

    // --- (b) Future ping-pong --------------------------------------------------------------------

    /** The two futures the ping-pong players wait on; replaced after every hop. */
    private static final class Slots {
        Future<Void> toResponder;
        Future<Void> toInitiator;
    }

    /**
     * {@value #OPS} task switches: {@code OPS / 2} round trips between an initiator and a responder
     * task, each hop through a new future.
     *
     * @return the number of round trips
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(OPS)
    public int pingpong() {
        EventLoop l = loop;
        int roundTrips = OPS / 2;
        return l.runUntilComplete(async(() -> {
            Slots s = new Slots();
            s.toResponder = l.createFuture();
            Task<Void> responder = l.createTask(async(() -> {
                for (int i = 0; i < roundTrips; i++) {
                    s.toResponder.await();
                    s.toResponder = l.createFuture();
                    s.toInitiator.setResult(null);
                }
            }));
            sleep(0); // the responder now waits on its first future
            for (int i = 0; i < roundTrips; i++) {
                s.toInitiator = l.createFuture();
                s.toResponder.setResult(null);
                s.toInitiator.await();
            }
            responder.await();
            return roundTrips;
        }));
    }

    // --- (c) sleep(0) ----------------------------------------------------------------------------

    /**
     * {@value #OPS} {@code sleep(0)} steps of one task.
     *
     * @return the number of steps
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(OPS)
    public int sleep0() {
        return loop.runUntilComplete(async(() -> {
            for (int i = 0; i < OPS; i++) {
                sleep(0);
            }
            return OPS;
        }));
    }

    // --- (d) callSoon ----------------------------------------------------------------------------

    private void countCallback() {
        callbacksRun++;
    }

    /**
     * {@value #OPS} callbacks in rounds of {@value #CALLBACK_ROUND}: schedule them, then
     * {@code callSoon(stop)} and {@code runForever()}.
     *
     * @return the number of callbacks run so far in this trial
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(OPS)
    public long callsoon() {
        EventLoop l = loop;
        Callback count = this::countCallback;
        long before = callbacksRun;
        for (int r = 0; r < OPS / CALLBACK_ROUND; r++) {
            for (int i = 0; i < CALLBACK_ROUND; i++) {
                l.callSoon(count);
            }
            l.callSoon(l::stop);
            l.runForever();
        }
        if (callbacksRun - before != OPS) {
            throw new IllegalStateException("ran " + (callbacksRun - before) + " callbacks, expected " + OPS);
        }
        return callbacksRun;
    }
}
