package io.github.asyncioworkbook.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/** Finds lessons: {@code <root>/<chapter>/<Name>.java}, chapters and lessons sorted by name. */
final class LessonFinder {

    private LessonFinder() {
    }

    static List<Lesson> find(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Lesson> lessons = new ArrayList<>();
        for (Path chapter : sortedChildren(root, Files::isDirectory)) {
            for (Path source : sortedChildren(chapter, p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".java"))) {
                String file = source.getFileName().toString();
                String name = file.substring(0, file.length() - ".java".length());
                if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
                    throw new IllegalStateException(source + ": a lesson's file name must be a Java class name");
                }
                lessons.add(new Lesson(chapter.getFileName().toString(), name, source, chapter.resolve(name + ".out")));
            }
        }
        Map<String, Lesson> byName = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Lesson lesson : lessons) {
            Lesson earlier = byName.putIfAbsent(lesson.name(), lesson);
            if (earlier != null) {
                clashes.add(earlier.source() + " and " + lesson.source());
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("lesson class names must be unique across the workbook; clashing: "
                    + String.join("; ", clashes));
        }
        return List.copyOf(lessons);
    }

    private static List<Path> sortedChildren(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(keep)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
