package io.github.asyncioworkbook.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * An experiment, not run by {@code ./bench}: {@link HandoffBaseline}'s hand-off when the waiting
 * thread first spins ({@link Thread#onSpinWait()}) up to {@code spins} times before it parks. Run
 * it by hand:
 * <pre>
 * java -cp loop-core-bench/target/benchmarks.jar org.openjdk.jmh.Main HandoffSpin \
 *     -jvmArgsAppend -Djmh.executor=VIRTUAL [-jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1]
 * </pre>
 */
@State(Scope.Thread)
public class HandoffSpin {

    /** How many times a waiting thread checks the turn before it parks. */
    @Param({"0", "50", "200", "1000"})
    public int spins;

    private volatile int turn;

    private void awaitTurn(int me) {
        for (int i = 0; i < spins; i++) {
            if (turn == me) {
                return;
            }
            Thread.onSpinWait();
        }
        while (turn != me) {
            LockSupport.park(this);
        }
    }

    /**
     * {@value LoopBenchmarks#OPS} switches between two virtual threads.
     *
     * @return the number of round trips
     * @throws InterruptedException if interrupted while joining the partner
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LoopBenchmarks.OPS)
    public int spinThenPark() throws InterruptedException {
        int roundTrips = LoopBenchmarks.OPS / 2;
        Thread me = Thread.currentThread();
        turn = 0;
        Thread partner = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < roundTrips; i++) {
                awaitTurn(1);
                turn = 0;
                LockSupport.unpark(me);
            }
        });
        partner.start();
        for (int i = 0; i < roundTrips; i++) {
            turn = 1;
            LockSupport.unpark(partner);
            awaitTurn(0);
        }
        partner.join();
        return roundTrips;
    }
}
