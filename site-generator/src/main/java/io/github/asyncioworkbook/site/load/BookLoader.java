package io.github.asyncioworkbook.site.load;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.SiteException;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Load stage: reads every chapter folder into a {@link Book}.
 *
 * <p>Layout: {@code <lessons>/chapters/<slug>/index.md} plus, for every lesson {@code Name} listed in
 * the note's front matter, {@code Name.java} and its expected output {@code Name.out}. The loader
 * checks everything it can without running code:
 * <ul>
 *   <li>the front matter is well formed and has a title and an order ({@link FrontMatterParser});</li>
 *   <li>every listed lesson has its {@code .java} and {@code .out} file;</li>
 *   <li>every lesson embedded in the prose is listed;</li>
 *   <li>when the project has a {@code jbang-catalog.json}, every lesson has an alias there (the
 *       command shown to readers); without a catalog the alias is the kebab-case class name;</li>
 *   <li>lesson class names are unique in the book, and so are chapter orders.</li>
 * </ul>
 * Each failure is a {@link SourceException} naming the note and line.
 */
public final class BookLoader {

    private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** Creates a loader. */
    public BookLoader() {
    }

    /**
     * Loads a book.
     *
     * @param lessonsDir the lessons folder (holding {@code chapters/}) or the chapters folder itself
     * @return the book, chapters sorted by order, lessons without runs
     * @throws SiteException when a note or lesson is missing or malformed
     */
    public Book load(Path lessonsDir) throws SiteException {
        Path chaptersDir = Files.isDirectory(lessonsDir.resolve("chapters")) ? lessonsDir.resolve("chapters") : lessonsDir;
        if (!Files.isDirectory(chaptersDir)) {
            throw new SiteException(lessonsDir + ": not a directory");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(chaptersDir)) {
            folders = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SiteException(chaptersDir + ": cannot list chapters: " + e.getMessage(), e);
        }
        Path projectRoot = findProjectRoot(chaptersDir);
        Optional<JbangCatalog> catalog = JbangCatalog.read(projectRoot);
        List<Chapter> chapters = new ArrayList<>();
        for (Path folder : folders) {
            chapters.add(loadChapter(folder, catalog));
        }
        checkUnique(chapters);
        chapters.sort(Comparator.comparingInt(Chapter::order));
        return new Book(chaptersDir, projectRoot, chapters);
    }

    private Chapter loadChapter(Path folder, Optional<JbangCatalog> catalog) throws SiteException {
        Path note = folder.resolve("index.md");
        if (!Files.isRegularFile(note)) {
            throw new SiteException(folder + ": chapter folder has no index.md");
        }
        FrontMatterParser.Note parsed = FrontMatterParser.parse(note, read(note));
        FrontMatter fm = parsed.frontMatter();

        List<Lesson> lessons = new ArrayList<>();
        for (FrontMatter.LessonRef ref : fm.lessons()) {
            Path source = folder.resolve(ref.name() + ".java");
            Path expected = folder.resolve(ref.name() + ".out");
            if (!Files.isRegularFile(source)) {
                throw new SourceException(note, ref.line(), "lesson '" + ref.name() + "' is listed but "
                        + source.getFileName() + " does not exist in " + folder);
            }
            if (!Files.isRegularFile(expected)) {
                throw new SourceException(note, ref.line(), "lesson '" + ref.name() + "' has no expected output file "
                        + expected.getFileName() + " (it holds the lesson's output under the virtual clock)");
            }
            lessons.add(new Lesson(ref.name(), Lesson.kebabCase(ref.name()), source, read(source), expected, read(expected), null));
        }

        Node document = parser.parse(parsed.body());
        for (LessonEmbeds.Embed embed : LessonEmbeds.find(document)) {
            if (fm.lessons().stream().noneMatch(l -> l.name().equals(embed.lessonName()))) {
                int line = embed.lineIndex() < 0 ? 1 : parsed.bodyFirstLine() + embed.lineIndex();
                throw new SourceException(note, line, "embedded lesson '" + embed.lessonName()
                        + ".java' is not listed in the front matter's 'lessons'");
            }
        }
        if (catalog.isPresent()) {
            List<Lesson> aliased = new ArrayList<>();
            for (int k = 0; k < lessons.size(); k++) {
                Lesson l = lessons.get(k);
                Optional<String> alias = catalog.get().aliasOf(l.source());
                if (alias.isEmpty()) {
                    throw new SourceException(note, fm.lessons().get(k).line(), "lesson '" + l.name() + "' has no alias in "
                            + catalog.get().file() + " (readers run lessons by alias; add e.g. \"" + l.alias()
                            + "\" with a script-ref to " + catalog.get().file().getParent().relativize(l.source().toAbsolutePath().normalize()) + ")");
                }
                aliased.add(new Lesson(l.name(), alias.get(), l.source(), l.sourceText(), l.expected(), l.expectedText(), null));
            }
            lessons = aliased;
        }
        return new Chapter(folder.getFileName().toString(), note, fm.title(), fm.date(), fm.order(), fm.pymotw(),
                parsed.body(), parsed.bodyFirstLine(), lessons, null, null);
    }

    private static void checkUnique(List<Chapter> chapters) throws SiteException {
        Map<Integer, Chapter> byOrder = new HashMap<>();
        Map<String, Chapter> byLesson = new HashMap<>();
        for (Chapter c : chapters) {
            Chapter other = byOrder.putIfAbsent(c.order(), c);
            if (other != null) {
                throw new SourceException(c.note(), 1, "front matter: order " + c.order() + " is also used by " + other.note());
            }
            for (Lesson l : c.lessons()) {
                Chapter owner = byLesson.putIfAbsent(l.name(), c);
                if (owner != null) {
                    throw new SiteException(l.source() + ": lesson class name '" + l.name()
                            + "' is already used in " + owner.note().getParent() + " (class names must be unique)");
                }
            }
        }
    }

    /**
     * {@return the nearest folder above the chapters that looks like the repository root}
     * (it holds {@code jbang-catalog.json}, {@code mvnw} or {@code .git}); the chapters folder's
     * parent when there is none.
     */
    static Path findProjectRoot(Path chaptersDir) {
        Path start = chaptersDir.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("jbang-catalog.json")) || Files.exists(p.resolve("mvnw"))
                    || Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return start.getParent() == null ? start : start.getParent();
    }

    private static String read(Path file) throws SiteException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SiteException(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new SiteException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
