package io.github.asyncioworkbook.site;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One chapter: its note ({@code index.md}) and its lessons.
 *
 * @param slug the chapter folder's name, e.g. {@code 05-tasks}; also the page name {@code 05-tasks.html}
 * @param number the chapter's number, from its folder name ({@code 05-tasks} is chapter 5)
 * @param note the note file
 * @param title the title from the front matter
 * @param date the note's date, or {@code null}
 * @param pymotw the PyMOTW page the chapter follows, or {@code null}
 * @param markdown the Markdown body after the front matter
 * @param markdownFirstLine the 1-based line of {@code note} on which {@code markdown} starts, so that
 *     errors found in the body can name the note's real line
 * @param lessons the chapter's lessons, in the order of the lesson list
 * @param prev the previous chapter, or {@code null} (set by preprocess)
 * @param next the next chapter, or {@code null} (set by preprocess)
 */
public record Chapter(String slug, int number, Path note, String title, LocalDate date, String pymotw,
                      String markdown, int markdownFirstLine, List<Lesson> lessons, Link prev, Link next) {

    /**
     * A link to a neighbouring chapter.
     *
     * @param slug its slug (page {@code slug.html})
     * @param title its title
     */
    public record Link(String slug, String title) {
    }

    /** Copies the list and checks required fields. */
    public Chapter {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        lessons = List.copyOf(lessons);
    }

    /** {@return the chapter's page file name} */
    public String pageName() {
        return slug + ".html";
    }

    /** {@return a copy with other lessons} */
    public Chapter withLessons(List<Lesson> newLessons) {
        return new Chapter(slug, number, note, title, date, pymotw, markdown, markdownFirstLine, newLessons, prev, next);
    }

    /** {@return a copy with other neighbours} */
    public Chapter withNeighbours(Link newPrev, Link newNext) {
        return new Chapter(slug, number, note, title, date, pymotw, markdown, markdownFirstLine, lessons, newPrev, newNext);
    }

    /** {@return the lesson with this name, or {@code null}} */
    public Lesson lesson(String name) {
        return lessons.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
