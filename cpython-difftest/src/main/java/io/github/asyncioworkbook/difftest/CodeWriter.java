package io.github.asyncioworkbook.difftest;

/** Lines of source text at an indentation level that blocks raise and lower. */
final class CodeWriter {
    private final StringBuilder out = new StringBuilder();
    private final String unit;
    private int depth;

    /** @param unit one level of indentation, e.g. four spaces */
    CodeWriter(String unit) {
        this.unit = unit;
    }

    /** Writes one line at the current indentation (an empty line stays empty). */
    CodeWriter line(String text) {
        if (!text.isEmpty()) {
            out.append(unit.repeat(depth));
        }
        out.append(text).append('\n');
        return this;
    }

    CodeWriter indent() {
        depth++;
        return this;
    }

    CodeWriter dedent() {
        if (depth == 0) {
            throw new IllegalStateException("dedent below column 0");
        }
        depth--;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
