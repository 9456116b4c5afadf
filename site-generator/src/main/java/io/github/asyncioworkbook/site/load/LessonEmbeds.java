package io.github.asyncioworkbook.site.load;

import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds lesson embeds in a parsed note: paragraphs that consist of nothing but a link to a lesson
 * file beside the note, such as {@code [CreateTask.java](CreateTask.java)}.
 *
 * <p>The link text does not matter; the destination must be a bare {@code Name.java} (an optional
 * {@code ./} prefix is allowed). Links to other places, or links inside running text, stay links.
 */
public final class LessonEmbeds {

    private static final Pattern TARGET = Pattern.compile("(?:\\./)?(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)\\.java");

    /**
     * An embed found in a note.
     *
     * @param paragraph the paragraph to replace
     * @param lessonName the lesson's class name
     * @param lineIndex the 0-based line of the paragraph in the parsed text, or -1 if unknown
     */
    public record Embed(Paragraph paragraph, String lessonName, int lineIndex) {
    }

    private LessonEmbeds() {
    }

    /**
     * Lists the embeds of a document, in document order.
     *
     * @param document a document parsed by commonmark-java (with source spans for line numbers)
     * @return the embeds
     */
    public static List<Embed> find(Node document) {
        List<Embed> found = new ArrayList<>();
        collect(document, found);
        return found;
    }

    private static void collect(Node node, List<Embed> found) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Paragraph p) {
                String name = lessonName(p);
                if (name != null) {
                    List<SourceSpan> spans = p.getSourceSpans();
                    found.add(new Embed(p, name, spans.isEmpty() ? -1 : spans.getFirst().getLineIndex()));
                }
            } else {
                collect(child, found);
            }
        }
    }

    /**
     * {@return the lesson name if the paragraph is a lesson embed, else {@code null}}
     *
     * @param p any paragraph
     */
    public static String lessonName(Paragraph p) {
        Node only = p.getFirstChild();
        if (!(only instanceof Link link) || only.getNext() != null) {
            return null;
        }
        Matcher m = TARGET.matcher(link.getDestination());
        return m.matches() ? m.group(1) : null;
    }
}
