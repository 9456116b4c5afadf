package io.github.asyncioworkbook.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.difftest.Op.Catch;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static Program program(Op... main) {
        return new Program("P0", 0, List.of(new Program.Worker(0, List.of(new Op.Sleep(90, 0.5)), true)),
                List.of(main), 1, 1, 0, true);
    }

    @Test
    void exceptCatchesExceptionButLetsCancelledErrorThroughOnBothSides() {
        Program p = program(new Op.Spawn(1, 0, 0, 3, null), new Op.AwaitTask(2, 0, Catch.EXC));
        String py = PythonRenderer.render(p);
        String java = JavaRenderer.render(p);
        assertTrue(py.contains("    try:\n        r2 = await T[0]\n        print('L2 ok', repr(r2))\n"
                + "    except Exception as e2:\n        print('L2 raised', repr(e2))\n"), py);
        assertTrue(java.contains("} catch (CancelledError e2) {\n                throw e2;\n"
                + "            } catch (Exception e2) {"), java);
    }

    @Test
    void catchAllPrintsCancelledErrorOnBothSides() {
        Program p = program(new Op.AwaitFuture(2, 0, Catch.ALL));
        assertTrue(PythonRenderer.render(p).contains("except asyncio.CancelledError as e2:\n        print('L2 cancelled', repr(e2))"));
        assertTrue(JavaRenderer.render(p).contains("} catch (CancelledError e2) {\n                IO.println(\"L2 cancelled \" + repr(e2));"));
    }

    @Test
    void raiseInTheMiddleOfABlockCompilesInJava() {
        Program p = program(new Op.LockBlock(1, List.of(new Op.Raise(2), new Op.Say(3)), Catch.EXC));
        assertTrue(PythonRenderer.render(p).contains("raise Boom('L2')\n"));
        assertTrue(JavaRenderer.render(p).contains("if (true) throw new Boom(\"L2\");\n"));
    }

    @Test
    void workerThatRaisesEndsWithBoomOnBothSides() {
        Program p = program(new Op.Say(1));
        assertTrue(PythonRenderer.render(p).contains("raise Boom('w0:' + str(n))"));
        assertTrue(JavaRenderer.render(p).contains("if (true) throw new Boom(\"w0:\" + n);\n            return null;"));
    }
}
