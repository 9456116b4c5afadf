package io.github.asyncioworkbook.loop;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The loop's log output, shaped like Python's {@code logging} module so that lessons print what the
 * originals print. Records go to {@link System#err} (looked up at each call, so a redirected
 * {@code System.err} is honoured).
 *
 * <p>Without {@link #basicConfig} only WARNING and above are written, as the bare message; that is
 * what Python prints when logging was never configured ("last resort" handler). After
 * {@code basicConfig(level, format)}, records at {@code level} and above are written with
 * {@code format}, which understands {@code %(name)s}, {@code %(levelname)s}, {@code %(message)s},
 * {@code %(threadName)s}, {@code %(process)s}
 * and a width such as {@code %(levelname)7s}. Exceptions are printed after the record with Java's
 * stack-trace format.
 */
public final class Log {
    /** Python's logging levels. */
    public enum Level {
        /** 10 */ DEBUG,
        /** 20 */ INFO,
        /** 30 */ WARNING,
        /** 40 */ ERROR,
        /** 50 */ CRITICAL
    }

    private static volatile Level threshold = Level.WARNING;
    private static volatile String format = null;

    private Log() {
    }

    /**
     * {@code logging.basicConfig(level=..., format=...)}.
     *
     * @param level the lowest level written
     * @param fmt a Python logging format, e.g. {@code "%(levelname)7s: %(message)s"}
     */
    public static void basicConfig(Level level, String fmt) {
        threshold = level;
        format = fmt;
    }

    /** {@return the configuration as system properties, for a child JVM (see {@link ProcessPool})} */
    static java.util.List<String> configAsProperties() {
        String fmt = format;
        return fmt == null ? java.util.List.of("-Dloopcore.log.level=" + threshold)
                : java.util.List.of("-Dloopcore.log.level=" + threshold, "-Dloopcore.log.format=" + fmt);
    }

    /** Applies {@link #configAsProperties()} in a child JVM. */
    static void configFromProperties() {
        String level = System.getProperty("loopcore.log.level");
        if (level != null) {
            threshold = Level.valueOf(level);
            format = System.getProperty("loopcore.log.format");
        }
    }

    /**
     * @param level a level
     * @return whether a record of that level would be written
     */
    public static boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    /**
     * Writes a record: {@code logging.getLogger(name).log(level, message)}.
     *
     * @param level the level
     * @param name the logger name, e.g. {@code asyncio}
     * @param message the text
     * @param error an exception to print after it, or {@code null}
     */
    public static void log(Level level, String name, String message, Throwable error) {
        if (!isEnabled(level)) {
            return;
        }
        String fmt = format;
        String line = fmt == null ? message : render(fmt, level, name, message);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (error != null) {
                error.printStackTrace(err);
            }
            err.flush();
        }
    }

    /**
     * @param name logger name
     * @param message text
     */
    public static void debug(String name, String message) {
        log(Level.DEBUG, name, message, null);
    }

    /**
     * @param name logger name
     * @param message text
     */
    public static void info(String name, String message) {
        log(Level.INFO, name, message, null);
    }

    /**
     * @param name logger name
     * @param message text
     */
    public static void warning(String name, String message) {
        log(Level.WARNING, name, message, null);
    }

    /**
     * @param name logger name
     * @param message text
     * @param error exception to print, or {@code null}
     */
    public static void error(String name, String message, Throwable error) {
        log(Level.ERROR, name, message, error);
    }

    /**
     * Python's {@code threading.current_thread().name}: {@code MainThread} for the JVM's main thread
     * and for coroutines of a loop (which run on the loop's thread in Python, and on virtual threads
     * of their own with the thread runner), the Java name otherwise ({@code asyncio_0},
     * {@code ThreadPoolExecutor-0_1}).
     */
    private static String threadName() {
        Thread t = Thread.currentThread();
        if (t.getName().equals("main") || t.isVirtual() && EventLoop.runningOnThisThread() != null) {
            return "MainThread";
        }
        return t.getName();
    }

    private static String render(String fmt, Level level, String name, String message) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            int start = fmt.indexOf("%(", i);
            if (start < 0) {
                out.append(fmt, i, fmt.length());
                break;
            }
            out.append(fmt, i, start);
            int close = fmt.indexOf(')', start);
            int end = close + 1;
            while (end < fmt.length() && (Character.isDigit(fmt.charAt(end)) || fmt.charAt(end) == '-')) {
                end++;
            }
            if (close < 0 || end >= fmt.length() || fmt.charAt(end) != 's') {
                out.append(fmt.substring(start));
                break;
            }
            String key = fmt.substring(start + 2, close);
            String width = fmt.substring(close + 1, end);
            String value = switch (key) {
                case "name" -> name;
                case "levelname" -> level.name();
                case "message" -> message;
                case "threadName" -> threadName();
                case "process" -> Long.toString(ProcessHandle.current().pid());
                default -> "%(" + key + ")";
            };
            out.append(width.isEmpty() ? value : String.format(Locale.ROOT, "%" + width + "s", value));
            i = end + 1;
        }
        return out.toString();
    }
}
