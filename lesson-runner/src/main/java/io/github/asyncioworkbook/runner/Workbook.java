package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * The workbook's chapters and lessons in reading order, as the one lesson list says:
 * {@code <lessonsDir>/SUMMARY.md}. Tests, the site and {@code jbang-catalog.json} are all derived
 * from it.
 *
 * <h2>The list</h2>
 * Markdown, read line by line. A chapter is a top-level item naming its folder under
 * {@code chapters/}; a lesson is an item indented by two spaces naming its class, under its
 * chapter:
 * <pre>
 * - 05-tasks
 *   - CreateTask
 *   - CancelTask
 * </pre>
 * Headings and prose lines are ignored; any other list item is an error. A chapter folder is
 * {@code NN-slug}, where {@code NN} is the chapter's number (shown to readers): numbers must rise
 * down the list. A chapter may have no lessons (a note only).
 *
 * <h2>Server/client pairs</h2>
 * A lesson item {@code   - EchoServerProtocol + EchoClientProtocol} names a server lesson and its
 * client, server first ({@link LessonPair}). Both become lessons of the chapter, in that order, and
 * the pair is verified as a reader runs it in two terminals ({@link PairRun}), never one side alone.
 *
 * <h2>Checks</h2>
 * {@link #load(Path)} refuses, naming the file and line: a malformed item; a missing chapter folder,
 * note ({@code index.md}) or lesson file; a repeated chapter or lesson name; a chapter folder, lesson
 * file ({@code .java}) or expected file ({@code .out}) that the list does not name; a lesson whose
 * header lacks its {@code //DESCRIPTION} or the script it ports ({@link LessonHeader}), or declares a
 * malformed run with arguments ({@link ArgumentRun}). An expected file {@code Name.<label>.out} is
 * named by the list when lesson {@code Name} declares that run.
 *
 * @param lessonsDir the folder holding {@code SUMMARY.md} and {@code chapters/}
 * @param list       the list file
 * @param chapters   the chapters in list order
 */
public record Workbook(Path lessonsDir, Path list, List<Chapter> chapters) {

    /** The list's file name. */
    public static final String LIST = "SUMMARY.md";
    /** The folder holding one folder per chapter. */
    public static final String CHAPTERS = "chapters";
    /** A chapter's note. */
    public static final String NOTE = "index.md";

    private static final Pattern CHAPTER_ITEM = Pattern.compile("- (\\S.*)");
    private static final Pattern LESSON_ITEM = Pattern.compile("  - (\\S.*)");
    private static final Pattern ANY_ITEM = Pattern.compile("\\s*[-*+](\\s.*)?");
    private static final Pattern SLUG = Pattern.compile("([0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*");

    /**
     * One chapter.
     *
     * @param number  its number, from the folder name ({@code 05-tasks} is 5)
     * @param slug    the folder name
     * @param folder  the folder
     * @param line    the list line naming it
     * @param lessons its lessons in list order (possibly none), both sides of each pair included
     * @param pairs   its server/client pairs, in list order
     */
    public record Chapter(int number, String slug, Path folder, int line, List<Lesson> lessons, List<LessonPair> pairs) {
        /** Copies the lists. */
        public Chapter {
            lessons = List.copyOf(lessons);
            pairs = List.copyOf(pairs);
        }

        /**
         * A chapter without pairs.
         *
         * @param number  its number
         * @param slug    the folder name
         * @param folder  the folder
         * @param line    the list line naming it
         * @param lessons its lessons
         */
        public Chapter(int number, String slug, Path folder, int line, List<Lesson> lessons) {
            this(number, slug, folder, line, lessons, List.of());
        }

        /** {@return the chapter's note, {@code index.md}} */
        public Path note() {
            return folder.resolve(NOTE);
        }
    }

    /** Copies the list. */
    public Workbook {
        Objects.requireNonNull(lessonsDir, "lessonsDir");
        chapters = List.copyOf(chapters);
    }

    /** {@return every lesson in reading order, both sides of each pair included} */
    public List<Lesson> lessons() {
        return chapters.stream().flatMap(c -> c.lessons().stream()).toList();
    }

    /** {@return every server/client pair in reading order} */
    public List<LessonPair> pairs() {
        return chapters.stream().flatMap(c -> c.pairs().stream()).toList();
    }

    /** {@return the lessons that run alone: every lesson that is no side of a pair, in reading order} */
    public List<Lesson> soloLessons() {
        return lessons().stream().filter(l -> pairOf(l).isEmpty()).toList();
    }

    /**
     * {@return the pair {@code lesson} is a side of, if any}
     *
     * @param lesson a lesson of this workbook
     */
    public java.util.Optional<LessonPair> pairOf(Lesson lesson) {
        return pairs().stream().filter(p -> p.contains(lesson)).findFirst();
    }

    /**
     * {@return every run of every lesson in reading order: each lesson, followed by its runs with
     * arguments ({@link Lesson#runs()})}
     */
    public List<Lesson> runs() {
        return lessons().stream().flatMap(l -> l.runs().stream()).toList();
    }

    /**
     * Reads and checks the list.
     *
     * @param lessonsDir the folder holding {@value #LIST} and {@value #CHAPTERS}/
     * @return the workbook
     * @throws LessonListException naming the file and line of the first problem found
     */
    public static Workbook load(Path lessonsDir) {
        Path list = lessonsDir.resolve(LIST);
        Path chaptersDir = lessonsDir.resolve(CHAPTERS);
        if (!Files.isRegularFile(list)) {
            throw new LessonListException(list, 0, "the lesson list is missing; it names every chapter folder and lesson in reading order");
        }
        List<String> lines = read(list);
        List<Chapter> chapters = new ArrayList<>();
        String slug = null;
        Path folder = null;
        int chapterLine = 0;
        List<Lesson> lessons = new ArrayList<>();
        List<LessonPair> pairs = new ArrayList<>();
        Map<String, Integer> seenLessons = new HashMap<>();
        int previousNumber = 0;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).stripTrailing();
            Matcher chapter = CHAPTER_ITEM.matcher(line);
            Matcher lesson = LESSON_ITEM.matcher(line);
            if (chapter.matches()) {
                if (slug != null) {
                    chapters.add(new Chapter(previousNumber, slug, folder, chapterLine, lessons, pairs));
                }
                slug = chapter.group(1);
                Matcher s = SLUG.matcher(slug);
                if (!s.matches()) {
                    throw new LessonListException(list, n, "chapter '" + slug + "' must be a folder name NN-slug, e.g. 05-tasks");
                }
                int number = Integer.parseInt(s.group(1));
                if (number <= previousNumber) {
                    throw new LessonListException(list, n, "chapter " + slug + " comes after chapter " + previousNumber
                            + "; chapter numbers must rise down the list");
                }
                folder = chaptersDir.resolve(slug);
                if (!Files.isRegularFile(folder.resolve(NOTE))) {
                    throw new LessonListException(list, n, "chapter " + slug + " has no note " + folder.resolve(NOTE));
                }
                previousNumber = number;
                chapterLine = n;
                lessons = new ArrayList<>();
                pairs = new ArrayList<>();
            } else if (lesson.matches()) {
                String item = lesson.group(1);
                if (slug == null) {
                    throw new LessonListException(list, n, "lesson '" + item + "' is listed before any chapter");
                }
                String[] names = item.split("\\+", -1);
                if (names.length > 2 || names.length == 2 && (names[0].isBlank() || names[1].isBlank())) {
                    throw new LessonListException(list, n, "malformed pair '" + item + "'; a server and its client are '  - Server + Client'");
                }
                List<Lesson> listed = new ArrayList<>();
                for (String part : names) {
                    listed.add(lesson(list, n, part.strip(), folder, slug, seenLessons));
                }
                lessons.addAll(listed);
                if (listed.size() == 2) {
                    pairs.add(new LessonPair(listed.get(0), listed.get(1)));
                }
            } else if (ANY_ITEM.matcher(line).matches()) {
                throw new LessonListException(list, n, "malformed item; a chapter is '- NN-slug' and a lesson '  - ClassName' (two spaces)");
            }
        }
        if (slug != null) {
            chapters.add(new Chapter(previousNumber, slug, folder, chapterLine, lessons, pairs));
        }
        Workbook workbook = new Workbook(lessonsDir, list, chapters);
        workbook.refuseUnlisted(chaptersDir);
        return workbook;
    }

    /** One lesson item (or one side of a pair): checks the name, its file and its header. */
    private static Lesson lesson(Path list, int n, String name, Path folder, String slug, Map<String, Integer> seenLessons) {
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new LessonListException(list, n, "'" + name + "' is not a Java class name; list a lesson by its class name, e.g. CreateTask");
        }
        Integer earlier = seenLessons.putIfAbsent(name, n);
        if (earlier != null) {
            throw new LessonListException(list, n, "lesson " + name + " is already listed at line " + earlier
                    + " (lessons are compiled together, so class names must be unique)");
        }
        Path source = folder.resolve(name + ".java");
        if (!Files.isRegularFile(source)) {
            throw new LessonListException(list, n, "lesson " + name + " is listed but " + source + " does not exist");
        }
        String text = String.join("\n", read(source));
        LessonHeader.parse(source, text);
        ArgumentRun.parse(source, text);
        return new Lesson(slug, name, source, folder.resolve(name + ".out"));
    }

    /** Every chapter folder, lesson file and expected file on disk must be named by the list. */
    private void refuseUnlisted(Path chaptersDir) {
        Map<String, Chapter> bySlug = new HashMap<>();
        chapters.forEach(c -> bySlug.put(c.slug(), c));
        for (Path dir : children(chaptersDir)) {
            String name = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || name.startsWith(".")) {
                continue;
            }
            Chapter chapter = bySlug.get(name);
            if (chapter == null) {
                throw new LessonListException(dir, 0, "chapter folder is not in the lesson list; add '- " + name + "' to " + list);
            }
            for (Path file : children(dir)) {
                String fileName = file.getFileName().toString();
                boolean java = fileName.endsWith(".java");
                if (!java && !fileName.endsWith(".out")) {
                    continue;
                }
                String lesson = fileName.substring(0, fileName.lastIndexOf('.'));
                if (!java && lesson.contains(".") && chapter.lessons().stream()
                        .flatMap(l -> l.runs().stream()).anyMatch(run -> run.expected().equals(file))) {
                    continue;  // Name.<label>.out of a run with arguments the lesson declares
                }
                if (chapter.lessons().stream().noneMatch(l -> l.name().equals(lesson))) {
                    throw new LessonListException(file, 0, java
                            ? "lesson is not in the lesson list; add '  - " + lesson + "' under '- " + name + "' in " + list
                            : "expected output of no listed lesson; list " + lesson + " in " + list + " or delete this file");
                }
            }
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
