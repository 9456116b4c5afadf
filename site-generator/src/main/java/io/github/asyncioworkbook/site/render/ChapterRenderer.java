package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.load.LessonEmbeds;
import io.github.asyncioworkbook.site.timeline.LessonTimeline;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one chapter note into HTML, a table of contents and search sections.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>parse the Markdown body (commonmark-java, GFM tables);</li>
 *   <li>replace every lesson embed paragraph with a {@link LessonBlock}; append lessons that are
 *       listed but not embedded under a closing heading;</li>
 *   <li>give every heading an id ({@link IdGenerator} from commonmark-ext-heading-anchor, so ids
 *       are stable and unique in the page) and collect the table of contents;</li>
 *   <li>render HTML with custom node renderers: lesson blocks ({@link LessonView}), code blocks
 *       (highlighted), headings (with a self link), and soft line breaks (dropped between two CJK
 *       characters, where a newline would show as a stray space);</li>
 *   <li>cut the text into search sections, one per heading and one per lesson.</li>
 * </ol>
 * Instances hold the parser and renderer built once; they are not thread-safe.
 */
public final class ChapterRenderer {

    /**
     * An entry of the in-page table of contents.
     *
     * @param level 2 or 3 for headings; one deeper than the enclosing heading for lessons
     * @param id the anchor
     * @param text the entry text
     * @param lesson whether the entry is a lesson
     */
    public record TocEntry(int level, String id, String text, boolean lesson) {
    }

    /**
     * A searchable part of a chapter.
     *
     * @param anchor the element id it starts at ({@code ""} for the top of the page)
     * @param title the heading or lesson name
     * @param text the plain text
     */
    public record Section(String anchor, String title, String text) {
    }

    /**
     * The rendered chapter.
     *
     * @param html the body HTML
     * @param toc the table of contents
     * @param sections the search sections
     * @param summary the first sentence of the first paragraph, for the index page
     */
    public record Result(String html, List<TocEntry> toc, List<Section> sections, String summary) {
    }

    /** Stands in for an embed paragraph in the tree until rendering. */
    static final class LessonBlock extends CustomBlock {
        final Lesson lesson;

        LessonBlock(Lesson lesson) {
            this.lesson = lesson;
        }
    }

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Theme theme;
    private final LessonView lessons;
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

    /**
     * Creates a renderer.
     *
     * @param theme where the lesson template comes from
     */
    public ChapterRenderer(Theme theme) {
        this(theme, new LessonView(theme, List.of()));
    }

    /**
     * Creates a renderer whose lesson blocks carry extra parts.
     *
     * @param theme where the templates come from
     * @param lessons renders each lesson's block ({@link LessonView}, with its {@link LessonPart}s)
     */
    public ChapterRenderer(Theme theme, LessonView lessons) {
        this.theme = theme;
        this.lessons = lessons;
    }

