package io.github.asyncioworkbook.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.asyncioworkbook.difftest.Op.Catch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sides for real: python3 through the driver, loop-core through the interpreter and javac. */
class EndToEndTest {
    @TempDir
    static Path work;
    private static PythonSide python;
    private static JavaSide java;

    @BeforeAll
    static void start() throws Exception {
        boolean hasPython = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        assumeTrue(hasPython, "python3 is not installed");
        python = new PythonSide("python3", work);
        java = new JavaSide();
    }

    @AfterAll
    static void stop() {
        if (python != null) {
            python.close();
        }
    }

    private static Program program(List<Op> main) {
        return new Program("E" + main.size(), 0, List.of(
                new Program.Worker(0, List.of(new Op.Sleep(10, 0.5), new Op.Now(11), new Op.Say(12)), false),
                new Program.Worker(1, List.of(new Op.Sleep(20, 1.0)), true)), main, 1, 1, 0, true);
    }

    @Test
    void aProgramBothRunAlikeHasTheSameTraceOnBothSides() {
        Program p = program(List.of(new Op.Spawn(1, 0, 0, 3, null), new Op.Spawn(2, 1, 1, 4, "named"),
                new Op.ShowTask(3, 1), new Op.Resolve(4, 0, 0.25, Op.Outcome.RESULT),
                new Op.AwaitFuture(5, 0, Catch.EXC), new Op.Gather(6, List.of(new Op.Aw.TaskRef(0),
                        new Op.Aw.TaskRef(1)), true, Catch.EXC), new Op.Now(7)));
        Trace py = python.run(p);
        Trace jv = java.interpret(p);
        Verdict v = Verdict.of(py, jv);
        assertEquals(Verdict.Kind.SAME, v.kind(), Artifacts.sideBySide(v.python(), v.java()));
        assertTrue(v.python().contains("L7 time 1.0"), v.python().toString());
        assertTrue(v.python().contains("L6 ok ['w0:3', Boom('w1:4')]"), v.python().toString());
    }

    @Test
    void theCompiledJavaSourceDoesWhatTheInterpreterDoes() {
        for (long seed = 1; seed <= 4; seed++) {
            Program p = Generator.generate(seed);
            Map<Program, Trace> compiled = java.run(List.of(p));
            Trace interpreted = java.interpret(p);
            assertTrue(RenderCheck.agrees(interpreted, compiled.get(p)), "seed " + seed + "\n"
                    + RenderCheck.explain(interpreted, compiled.get(p)));
        }
    }

    @Test
    void aDeadlockIsSeenOnBothSides() {
        // main waits on the event while no one sets it; the watchdog gives up after its shots
        Program p = new Program("Dead", 0, List.of(), List.of(new Op.EventWait(1, Catch.ALL),
                new Op.EventWait(2, Catch.ALL), new Op.EventWait(3, Catch.ALL), new Op.EventWait(4, Catch.ALL)),
                0, 1, 0, true);
        Trace py = python.run(p);
        Trace jv = java.interpret(p);
        assertTrue(py.flags().contains("deadlock"), py.text());
        assertTrue(jv.flags().contains("hang"), jv.text());
        assertEquals(Verdict.Kind.SAME, Verdict.of(py, jv).kind(), py.text() + jv.text());
    }
}
