package io.github.asyncioworkbook.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    @Test
    void sameSeedSameProgramAndSources() {
        assertEquals(Generator.generate(42), Generator.generate(42));
        assertEquals(PythonRenderer.render(Generator.generate(42)), PythonRenderer.render(Generator.generate(42)));
        assertNotEquals(Generator.generate(42), Generator.generate(43));
    }

    @Test
    void everyGeneratedProgramIsValidAndEveryKindOfStatementTurnsUp() {
        Set<Class<?>> kinds = new HashSet<>();
        for (long seed = 1; seed <= 2000; seed++) {
            Program p = Generator.generate(seed);
            assertTrue(Shrinker.valid(p), "seed " + seed + " refers to a task slot before spawning it");
            p.main().forEach(op -> collect(op, kinds));
            p.workers().forEach(w -> w.body().forEach(op -> collect(op, kinds)));
        }
        assertEquals(Set.of(Op.class.getPermittedSubclasses()), kinds, "statement kinds never generated");
    }

    private static void collect(Op op, Set<Class<?>> kinds) {
        kinds.add(op.getClass());
        Op.bodyOf(op).forEach(inner -> collect(inner, kinds));
    }
}
