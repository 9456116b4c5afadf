package io.github.asyncioworkbook.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under {@link LoopBenchmarks#pingpong}: two virtual threads pass a turn back and forth
 * with a volatile field and {@link LockSupport#park()}/{@link LockSupport#unpark}, the way
 * loop-core hands its turn from one coroutine thread to the next, with no event loop, futures or
 * callbacks around it. The difference between the two figures is what loop-core itself costs per
 * switch.
 */
@State(Scope.Thread)
public class HandoffBaseline {

    /** Whose turn it is: 0 = the benchmark thread, 1 = the partner thread. */
    private volatile int turn;

    private void awaitTurn(int me) {
        while (turn != me) {
            LockSupport.park(this);
        }
    }

    /**
     * {@value LoopBenchmarks#OPS} switches between the benchmark's (virtual) thread and a partner
     * virtual thread started for the invocation.
     *
     * @return the number of round trips
     * @throws InterruptedException if interrupted while joining the partner
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LoopBenchmarks.OPS)
    public int vtPingpong() throws InterruptedException {
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
