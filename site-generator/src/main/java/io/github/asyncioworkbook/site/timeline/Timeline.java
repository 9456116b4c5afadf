package io.github.asyncioworkbook.site.timeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an event loop did during one lesson run, as read from its trace ({@link TraceReader}): the
 * lanes, every task step and plain callback in the order it ran, and what happened inside them.
 *
 * @param lanes the lanes, top to bottom: outside the loop (if used), tasks in creation order,
 *     callbacks (if used)
 * @param slots task steps and callbacks in run order ({@link Slot#step()} ascending)
 * @param creations tasks created, in order
 * @param cancels cancellations requested, in order
 * @param timers timers scheduled, in order
 * @param prints lines of output, in the order they were written
 */
public record Timeline(List<Lane> lanes, List<Slot> slots, List<Creation> creations, List<Cancel> cancels,
                       List<Timer> timers, List<Print> prints) {

    /** What a lane shows. */
    public enum Kind {
        /** Code run outside any loop callback (before or after {@code runUntilComplete}). */
        OUTSIDE,
        /** One task's steps. */
        TASK,
        /** Plain callbacks and timers. */
        CALLBACKS
    }

    /**
     * A horizontal track.
     *
     * @param id unique in the timeline ({@code pid:tid} of the trace)
     * @param label e.g. {@code Task-2 taskFunc}
     * @param kind what it shows
     */
    public record Lane(String id, String label, Kind kind) {
    }

    /**
     * One task step or one plain callback.
     *
     * @param step its number in run order (1, 2, ...), shared by steps and callbacks
     * @param lane the lane it ran on
     * @param iteration the loop iteration it ran in
     * @param loopTime the loop's clock when it started
     * @param label the task ({@code Task-2 taskFunc}) or the callback
     * @param callback whether it is a plain callback rather than a task step
     * @param resumedBy the step or callback that made the awaited future done, or {@code null}
     * @param awaited what the task had been waiting for before this step, or {@code null}
     * @param suspendedOn what the task waits for after this step ({@code yield} for a bare yield), or
     *     {@code null} if it did not suspend
     * @param awaitingLane the lane of the task it then awaits, or {@code null}
     * @param cancelDelivered whether the step began by receiving {@code CancelledError}
     * @param outcome {@code result}, {@code exception} or {@code cancelled} if the task ended in this
     *     step, else {@code null}
     * @param timer the number of the timer this callback fired, or {@code null}
     */
    public record Slot(int step, String lane, long iteration, double loopTime, String label, boolean callback,
                       Integer resumedBy, String awaited, String suspendedOn, String awaitingLane,
                       boolean cancelDelivered, String outcome, Integer timer) {
    }

    /**
     * A task made by a step (or outside the loop when {@code step} is null).
     *
     * @param step where, or {@code null}
     * @param lane the creator's lane
     * @param targetLane the new task's lane
     * @param task its name
     * @param slotsBefore how many steps and callbacks had started before it (places it outside the loop)
     */
    public record Creation(Integer step, String lane, String targetLane, String task, int slotsBefore) {
    }

    /**
     * A cancellation request.
     *
     * @param step where it was requested, or {@code null} outside the loop
     * @param lane the requester's lane
     * @param targetLane the cancelled task's lane
     * @param target the cancelled task's name
     * @param message the cancel message, or {@code null}
     * @param slotsBefore how many steps and callbacks had started before it
     */
    public record Cancel(Integer step, String lane, String targetLane, String target, String message, int slotsBefore) {
    }

    /**
     * A timer.
     *
     * @param number its number in scheduling order
     * @param step where it was scheduled, or {@code null}
     * @param lane the lane that scheduled it
     * @param when its deadline in loop time
     * @param firedIn the callback that fired it, or {@code null} if it never fired (cancelled)
     * @param slotsBefore how many steps and callbacks had started before it was scheduled
     */
    public record Timer(int number, Integer step, String lane, double when, Integer firedIn, int slotsBefore) {
    }

    /**
     * A line of output.
     *
     * @param index its position among the printed lines (0-based)
     * @param text the line without its line break
     * @param stream {@code stdout} or {@code stderr}
     * @param file the source file of the call that printed it, or {@code null}
     * @param line the line in that file, or 0
     * @param step the step or callback that printed it, or {@code null} outside the loop
     * @param lane the lane it was printed on
     * @param slotsBefore how many steps and callbacks had started before it
     */
    public record Print(int index, String text, String stream, String file, int line, Integer step, String lane,
                        int slotsBefore) {
    }

    /** Copies the lists. */
    public Timeline {
        lanes = List.copyOf(lanes);
        slots = List.copyOf(slots);
        creations = List.copyOf(creations);
        cancels = List.copyOf(cancels);
        timers = List.copyOf(timers);
        prints = List.copyOf(prints);
    }

    /** {@return the slot numbered {@code step}} @param step a step number */
    public Optional<Slot> slot(Integer step) {
        if (step == null) {
            return Optional.empty();
        }
        return slots.stream().filter(s -> s.step() == step).findFirst();
    }

    /** {@return the lanes by id} */
    public Map<String, Lane> lanesById() {
        return lanes.stream().collect(Collectors.toMap(Lane::id, Function.identity()));
    }
}