    /**
     * Renders a chapter.
     *
     * @param book the book, for paths shown in commands
     * @param chapter the chapter; its lessons should carry runs
     * @return HTML, table of contents, search sections and summary
     */
    public Result render(Book book, Chapter chapter) {
        Node document = parser.parse(chapter.markdown());
        String summary = summary(document);

        List<Lesson> embedded = new ArrayList<>();
        for (LessonEmbeds.Embed embed : LessonEmbeds.find(document)) {
            Lesson lesson = chapter.lesson(embed.lessonName());
            if (lesson == null) {
                throw new IllegalStateException(chapter.note() + ": embed of unlisted lesson " + embed.lessonName());
            }
            embed.paragraph().insertBefore(new LessonBlock(lesson));
            embed.paragraph().unlink();
            embedded.add(lesson);
        }
        List<Lesson> rest = chapter.lessons().stream().filter(l -> !embedded.contains(l)).toList();
        if (!rest.isEmpty()) {
            Heading more = new Heading();
            more.setLevel(2);
            more.appendChild(new Text(theme.string("label.moreLessons")));
            document.appendChild(more);
            rest.forEach(l -> document.appendChild(new LessonBlock(l)));
        }

        Map<Node, String> ids = new IdentityHashMap<>();
        List<TocEntry> toc = new ArrayList<>();
        IdGenerator idGenerator = IdGenerator.builder().build();
        int headingLevel = 1;
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                String text = headingText(h);
                String id = idGenerator.generateId(text);
                ids.put(h, id);
                if (h.getLevel() <= 3) {
                    toc.add(new TocEntry(h.getLevel(), id, text, false));
                    headingLevel = h.getLevel();
                }
            } else if (n instanceof LessonBlock lb) {
                toc.add(new TocEntry(Math.min(headingLevel + 1, 4), lessonId(lb.lesson), lb.lesson.name() + ".java", true));
            }
        }

        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .nodeRendererFactory(ctx -> new Nodes(ctx, book, ids))
                .build();
        String html = renderer.render(document);
        return new Result(html, toc, sections(chapter, document, ids), summary);
    }

    /** {@return the anchor of a lesson's block, e.g. {@code lesson-create-task}} */
    public static String lessonId(Lesson lesson) {
        return "lesson-" + io.github.asyncioworkbook.runner.JbangCatalogFile.alias(lesson.name());
    }

    // ---------------------------------------------------------------- search text

    private List<Section> sections(Chapter chapter, Node document, Map<Node, String> ids) {
        List<Section> out = new ArrayList<>();
        String anchor = "";
        String title = chapter.title();
        StringBuilder text = new StringBuilder();
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() <= 3) {
                flush(out, anchor, title, text);
                anchor = ids.get(h);
                title = headingText(h);
                text.setLength(0);
            } else if (n instanceof LessonBlock lb) {
                Lesson l = lb.lesson;
                String body = l.description() + "\n" + l.sourceText() + "\n" + (l.run() == null ? "" : l.run().output());
                out.add(new Section(lessonId(l), l.name() + ".java", body));
            } else {
                text.append(PlainText.of(n)).append('\n');
            }
        }
        flush(out, anchor, title, text);
        return out;
    }

    private static void flush(List<Section> out, String anchor, String title, StringBuilder text) {
        if (!text.isEmpty() || !anchor.isEmpty()) {
            out.add(new Section(anchor, title, text.toString().strip()));
        }
    }

    private String summary(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Paragraph p && LessonEmbeds.lessonName(p) == null) {
                String text = PlainText.of(p);
                int stop = -1;
                for (String end : List.of("。", "！", "？", ". ")) {
                    int at = text.indexOf(end);
                    if (at >= 0 && (stop < 0 || at < stop)) {
                        stop = at + end.length();
                    }
                }
                String sentence = (stop > 0 ? text.substring(0, stop) : text).strip();
                return sentence.length() > 120 ? sentence.substring(0, 119) + "…" : sentence;
            }
        }
        return "";
    }

    static String headingText(Node heading) {
        StringBuilder sb = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.toString();
    }

    // ---------------------------------------------------------------- HTML nodes

    /** Custom HTML for lesson blocks, code blocks, headings and soft breaks. */
    private final class Nodes implements NodeRenderer {
        private final HtmlNodeRendererContext ctx;
        private final HtmlWriter html;
        private final Book book;
        private final Map<Node, String> ids;

        Nodes(HtmlNodeRendererContext ctx, Book book, Map<Node, String> ids) {
            this.ctx = ctx;
            this.html = ctx.getWriter();
            this.book = book;
            this.ids = ids;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(LessonBlock.class, FencedCodeBlock.class, IndentedCodeBlock.class, Heading.class,
                    SoftLineBreak.class);
        }

        @Override
        public void render(Node node) {
            switch (node) {
                case LessonBlock lb -> {
                    html.line();
                    html.raw(lessons.render(book, lb.lesson));
                    html.line();
                }
                case FencedCodeBlock f -> codeBlock(f.getLiteral(), f.getInfo());
                case IndentedCodeBlock c -> codeBlock(c.getLiteral(), "");
                case Heading h -> heading(h);
                case SoftLineBreak s -> softBreak(s);
                default -> throw new IllegalStateException("unexpected node " + node);
            }
        }

        private void heading(Heading h) {
            String tag = "h" + h.getLevel();
            String id = ids.get(h);
            Map<String, String> attrs = new LinkedHashMap<>();
            if (id != null) {
                attrs.put("id", id);
            }
            html.line();
            html.tag(tag, ctx.extendAttributes(h, tag, attrs));
            for (Node c = h.getFirstChild(); c != null; c = c.getNext()) {
                ctx.render(c);
            }
            if (id != null) {
                html.raw("<a class=\"anchor\" href=\"#" + Html.escape(id) + "\" aria-label=\""
                        + Html.escape(theme.string("label.anchor")) + "\">#</a>");
            }
            html.tag("/" + tag);
            html.line();
        }

        private void codeBlock(String literal, String info) {
            String lang = info == null ? "" : info.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (lang.isEmpty() && Highlighter.looksLikeConsole(literal)) {
                lang = "console";
            }
            String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
            String label = switch (lang) {
                case "" -> theme.string("label.text");
                case "console", "shell-session", "terminal" -> theme.string("label.console");
                case "py", "python", "python3" -> "Python";
                case "java" -> "Java";
                default -> lang;
            };
            html.line();
            html.raw("<div class=\"code-block" + (lang.isEmpty() ? "" : " lang-" + Html.escape(lang)) + "\">"
                    + "<div class=\"code-bar\"><span class=\"code-label\">" + Html.escape(label) + "</span></div>"
                    + "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"" + Html.escape(label) + "\"><code" + (lang.isEmpty() ? "" : " class=\"language-" + Html.escape(lang) + "\"")
                    + ">" + Highlighter.highlight(code, lang) + "</code></pre></div>");
            html.line();
        }

        private void softBreak(SoftLineBreak s) {
            Node prev = s.getPrevious();
            Node next = s.getNext();
            if (prev instanceof Text p && next instanceof Text n && !p.getLiteral().isEmpty() && !n.getLiteral().isEmpty()
                    && isCjk(p.getLiteral().codePointBefore(p.getLiteral().length()))
                    && isCjk(n.getLiteral().codePointAt(0))) {
                return;
            }
            html.raw("\n");
        }
    }

    /** {@return whether a code point is CJK text or CJK punctuation (no space belongs around it)} */
    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
