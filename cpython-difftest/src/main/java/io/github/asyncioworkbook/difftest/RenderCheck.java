package io.github.asyncioworkbook.difftest;

import java.util.List;

/**
 * Checks that the Java source saved for a program does what was run: the trace of the compiled
 * rendered class must be the {@link Interpreter}'s, after the rules that remove what differs between
 * any two runs (source lines, task numbers). A disagreement is a bug of difftest, reported as an error.
 */
final class RenderCheck {
    private RenderCheck() {
    }

    static boolean agrees(Trace interpreted, Trace compiled) {
        return Rules.java(interpreted).equals(Rules.java(compiled));
    }

    static String explain(Trace interpreted, Trace compiled) {
        return Artifacts.sideBySide(Rules.java(interpreted), Rules.java(compiled))
                .replace("python | java", "interpreter | compiled source")
                .replace("! py   ", "! interp   ").replace("! java ", "! compiled ");
    }

}
