package io.github.asyncioworkbook.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.difftest.Op.Catch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private static boolean hasCancel(List<Op> ops) {
        return ops.stream().anyMatch(op -> op instanceof Op.Cancel || hasCancel(Op.bodyOf(op)));
    }

    @Test
    void shrinksToTheStatementsTheDivergenceNeeds() {
        Program big = Generator.generate(7);
        Program withCancel = new Program(big.name(), big.seed(), big.workers(),
                java.util.stream.Stream.concat(big.main().stream(), java.util.stream.Stream.of(
                        new Op.Spawn(500, 5, 0, 1, null),
                        new Op.LockBlock(501, List.of(new Op.Say(502), new Op.Cancel(503, 5, "m")), Catch.EXC))).toList(),
                big.futures(), big.semaphoreValue(), big.queueSize(), big.watchdog());
        Shrinker shrinker = new Shrinker(p -> hasCancel(p.main()));
        Program small = shrinker.shrink(withCancel, null).program();
        assertEquals(List.of(new Op.Spawn(500, 5, 0, 1, null), new Op.Cancel(503, 5, "m")), small.main());
        assertTrue(small.workers().stream().allMatch(w -> w.body().isEmpty() && !w.raises()));
        assertEquals(big.name() + "_min", small.name());
    }

    @Test
    void candidatesNeverUseASlotBeforeItIsSpawned() {
        Program p = new Program("P1", 1, List.of(new Program.Worker(0, List.of(), false)),
                List.of(new Op.Spawn(1, 0, 0, 1, null), new Op.AwaitTask(2, 0, Catch.NONE)), 0, 1, 0, true);
        assertTrue(Shrinker.valid(p));
        assertFalse(Shrinker.valid(new Program("P1", 1, p.workers(), List.of(new Op.AwaitTask(2, 0, Catch.NONE)),
                0, 1, 0, true)));
        assertTrue(Shrinker.candidates(p).stream().allMatch(Shrinker::valid));
        assertTrue(Shrinker.candidates(p).stream().noneMatch(c -> c.main().equals(List.of(new Op.AwaitTask(2, 0, Catch.NONE)))));
    }
}
