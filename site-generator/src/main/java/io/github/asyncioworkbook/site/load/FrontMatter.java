package io.github.asyncioworkbook.site.load;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The YAML front matter of a chapter note ({@code index.md}).
 *
 * <pre>{@code
 * ---
 * title: "任务"
 * date: 2017-08-27
 * pymotw: Executing Tasks Concurrently
 * ---
 * }</pre>
 * The chapter's number and lessons come from the lesson list ({@code lessons/SUMMARY.md}), not from
 * here.
 *
 * @param title the chapter title, never blank
 * @param date the date of the note, or {@code null} when the note has none
 * @param pymotw the PyMOTW page the chapter follows, or {@code null}
 */
public record FrontMatter(String title, LocalDate date, String pymotw) {

    /** Checks the required field. */
    public FrontMatter {
        Objects.requireNonNull(title, "title");
    }
}
