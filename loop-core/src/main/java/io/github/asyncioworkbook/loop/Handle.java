package io.github.asyncioworkbook.loop;

import java.util.StringJoiner;

/**
 * A callback scheduled on an event loop, returned by {@link EventLoop#callSoon}: asyncio's
 * {@code asyncio.Handle}. {@link #cancel()} keeps it from running if it has not run yet.
 *
 * <p>Its repr follows CPython 3.11: {@code <Handle markDone('x') at Lesson.java:12>},
 * {@code <Handle cancelled>}.
 *
 * <p><b>Threading.</b> Create, run and inspect handles on the loop; {@link #cancel()} may be called
 * from a coroutine or callback of the same loop.
 */
public sealed class Handle permits TimerHandle {

    /**
     * What to run; {@code null} once cancelled, so the handle no longer keeps it alive, and for a
     * task's plain step or wake-up (see {@link #run()}).
     */
    private Runnable action;
    /** The user function for reprs ({@code null} for the loop's own callbacks). */
    private Object function;
    private Object[] args;
    /** For the loop's own callbacks: a fixed description such as {@code Task.taskWakeup()}. */
    private String fixedDescription;
    /** The task this handle steps or wakes (loop-internal handles only), else null. */
    private final Task<?> task;
    final EventLoop loop;
    private boolean cancelled;
    /** In debug mode: where user code scheduled this callback, else null. */
    private final String createdAt;

    Handle(EventLoop loop, Runnable action, Object function, Object[] args, String fixedDescription, Task<?> task) {
        this.loop = loop;
        this.action = action;
        this.function = function;
        this.args = args;
        this.fixedDescription = fixedDescription;
        this.task = task;
        this.createdAt = CreationPlace.capture(loop);
    }

    /**
     * Keeps the callback from running; does nothing if it already ran or was cancelled.
     * {@code Handle.cancel()}.
     */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            action = null;
            function = null;
            args = null;
            fixedDescription = null;
            onCancel();
        }
    }

    /** Hook for timers, which count cancellations for the loop's timer clean-up. */
    void onCancel() {
    }

    /**
     * @return whether {@link #cancel()} was called ({@code Handle.cancelled()})
     */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * @return the loop this handle is scheduled on ({@code Handle.get_loop()})
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Runs the callback; the loop calls this, and reports anything it throws. A task's plain step
     * and its wake-up have no action object of their own (one object fewer per task and per
     * wake-up): the step is {@code task.step(null)}, the wake-up {@code task_wakeup(args[0])}.
     */
    @SuppressWarnings("unchecked")
    final void run() {
        Runnable a = action;
        if (a != null) {
            a.run();
        } else if (args == null) {
            task.step(null);
        } else {
            task.wakeup.accept((Future<Object>) args[0]);
        }
    }

    /**
     * How the debug-mode slow-callback warning names this handle: the task's repr for a task's
     * step or wake-up, as asyncio's {@code _format_handle} does, else the handle's repr.
     */
    String describeForSlowLog() {
        return task != null ? task.toString() : toString();
    }

    /** {@code name(args) at file:line}, the callback part of the repr. */
    String describeCallback() {
        if (fixedDescription != null) {
            return fixedDescription;
        }
        if (function == null) {
            return "";
        }
        if (function instanceof LocalCallback<?> local) {
            return local.describe(args);
        }
        FunctionInfo info = FunctionInfo.of(function);
        StringJoiner a = new StringJoiner(", ", info.name() + "(", ")");
        if (args != null) {
            for (Object arg : args) {
                a.add(Repr.shortRepr(arg));
            }
        }
        String place = info.bound() || info.fileName() == null || info.declarationLine() <= 0
                ? "" : " at " + info.fileName() + ":" + info.declarationLine();
        return a + place;
    }

    /** The words after the class name in the repr. */
    String reprInfo() {
        StringJoiner info = new StringJoiner(" ");
        if (cancelled) {
            info.add("cancelled");
        } else {
            info.add(describeCallback());
        }
        if (createdAt != null) {
            info.add("created at " + createdAt);
        }
        return info.toString();
    }

    /** The callback's arguments (null if none or once cancelled); instruments read them, never change them. */
    Object[] arguments() {
        return args;
    }

    /** {@code created at File.java:LINE} in debug mode, else null. */
    String createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        String info = reprInfo();
        return "<" + getClass().getSimpleName() + (info.isEmpty() ? "" : " " + info) + ">";
    }
}
