package io.github.asyncioworkbook.loop;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints an exception the way Python's interpreter prints one that ends the program
 * ({@code traceback.print_exception}): the innermost cause first, each block headed
 * {@code Traceback (most recent call last):} with the caller's frames first, joined by
 * {@code During handling of the above exception, another exception occurred:}. Frames of the JDK
 * and of loop-core's internals are left out; the rest are shown as
 * {@code File "Main.java", line 12, in main}.
 *
 * <p>Used for {@link KeyboardInterrupt} leaving {@code main}: {@link #exitOnKeyboardInterrupt()}
 * makes the calling thread print it and end the JVM with status 130, as Python does on Ctrl-C.
 */
final class Tracebacks {
    private Tracebacks() {
    }

    /**
     * Makes a {@link KeyboardInterrupt} that escapes the calling thread (its {@code main}) print a
     * Python traceback and end the JVM with status 130; any other uncaught throwable still goes
     * to the handler that was in place.
     */
    static void exitOnKeyboardInterrupt() {
        Thread me = Thread.currentThread();
        Thread.UncaughtExceptionHandler previous = me.getUncaughtExceptionHandler();
        if (previous instanceof ExitOnInterrupt) {
            return;
        }
        me.setUncaughtExceptionHandler(new ExitOnInterrupt(previous));
    }

    private record ExitOnInterrupt(Thread.UncaughtExceptionHandler previous) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (!(e instanceof KeyboardInterrupt)) {
                previous.uncaughtException(t, e);
                return;
            }
            PrintStream err = System.err;
            synchronized (err) {
                print(e, err);
                err.flush();
            }
            System.out.flush();
            Runtime.getRuntime().exit(KeyboardInterrupt.EXIT_STATUS);
        }
    }

    /**
     * Prints {@code e} and its causes in Python's layout.
     *
     * @param e the exception
     * @param out where to
     */
    static void print(Throwable e, PrintStream out) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Collections.reverse(chain);
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out.println();
                out.println("During handling of the above exception, another exception occurred:");
                out.println();
            }
            printOne(chain.get(i), out);
        }
    }

    private static void printOne(Throwable e, PrintStream out) {
        out.println("Traceback (most recent call last):");
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = frames.length - 1; i >= 0; i--) {
            StackTraceElement f = frames[i];
            if (shown(f)) {
                out.println("  File \"" + (f.getFileName() == null ? "<unknown>" : f.getFileName()) + "\", line "
                        + Math.max(f.getLineNumber(), 0) + ", in " + f.getMethodName());
            }
        }
        out.println(lastLine(e));
    }

    private static boolean shown(StackTraceElement f) {
        String c = f.getClassName();
        if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.junit.")) {
            return false;
        }
        if (!c.startsWith("io.github.asyncioworkbook.loop.") || c.equals(Asyncio.class.getName())) {
            return true;
        }
        return !partOfLoopCore(c);
    }

    /** Whether {@code className} was loaded from loop-core itself (not a program in its package). */
    private static boolean partOfLoopCore(String className) {
        try {
            Class<?> k = Class.forName(className, false, Tracebacks.class.getClassLoader());
            java.security.CodeSource mine = Tracebacks.class.getProtectionDomain().getCodeSource();
            java.security.CodeSource its = k.getProtectionDomain().getCodeSource();
            return mine == null ? its == null : its != null && mine.getLocation().equals(its.getLocation());
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }

    private static String lastLine(Throwable e) {
        String type = switch (e) {
            case KeyboardInterrupt k -> "KeyboardInterrupt";
            case CancelledError c -> "asyncio.exceptions.CancelledError";
            default -> e.getClass().getName();
        };
        String message = e instanceof KeyboardInterrupt ? null : e.getMessage();
        return message == null ? type : type + ": " + message;
    }
}
