package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code jbang-catalog.json}, derived from the lesson list: one alias per lesson, in list order,
 * named by the kebab case of its class ({@code CreateTask} is {@code create-task},
 * {@code CancelTask2} is {@code cancel-task2}), its {@code script-ref} relative to the catalog's
 * folder and its description copied from the lesson's {@code //DESCRIPTION}. The file is never
 * edited by hand: {@link #check} compares it with {@link #render} and {@link #write} rewrites it.
 */
public final class JbangCatalogFile {

    /** The catalog's file name, at the repository root. */
    public static final String FILE = "jbang-catalog.json";

    private JbangCatalogFile() {
    }

    /**
     * {@return the alias JBang readers type for a lesson: its class name in kebab case}
     *
     * @param className a lesson class name
     */
    public static String alias(String className) {
        return className.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .replace('_', '-')
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Renders the catalog.
     *
     * @param workbook the lesson list
     * @param catalogDir the folder the catalog lives in (script references are relative to it)
     * @return the file's text
     */
    public static String render(Workbook workbook, Path catalogDir) {
        StringBuilder sb = new StringBuilder("{\n  \"aliases\": {");
        List<Lesson> lessons = workbook.lessons();
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            String ref = catalogDir.toAbsolutePath().normalize().relativize(lesson.source().toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            sb.append(i == 0 ? "\n" : ",\n")
                    .append("    ").append(json(alias(lesson.name()))).append(": {\n")
                    .append("      \"script-ref\": ").append(json(ref)).append(",\n")
                    .append("      \"description\": ").append(json(lesson.header().description())).append('\n')
                    .append("    }");
        }
        return sb.append("\n  }\n}\n").toString();
    }

    /**
     * Compares the catalog on disk with the one the list gives.
     *
     * @param workbook the lesson list
     * @param catalog  the catalog file
     * @return empty when they are equal; else a message naming the first differing line and
     *         saying how to rewrite the file
     */
    public static Optional<String> check(Workbook workbook, Path catalog) {
        String wanted = render(workbook, catalog.toAbsolutePath().getParent());
        String actual;
        try {
            actual = Files.isRegularFile(catalog) ? Files.readString(catalog, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + catalog, e);
        }
        if (actual.equals(wanted)) {
            return Optional.empty();
        }
        List<String> a = actual.lines().toList();
        List<String> w = wanted.lines().toList();
        int line = 0;
        while (line < a.size() && line < w.size() && a.get(line).equals(w.get(line))) {
            line++;
        }
        String found = line < a.size() ? a.get(line).strip() : "(end of file)";
        String expected = line < w.size() ? w.get(line).strip() : "(end of file)";
        return Optional.of(catalog + ":" + (line + 1) + ": out of date with " + workbook.list() + " and the lessons' //DESCRIPTION lines"
                + " (found " + found + ", expected " + expected + "); the file is generated: a local ./mvnw verify"
                + " rewrites it (CatalogTest), then commit it");
    }

    /**
     * Writes the catalog.
     *
     * @param workbook the lesson list
     * @param catalog  the file to write
     * @return whether the file changed
     */
    public static boolean write(Workbook workbook, Path catalog) {
        if (check(workbook, catalog).isEmpty()) {
            return false;
        }
        try {
            Files.writeString(catalog, render(workbook, catalog.toAbsolutePath().getParent()), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + catalog, e);
        }
    }

    private static String json(String s) {
        return Json.quote(s);
    }
}
