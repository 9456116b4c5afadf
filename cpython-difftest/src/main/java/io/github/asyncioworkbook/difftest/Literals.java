package io.github.asyncioworkbook.difftest;

import io.github.asyncioworkbook.loop.Repr;

/** Number and string literals that read the same in Python and Java sources. */
final class Literals {
    private Literals() {
    }

    /** A delay as both languages write it: {@code 0.5}, {@code 0.0}. */
    static String number(double d) {
        return Repr.floatRepr(d);
    }

    /** A Python string literal. */
    static String py(String s) {
        return Repr.stringRepr(s);
    }

    /** A Java string literal (the generator only uses printable ASCII without quotes). */
    static String java(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
