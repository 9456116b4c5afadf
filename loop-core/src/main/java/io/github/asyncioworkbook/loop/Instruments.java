package io.github.asyncioworkbook.loop;

import java.util.List;

/** Several instruments behind one reference: each event goes to every member, in order. */
record Instruments(List<Instrument> members) implements Instrument {
    @Override public void taskCreated(Task<?> t) { members.forEach(i -> i.taskCreated(t)); }
    @Override public void stepStarted(Task<?> t) { members.forEach(i -> i.stepStarted(t)); }
    @Override public void taskSuspended(Task<?> t, Future<?> f) { members.forEach(i -> i.taskSuspended(t, f)); }
    @Override public void stepEnded(Task<?> t) { members.forEach(i -> i.stepEnded(t)); }
    @Override public void taskDone(Task<?> t) { members.forEach(i -> i.taskDone(t)); }
    @Override public void cancelRequested(Task<?> t, String m) { members.forEach(i -> i.cancelRequested(t, m)); }
    @Override public void beforeCallback(Handle h) { members.forEach(i -> i.beforeCallback(h)); }
    @Override public void afterCallback(Handle h) { members.forEach(i -> i.afterCallback(h)); }
    @Override public void beforeIdle(double timeout) { members.forEach(i -> i.beforeIdle(timeout)); }
    @Override public void afterIdle() { members.forEach(Instrument::afterIdle); }
    @Override public void iterationStarted() { members.forEach(Instrument::iterationStarted); }
    @Override public void timerScheduled(TimerHandle t) { members.forEach(i -> i.timerScheduled(t)); }
}
