package io.github.asyncioworkbook.runner;

import java.util.List;

/**
 * Renders a line edit script as a unified diff ({@code ---}/{@code +++} headers, {@code @@}
 * hunks, {@value #CONTEXT} lines of context, hunks closer than twice that merged).
 */
final class UnifiedDiff {

    static final int CONTEXT = 3;

    /** One line of the edit script. */
    record Op(Kind kind, String text) {
    }

    /** Kind of an edit-script line. */
    enum Kind {
        /** In both sides (shown with a leading space). */
        KEEP(' '),
        /** Only in the old (expected) side. */
        DELETE('-'),
        /** Only in the new (actual) side. */
        INSERT('+');

        final char sign;

        Kind(char sign) {
            this.sign = sign;
        }
    }

    private UnifiedDiff() {
    }

    static String render(String oldName, String newName, List<Op> ops) {
        int size = ops.size();
        int[] oldBefore = new int[size + 1];
        int[] newBefore = new int[size + 1];
        for (int k = 0; k < size; k++) {
            Kind kind = ops.get(k).kind();
            oldBefore[k + 1] = oldBefore[k] + (kind == Kind.INSERT ? 0 : 1);
            newBefore[k + 1] = newBefore[k] + (kind == Kind.DELETE ? 0 : 1);
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        int k = nextChange(ops, 0);
        while (k < size) {
            int start = Math.max(0, k - CONTEXT);
            int lastChange = k;
            int next = nextChange(ops, k + 1);
            while (next < size && next - lastChange <= 2 * CONTEXT) {
                lastChange = next;
                next = nextChange(ops, next + 1);
            }
            int end = Math.min(size, lastChange + 1 + CONTEXT);
            out.append("@@ -").append(range(oldBefore[start], oldBefore[end] - oldBefore[start]))
                    .append(" +").append(range(newBefore[start], newBefore[end] - newBefore[start]))
                    .append(" @@\n");
            for (int h = start; h < end; h++) {
                Op op = ops.get(h);
                out.append(op.kind().sign).append(op.text()).append('\n');
            }
            k = next;
        }
        return out.toString();
    }

    private static int nextChange(List<Op> ops, int from) {
        int k = from;
        while (k < ops.size() && ops.get(k).kind() == Kind.KEEP) {
            k++;
        }
        return k;
    }

    /** GNU style: "start,count", "start" when count is 1, and start = line before when empty. */
    private static String range(int linesBefore, int count) {
        if (count == 0) {
            return linesBefore + ",0";
        }
        return count == 1 ? String.valueOf(linesBefore + 1) : (linesBefore + 1) + "," + count;
    }
}
