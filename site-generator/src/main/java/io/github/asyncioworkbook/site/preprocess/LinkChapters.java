package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives every chapter links to its neighbours in book order (the first has no previous chapter,
 * the last no next one).
 */
public final class LinkChapters implements Preprocessor {

    /** Creates the step. */
    public LinkChapters() {
    }

    @Override
    public String name() {
        return "link chapters";
    }

    @Override
    public Book run(Book book) {
        List<Chapter> in = book.chapters();
        List<Chapter> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Chapter.Link prev = i > 0 ? link(in.get(i - 1)) : null;
            Chapter.Link next = i + 1 < in.size() ? link(in.get(i + 1)) : null;
            out.add(in.get(i).withNeighbours(prev, next));
        }
        return book.withChapters(out);
    }

    private static Chapter.Link link(Chapter c) {
        return new Chapter.Link(c.slug(), c.title());
    }
}
