package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instrument a {@link TraceEventWriter} adds to one loop: turns the loop's events into trace
 * events. Runs on the loop's turn holder, so its own state needs no locking.
 *
 * <p>What woke a task is found without touching the loop: after every step and callback, the
 * futures that suspended tasks wait for are checked, and one found done was made done by that step
 * or callback. A cancellation counts as delivered at the next step of the task while
 * {@link Task#cancelling()} is still positive: asyncio throws {@code CancelledError} into that step.
 */
final class TraceRecorder implements Instrument {
    private record Waiter(Future<?> future, Task<?> task, String awaiting) {
    }

    private record Wakeup(int flow, int by, String awaiting) {
    }

    private final TraceEventWriter out;
    private final EventLoop loop;
    private final int pid;
    private final Map<Task<?>, Integer> lanes = new IdentityHashMap<>();
    /** Suspended tasks and what they wait for, in the order they suspended. */
    private final List<Waiter> waiting = new ArrayList<>();
    private final Map<Task<?>, Wakeup> woken = new IdentityHashMap<>();
    private final Map<Task<?>, Integer> undeliveredCancels = new IdentityHashMap<>();
    private final Map<TimerHandle, Integer> timers = new IdentityHashMap<>();
    /** Futures that a timer will complete ({@code sleep}'s), with that timer's label. */
    private final Map<Future<?>, String> timerFutures = new IdentityHashMap<>();
    private int nextLane = TraceEventWriter.CALLBACK_LANE + 1;
    private boolean callbackLaneNamed;
    private long iteration;
    private TraceEventWriter.Slot step;
    private TraceEventWriter.Slot callback;
    private Handle callbackHandle;

    TraceRecorder(TraceEventWriter out, EventLoop loop, int pid) {
        this.out = out;
        this.loop = loop;
        this.pid = pid;
        out.metadata(pid, TraceEventWriter.OUTSIDE_LANE, "thread_name", "outside the loop");
    }

    private TraceEventWriter.Slot current() {
        return step != null ? step : callback;
    }

    private int currentLane() {
        TraceEventWriter.Slot s = current();
        return s == null ? TraceEventWriter.OUTSIDE_LANE : s.tid;
    }

    private Map<String, Object> args() {
        return new LinkedHashMap<>();
    }

    private int lane(Task<?> task) {
        return lanes.computeIfAbsent(task, t -> {
            int tid = nextLane++;
            out.metadata(pid, tid, "thread_name", t.getName() + " " + t.getCoro().getName());
            return tid;
        });
    }

    private String describe(Future<?> f) {
        if (f instanceof Task<?> t) {
            return t.getName();
        }
        String timer = timerFutures.remove(f);
        return timer != null ? timer : f.getClass().getSimpleName();
    }

    @Override
    public void iterationStarted() {
        iteration++;
    }

    @Override
    public void taskCreated(Task<?> task) {
        Map<String, Object> a = args();
        a.put("task", task.getName());
        a.put("coro", task.getCoro().getName());
        a.put("targetLane", lane(task));
        out.instant(pid, currentLane(), "create", "task", current(), a);
    }

    @Override
    public void stepStarted(Task<?> task) {
        int tid = lane(task);
        step = out.open(pid, tid);
        step.args.put("iteration", iteration);
        step.args.put("loopTime", loop.time());
        step.args.put("task", task.getName());
        step.args.put("coro", task.getCoro().getName());
        Wakeup w = woken.remove(task);
        if (w != null) {
            step.args.put("resumedBy", w.by());
            step.args.put("awaited", w.awaiting());
            out.flow("f", w.flow(), pid, tid, step.startMicros);
        }
        Integer cancels = undeliveredCancels.remove(task);
        if (cancels != null && task.cancelling() > 0) {
            step.args.put("cancelDelivered", true);
            out.instant(pid, tid, "CancelledError", "cancel", step, args());
        }
    }

    @Override
    public void taskSuspended(Task<?> task, Future<?> awaiting) {
        Map<String, Object> a = args();
        if (awaiting == null) {
            a.put("awaiting", "yield");
        } else {
            String what = describe(awaiting);
            a.put("awaiting", what);
            if (awaiting instanceof Task<?> t) {
                a.put("awaitingLane", lane(t));
            }
            waiting.add(new Waiter(awaiting, task, what));
        }
        if (step != null) {
            step.args.put("suspended", a.get("awaiting"));
        }
        out.instant(pid, lane(task), "await", "suspend", step, a);
    }

    @Override
    public void taskDone(Task<?> task) {
        Map<String, Object> a = args();
        String outcome = task.cancelled() ? "cancelled" : task.rawException() != null ? "exception" : "result";
        a.put("outcome", outcome);
        Integer taskLane = lanes.get(task);
        if (step != null && taskLane != null && taskLane == step.tid) {
            step.args.put("outcome", outcome);
        }
        out.instant(pid, lane(task), "done", "task", current(), a);
    }

    @Override
    public void stepEnded(Task<?> task) {
        if (step == null) {
            return;
        }
        findWakeups(step);
        out.close(step, task.getName() + " " + task.getCoro().getName(), "step");
        step = null;
    }

    @Override
    public void cancelRequested(Task<?> task, String message) {
        undeliveredCancels.merge(task, 1, Integer::sum);
        Map<String, Object> a = args();
        a.put("target", task.getName());
        a.put("targetLane", lane(task));
        a.put("message", message);
        out.instant(pid, currentLane(), "cancel", "cancel", current(), a);
    }

    @Override
    public void timerScheduled(TimerHandle timer) {
        int id = timers.size() + 1;
        timers.put(timer, id);
        Map<String, Object> a = args();
        a.put("timer", id);
        a.put("when", timer.when());
        a.put("callback", timer.describeCallback());
        out.instant(pid, currentLane(), "timer", "timer", current(), a);
        Object[] arguments = timer.arguments();
        if (arguments != null && arguments.length > 0 && arguments[0] instanceof Future<?> f
                && timer.describeCallback().startsWith("setResultUnlessCancelled(")) {
            timerFutures.put(f, "sleep until t=" + Repr.floatRepr(timer.when()));
        }
    }

    @Override
    public void beforeCallback(Handle handle) {
        String what = handle.describeCallback();
        if (what.startsWith("Task.task") || callback != null) {
            return;   // a task's step or wake-up: drawn as the step itself
        }
        if (!callbackLaneNamed) {
            callbackLaneNamed = true;
            out.metadata(pid, TraceEventWriter.CALLBACK_LANE, "thread_name", "callbacks");
        }
        callbackHandle = handle;
        callback = out.open(pid, TraceEventWriter.CALLBACK_LANE);
        callback.args.put("iteration", iteration);
        callback.args.put("loopTime", loop.time());
        callback.args.put("callback", what);
        if (handle instanceof TimerHandle t) {
            Integer id = timers.remove(t);
            callback.args.put("timer", id);
            callback.args.put("when", t.when());
        }
    }

    @Override
    public void afterCallback(Handle handle) {
        if (handle != callbackHandle) {
            return;
        }
        findWakeups(callback);
        String name = String.valueOf(callback.args.get("callback"));
        out.close(callback, name.isEmpty() ? "callback" : name, "callback");
        callback = null;
        callbackHandle = null;
    }

    /** Futures that tasks wait for and that are now done were made done by {@code by}. */
    private void findWakeups(TraceEventWriter.Slot by) {
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future().done()) {
                it.remove();
                int flow = out.nextFlow();
                out.flow("s", flow, pid, by.tid, out.now());
                woken.put(w.task(), new Wakeup(flow, by.id, w.awaiting()));
            }
        }
    }
}
