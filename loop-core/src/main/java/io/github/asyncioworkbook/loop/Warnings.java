package io.github.asyncioworkbook.loop;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Python's {@code warnings} module that asyncio uses: the warnings it issues for
 * objects that were dropped in the wrong state, and the filter that decides which are shown.
 *
 * <ul>
 * <li>{@link Category#RUNTIME_WARNING}: "coroutine 'f' was never awaited", issued when the JVM
 *     collects a {@link Coroutine} that never started (CPython issues it when the coroutine object
 *     is destroyed). Shown by default.</li>
 * <li>{@link Category#RESOURCE_WARNING}: "unclosed event loop &lt;...&gt;",
 *     "unclosed transport &lt;...&gt;", issued when the JVM collects an event loop or transport
 *     that was never closed (asyncio's {@code __del__} methods). Ignored by default, as in Python;
 *     {@code simplefilter(Action.ALWAYS, Category.RESOURCE_WARNING)} or
 *     {@code -Dloopcore.warnings=default} (Python's {@code -W default}) shows them.</li>
 * </ul>
 * A warning is written to {@link System#err} as {@code Category: message}, followed, when loop-core
 * knows where the object was created (debug mode), by that call stack. Python starts each warning
 * with the file and line that dropped the object; the JVM does not know that place, so it is left
 * out.
 *
 * <p><b>When.</b> The JVM collects objects when it likes, so a warning comes some time after the
 * object became unreachable, from a daemon thread of loop-core's, or never if the program ends
 * first. Close loops and transports, and await (or {@link Coroutine#close()}) coroutines, to get
 * none.
 *
 * <p><b>Threading.</b> All methods may be called from any thread.
 */
public final class Warnings {
    /** System property setting the action of every category at start-up, as Python's {@code -W action}. */
    public static final String PROPERTY = "loopcore.warnings";

    /** Warning categories: Python's built-in warning classes that asyncio issues. */
    public enum Category {
        /** {@code RuntimeWarning}. */
        RUNTIME_WARNING("RuntimeWarning", Action.DEFAULT),
        /** {@code ResourceWarning}, ignored unless a filter shows it. */
        RESOURCE_WARNING("ResourceWarning", Action.IGNORE);

        private final String pythonName;
        private final Action initial;

        Category(String pythonName, Action initial) {
            this.pythonName = pythonName;
            this.initial = initial;
        }

        /** {@return the Python class name, e.g. {@code ResourceWarning}} */
        public String pythonName() {
            return pythonName;
        }
    }

    /** Filter actions, as in {@code warnings.simplefilter(action, category)}. */
    public enum Action {
        /** {@code "ignore"}: never shown. */
        IGNORE,
        /** {@code "default"}: shown. (Python shows it once per place; every report here has its own object.) */
        DEFAULT,
        /** {@code "always"}: shown. */
        ALWAYS;

        /**
         * @param text {@code ignore}, {@code default} or {@code always}, in any case
         * @return the action
         * @throws IllegalArgumentException naming the text otherwise
         */
        public static Action parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "ignore" -> IGNORE;
                case "default" -> DEFAULT;
                case "always" -> ALWAYS;
                default -> throw new IllegalArgumentException("warning action '" + text
                        + "' is not one of ignore, default, always");
            };
        }
    }

    private static final Map<Category, Action> FILTERS = new EnumMap<>(Category.class);

    static {
        resetFilters();
    }

    private Warnings() {
    }

    /**
     * {@code warnings.simplefilter(action, category)}: from now on, warnings of {@code category}
     * are shown or ignored.
     *
     * @param action what to do with them
     * @param category which warnings
     */
    public static void simplefilter(Action action, Category category) {
        synchronized (FILTERS) {
            FILTERS.put(java.util.Objects.requireNonNull(category, "category"), java.util.Objects.requireNonNull(action, "action"));
        }
    }

    /**
     * {@code warnings.resetwarnings()} followed by the start-up filters: each category's default,
     * or the action of {@value #PROPERTY} for every category when it is set.
     *
     * @throws IllegalArgumentException naming the property when its value is not an action
     */
    public static void resetFilters() {
        String configured = System.getProperty(PROPERTY);
        Action all;
        try {
            all = configured == null || configured.isBlank() ? null : Action.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + ": " + e.getMessage(), e);
        }
        synchronized (FILTERS) {
            for (Category c : Category.values()) {
                FILTERS.put(c, all != null ? all : c.initial);
            }
        }
    }

    /**
     * @param category a category
     * @return whether its warnings are shown now
     */
    public static boolean isShown(Category category) {
        synchronized (FILTERS) {
            return FILTERS.get(category) != Action.IGNORE;
        }
    }

    /**
     * Issues a warning: writes {@code Category: message} (and the origin, if given) to
     * {@link System#err} unless its category is ignored.
     *
     * @param category its category
     * @param message its text
     * @param origin where the object it is about was created, or {@code null}
     * @param originHeading the heading above the origin's frames
     */
    static void warn(Category category, String message, ObjectOrigin origin, String originHeading) {
        if (!isShown(category)) {
            return;
        }
        String text = category.pythonName() + ": " + message + (origin == null ? "" : "\n" + origin.format(originHeading));
        PrintStream err = System.err;
        synchronized (err) {
            err.println(text);
            err.flush();
        }
    }
}
