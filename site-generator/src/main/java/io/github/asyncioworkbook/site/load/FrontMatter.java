package io.github.asyncioworkbook.site.load;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The YAML front matter of a chapter note ({@code index.md}).
 *
 * <pre>{@code
 * ---
 * title: "任务"
 * date: 2017-08-27
 * order: 3
 * lessons: [CreateTask, CancelTask]
 * pymotw: asyncio/tasks
 * ---
 * }</pre>
 *
 * @param title the chapter title, never blank
 * @param date the date of the note, or {@code null} when the note has none
 * @param order the position of the chapter in the book (ascending)
 * @param lessons the lessons of the chapter in reading order, each with the line that lists it
 * @param pymotw the PyMOTW page the chapter follows, or {@code null}
 */
public record FrontMatter(String title, LocalDate date, int order, List<LessonRef> lessons, String pymotw) {

    /**
     * A lesson named in the {@code lessons} list.
     *
     * @param name the lesson's class name, e.g. {@code CreateTask}
     * @param line the 1-based line of the note that lists it
     */
    public record LessonRef(String name, int line) {
        /** Checks the name. */
        public LessonRef {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Copies the list and checks the required fields. */
    public FrontMatter {
        Objects.requireNonNull(title, "title");
        lessons = List.copyOf(lessons);
    }
}
