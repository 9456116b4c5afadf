package io.github.asyncioworkbook.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles all lessons in one javac run (in process, via {@code javax.tools}). */
final class LessonCompiler {

    static final int MIN_JAVA = 25;

    private LessonCompiler() {
    }

    /**
     * Compiles {@code lessons} into {@code classes} (emptied first).
     *
     * @throws LessonCompilationException listing every error as file:line
     */
    static void compile(List<Lesson> lessons, List<Path> classpath, Path classes) {
        if (Runtime.version().feature() < MIN_JAVA) {
            throw new IllegalStateException("lessons need JDK " + MIN_JAVA + "+ but this JVM is "
                    + Runtime.version() + " (java.home=" + System.getProperty("java.home") + ")");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + " (a JDK, not a JRE, is needed to compile lessons)");
        }
        emptyDirectory(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<URI, Path> sources = new HashMap<>();
        lessons.forEach(l -> sources.put(l.source().toAbsolutePath().normalize().toUri(), l.source()));
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(),
                    "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    "-encoding", "UTF-8", "-proc:none", "-implicit:none");
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(
                    lessons.stream().map(Lesson::source).distinct().toList());  // a lesson's runs share one source
            ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(format(d, sources));
            }
        }
        if (!ok || !errors.isEmpty()) {
            if (errors.isEmpty()) {
                errors.add("javac: error: compilation failed without a diagnostic");
            }
            throw new LessonCompilationException(errors, hint(errors));
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d, Map<URI, Path> sources) {
        String message = d.getMessage(Locale.ROOT);
        if (d.getSource() == null) {
            return "javac: error: " + message;
        }
        URI uri = d.getSource().toUri();
        Path file = sources.getOrDefault(uri.normalize(), Path.of(uri));
        return file + ":" + d.getLineNumber() + ": error: " + message;
    }

    private static String hint(List<String> errors) {
        boolean loopCoreMissing = LessonRunner.loopCoreLocation().isEmpty();
        boolean mentionsLoop = errors.stream().anyMatch(e -> e.contains("io.github.asyncioworkbook.loop"));
        if (loopCoreMissing && mentionsLoop) {
            return "note: " + LessonRunner.LOOP_CORE_MARKER + " is not on this JVM's classpath; build and"
                    + " install loop-core first (./mvnw install -pl loop-core) or pass a classpath in RunOptions";
        }
        return "";
    }

    private static void emptyDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
