package io.github.asyncioworkbook.site.load;

import io.github.asyncioworkbook.runner.JbangCatalogFile;
import io.github.asyncioworkbook.runner.LessonHeader;
import io.github.asyncioworkbook.runner.LessonListException;
import io.github.asyncioworkbook.runner.Workbook;
import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRerun;
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
import java.util.List;
import java.util.Optional;

/**
 * Load stage: reads the workbook into a {@link Book}.
 *
 * <p>The chapters, their numbers and their lessons come from the one lesson list,
 * {@code <lessons>/SUMMARY.md} ({@link Workbook}, which refuses anything on disk the list does not
 * name). For each chapter the loader reads the note {@code index.md} and, for each lesson,
 * {@code Name.java} and its expected output {@code Name.out} (and {@code Name.<label>.out} for each run
 * with arguments the lesson declares, {@link LessonRerun}). It checks everything it can without
 * running code:
 * <ul>
 *   <li>the list is well formed and complete ({@link Workbook#load(Path)});</li>
 *   <li>the front matter is well formed and has a title ({@link FrontMatterParser});</li>
 *   <li>every lesson has its {@code .out} file;</li>
 *   <li>every lesson embedded in a note belongs to that chapter;</li>
 *   <li>when the project has a {@code jbang-catalog.json}, it is the one the list gives
 *       ({@link JbangCatalogFile}), so the command shown to readers exists.</li>
 * </ul>
 * Each failure is a {@link SiteException} naming the file and line.
 */
public final class BookLoader {

    private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** Creates a loader. */
    public BookLoader() {
    }

    /**
     * Loads a book.
     *
     * @param lessonsDir the lessons folder (holding {@code SUMMARY.md} and {@code chapters/}), or its
     *     {@code chapters} folder
     * @return the book, chapters in list order, lessons without runs
     * @throws SiteException when the list, a note or a lesson is missing or malformed
     */
    public Book load(Path lessonsDir) throws SiteException {
        Path dir = !Files.exists(lessonsDir.resolve(Workbook.LIST)) && lessonsDir.getFileName() != null
                && lessonsDir.getFileName().toString().equals(Workbook.CHAPTERS) && lessonsDir.getParent() != null
                ? lessonsDir.getParent() : lessonsDir;
        if (!Files.isDirectory(dir)) {
            throw new SiteException(lessonsDir + ": not a directory");
        }
        Workbook workbook;
        try {
            workbook = Workbook.load(dir);
        } catch (LessonListException e) {
            throw new SiteException(e.getMessage(), e);
        }
        Path chaptersDir = dir.resolve(Workbook.CHAPTERS);
        Path projectRoot = findProjectRoot(chaptersDir);
        Path catalog = projectRoot.resolve(JbangCatalogFile.FILE);
        if (Files.isRegularFile(catalog)) {
            Optional<String> stale = JbangCatalogFile.check(workbook, catalog);
            if (stale.isPresent()) {
                throw new SiteException(stale.get());
            }
        }
        List<Chapter> chapters = new ArrayList<>();
        for (Workbook.Chapter c : workbook.chapters()) {
            chapters.add(loadChapter(c));
        }
        return new Book(chaptersDir, projectRoot, chapters);
    }

    private Chapter loadChapter(Workbook.Chapter listed) throws SiteException {
        Path note = listed.note();
        FrontMatterParser.Note parsed = FrontMatterParser.parse(note, read(note));
        FrontMatter fm = parsed.frontMatter();

        List<Lesson> lessons = new ArrayList<>();
        for (io.github.asyncioworkbook.runner.Lesson l : listed.lessons()) {
            if (!Files.isRegularFile(l.expected())) {
                throw new SiteException(l.expected() + ": missing; every lesson needs its expected output beside it"
                        + " (what it prints under the virtual clock; -Dlessons.overwrite=true writes it from a run)");
            }
            String sourceText = read(l.source());
            LessonHeader header;
            try {
                header = LessonHeader.parse(l.source(), sourceText);
            } catch (LessonListException e) {
                throw new SiteException(e.getMessage(), e);
            }
            List<LessonRerun> reruns = new ArrayList<>();
            for (io.github.asyncioworkbook.runner.Lesson rerun : l.runs().subList(1, l.runs().size())) {
                if (!Files.isRegularFile(rerun.expected())) {
                    throw new SiteException(rerun.expected() + ": missing; the run with arguments '" + String.join(" ", rerun.arguments())
                            + "' that " + l.source().getFileName() + " declares needs its own expected output");
                }
                reruns.add(new LessonRerun(rerun.arguments(), rerun.expected(), read(rerun.expected()), null));
            }
            lessons.add(new Lesson(l.name(), JbangCatalogFile.alias(l.name()), l.source(), sourceText, l.expected(),
                    read(l.expected()), header, null, reruns));
        }

        Node document = parser.parse(parsed.body());
        for (LessonEmbeds.Embed embed : LessonEmbeds.find(document)) {
            if (lessons.stream().noneMatch(l -> l.name().equals(embed.lessonName()))) {
                int line = embed.lineIndex() < 0 ? 1 : parsed.bodyFirstLine() + embed.lineIndex();
                throw new SourceException(note, line, "embedded lesson '" + embed.lessonName()
                        + ".java' is not a lesson of this chapter; list it under '- " + listed.slug() + "' in lessons/SUMMARY.md");
            }
        }
        return new Chapter(listed.slug(), listed.number(), note, fm.title(), fm.date(), fm.pymotw(),
                parsed.body(), parsed.bodyFirstLine(), lessons, null, null);
    }

    /**
     * {@return the nearest folder above the chapters that looks like the repository root}
     * (it holds {@code jbang-catalog.json}, {@code mvnw} or {@code .git}); the chapters folder's
     * parent when there is none.
     */
    static Path findProjectRoot(Path chaptersDir) {
        Path start = chaptersDir.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(JbangCatalogFile.FILE)) || Files.exists(p.resolve("mvnw"))
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
