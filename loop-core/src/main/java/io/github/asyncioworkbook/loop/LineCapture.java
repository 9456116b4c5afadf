package io.github.asyncioworkbook.loop;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Passes bytes on to a stream unchanged and hands every complete line to a
 * {@link TraceEventWriter}, with the call site of the write that began the line: the innermost
 * stack frame outside the JDK and outside loop-core's own classes (so a lesson's
 * {@code IO.println} is found, and so is the lesson line whose await led loop-core to log).
 */
final class LineCapture extends OutputStream {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource LOOP_CORE = LineCapture.class.getProtectionDomain().getCodeSource();

    private final PrintStream target;
    private final Charset charset;
    private final String stream;
    private final TraceEventWriter writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private StackWalker.StackFrame site;

    LineCapture(PrintStream target, Charset charset, String stream, TraceEventWriter writer) {
        this.target = target;
        this.charset = charset;
        this.stream = stream;
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        target.write(bytes, offset, length);
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                take(bytes, start, i - start);
                if (site == null) {
                    site = callSite().orElse(null);   // an empty line
                }
                String line = pending.toString(charset);
                pending.reset();
                writer.line(stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, site);
                site = null;
                start = i + 1;
            }
        }
        take(bytes, start, offset + length - start);
    }

    private void take(byte[] bytes, int from, int length) {
        if (length == 0) {
            return;
        }
        if (site == null) {
            site = callSite().orElse(null);
        }
        pending.write(bytes, from, length);
    }

    @Override
    public void flush() {
        target.flush();
    }

    private static Optional<StackWalker.StackFrame> callSite() {
        return WALKER.walk(frames -> frames.filter(f -> !platform(f) && !loopCore(f)).findFirst());
    }

    private static boolean platform(StackWalker.StackFrame f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    private static boolean loopCore(StackWalker.StackFrame f) {
        CodeSource cs = f.getDeclaringClass().getProtectionDomain().getCodeSource();
        return LOOP_CORE != null && cs != null && LOOP_CORE.getLocation().equals(cs.getLocation());
    }
}
